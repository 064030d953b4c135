// Records who took part in a conversation, with their role (organizer or attendee).
// params: rows
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MATCH (c:Conversation {id: row.conversation_id})
OPTIONAL MATCH (p)-[existing:PARTICIPATED]->(c)
WITH p, c, row, CASE
  WHEN existing IS NULL THEN 'created'
  WHEN existing.role = row.role THEN 'unchanged'
  ELSE 'updated' END AS outcome
MERGE (p)-[r:PARTICIPATED]->(c)
SET r.role = row.role
RETURN count(CASE outcome WHEN 'created' THEN 1 END) AS created,
       count(CASE outcome WHEN 'updated' THEN 1 END) AS updated,
       count(CASE outcome WHEN 'unchanged' THEN 1 END) AS unchanged
