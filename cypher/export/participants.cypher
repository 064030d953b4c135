// Every participation as a row of participants.csv.
// params: none
MATCH (p:Person)-[r:PARTICIPATED]->(c:Conversation)
RETURN c.id AS conversation_id, p.id AS person_id, r.role AS role
