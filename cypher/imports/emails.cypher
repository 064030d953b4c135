// Gives people their (lower-case) e-mail addresses.
// params: rows
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
OPTIONAL MATCH (p)-[existing:HAS_EMAIL]->(:Email {address: row.address})
MERGE (e:Email {address: row.address})
MERGE (p)-[:HAS_EMAIL]->(e)
RETURN count(CASE WHEN existing IS NULL THEN 1 END) AS created,
       count(existing) AS unchanged
