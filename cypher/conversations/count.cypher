// How many conversations the graph holds: whether a change is a large share of them.
// params: none
MATCH (c:Conversation)
RETURN count(c) AS conversations
