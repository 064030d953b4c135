// Counts of the graph's main parts, for `graphx stats`.
// params: none
CALL () { MATCH (o:Organisation) RETURN count(o) AS organisations }
CALL () { MATCH (p:Person) RETURN count(p) AS people }
CALL () { MATCH (c:Conversation) RETURN count(c) AS conversations }
CALL () { MATCH ()-[r:PARTICIPATED]->() RETURN count(r) AS participations }
CALL () { MATCH ()-[t:TIE]->() RETURN count(t) AS ties }
RETURN organisations, people, conversations, participations, ties
