// Every conversation as a row of conversations.csv, by id.
// params: none
MATCH (c:Conversation)
RETURN c.id AS id, c.date AS date, c.kind AS kind, c.depth AS depth,
       c.duration_minutes AS duration_minutes, c.subject AS subject
ORDER BY id
