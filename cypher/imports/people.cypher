// Creates or updates people by id; counts what was created, changed or left as it was.
// params: rows
UNWIND $rows AS row
OPTIONAL MATCH (existing:Person {id: row.id})
WITH row, CASE
  WHEN existing IS NULL THEN 'created'
  WHEN all(k IN keys(row.props) WHERE existing[k] = row.props[k]
           OR (existing[k] IS NULL AND row.props[k] IS NULL)) THEN 'unchanged'
  ELSE 'updated' END AS outcome
MERGE (p:Person {id: row.id})
SET p += row.props
RETURN count(CASE outcome WHEN 'created' THEN 1 END) AS created,
       count(CASE outcome WHEN 'updated' THEN 1 END) AS updated,
       count(CASE outcome WHEN 'unchanged' THEN 1 END) AS unchanged
