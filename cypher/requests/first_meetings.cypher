// For introduced requests: the first conversation the asker and the target had without the
// introducer, from the day of the introduction up to a moment (none when they have not met).
// params: rows, until
UNWIND $rows AS row
MATCH (a:Person {id: row.from})-[:PARTICIPATED]->(c:Conversation)<-[:PARTICIPATED]-(b:Person {id: row.to})
WHERE c.date >= row.since AND c.date < $until
  AND NOT EXISTS { (c)<-[:PARTICIPATED]-(:Person {id: row.via}) }
WITH row, c
ORDER BY c.date, c.id
WITH row, collect(c)[0] AS first
RETURN row.id AS id, first.id AS conversation_id, first.date AS date, first.kind AS kind
