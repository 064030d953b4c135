// Every participation as a row of participants.csv, by conversation, then person. The
// conversations come in the order of their id index, so only each one's people are sorted.
// params: none
MATCH (c:Conversation) WHERE c.id IS NOT NULL
WITH c ORDER BY c.id
MATCH (p:Person)-[r:PARTICIPATED]->(c)
RETURN c.id AS conversation_id, p.id AS person_id, r.role AS role
ORDER BY conversation_id, person_id
