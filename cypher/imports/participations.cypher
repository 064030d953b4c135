// Records who took part in a conversation, with their role (organizer or attendee). Every
// PARTICIPATED has a role, so one the MERGE has just created is the one without.
// params: rows
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MATCH (c:Conversation {id: row.conversation_id})
MERGE (p)-[r:PARTICIPATED]->(c)
WITH r, row, CASE
  WHEN r.role IS NULL THEN 'created'
  WHEN r.role = row.role THEN 'unchanged'
  ELSE 'updated' END AS outcome
SET r.role = row.role
RETURN count(CASE outcome WHEN 'created' THEN 1 END) AS created,
       count(CASE outcome WHEN 'updated' THEN 1 END) AS updated,
       count(CASE outcome WHEN 'unchanged' THEN 1 END) AS unchanged
