// Creates or updates conversations by id; counts what was created, changed or left as it was.
// A row's date comes as [seconds, nanoseconds] since the epoch (UTC): far cheaper to send than a
// date-time. A conversation just created by the MERGE has no date yet.
// params: rows
UNWIND $rows AS row
WITH row, datetime({epochSeconds: row.at[0], nanosecond: row.at[1]}) AS date
MERGE (c:Conversation {id: row.id})
WITH c, row, date, CASE
  WHEN c.date IS NULL THEN 'created'
  WHEN c.date = date AND all(k IN keys(row.props) WHERE c[k] = row.props[k]
           OR (c[k] IS NULL AND row.props[k] IS NULL)) THEN 'unchanged'
  ELSE 'updated' END AS outcome
SET c += row.props, c.date = date
RETURN count(CASE outcome WHEN 'created' THEN 1 END) AS created,
       count(CASE outcome WHEN 'updated' THEN 1 END) AS updated,
       count(CASE outcome WHEN 'unchanged' THEN 1 END) AS unchanged
