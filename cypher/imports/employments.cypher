// Records past jobs (employments.csv) as WORKS_AT {current: false}, one per person,
// organisation and start date.
// params: rows
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MATCH (o:Organisation {id: row.organisation_id})
OPTIONAL MATCH (p)-[old:WORKS_AT {current: false}]->(o)
  WHERE (old.from = row.from OR (old.from IS NULL AND row.from IS NULL))
WITH p, o, row, head(collect(old)) AS existing
WITH p, o, row, existing, CASE
  WHEN existing IS NULL THEN 'created'
  WHEN (existing.title = row.title OR (existing.title IS NULL AND row.title IS NULL))
   AND (existing.level = row.level OR (existing.level IS NULL AND row.level IS NULL))
   AND (existing.until = row.until OR (existing.until IS NULL AND row.until IS NULL)) THEN 'unchanged'
  ELSE 'updated' END AS outcome
FOREACH (_ IN CASE WHEN existing IS NULL THEN [1] ELSE [] END |
  CREATE (p)-[:WORKS_AT {current: false, title: row.title, level: row.level,
                         from: row.from, until: row.until}]->(o))
FOREACH (w IN CASE WHEN existing IS NULL THEN [] ELSE [existing] END |
  SET w.title = row.title, w.level = row.level, w.until = row.until)
RETURN count(CASE outcome WHEN 'created' THEN 1 END) AS created,
       count(CASE outcome WHEN 'updated' THEN 1 END) AS updated,
       count(CASE outcome WHEN 'unchanged' THEN 1 END) AS unchanged
