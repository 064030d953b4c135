// The conversations a person took part in, with their metadata and the person's role;
// oldest first.
// params: id
MATCH (:Person {id: $id})-[r:PARTICIPATED]->(c:Conversation)
RETURN c.id AS conversation_id, c.date AS date, c.kind AS kind, c.depth AS depth,
       c.duration_minutes AS duration_minutes, c.subject AS subject, c.source AS source,
       c.participants AS participants, r.role AS role
ORDER BY c.date, c.id
