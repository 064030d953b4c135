// Sets each person's current job (people.csv): one WORKS_AT {current: true}; a current job at
// another organisation becomes history (current false). A null organisation_id ends it.
// params: rows
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
CALL (p, row) {
  MATCH (p)-[w:WORKS_AT {current: true}]->(o:Organisation)
  WHERE row.organisation_id IS NULL OR o.id <> row.organisation_id
  SET w.current = false
}
WITH p, row
WHERE row.organisation_id IS NOT NULL
MATCH (o:Organisation {id: row.organisation_id})
OPTIONAL MATCH (p)-[existing:WORKS_AT {current: true}]->(o)
WITH p, o, row, head(collect(existing)) AS existing
WITH p, o, row, CASE
  WHEN existing IS NULL THEN 'created'
  WHEN (existing.title = row.title OR (existing.title IS NULL AND row.title IS NULL))
   AND (existing.level = row.level OR (existing.level IS NULL AND row.level IS NULL))
   AND (existing.from = row.from OR (existing.from IS NULL AND row.from IS NULL)) THEN 'unchanged'
  ELSE 'updated' END AS outcome
MERGE (p)-[w:WORKS_AT {current: true}]->(o)
SET w.title = row.title, w.level = row.level, w.from = row.from, w.until = null
RETURN count(CASE outcome WHEN 'created' THEN 1 END) AS created,
       count(CASE outcome WHEN 'updated' THEN 1 END) AS updated,
       count(CASE outcome WHEN 'unchanged' THEN 1 END) AS unchanged
