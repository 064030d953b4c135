// Writes computed ties: one TIE per pair from the smaller id to the larger, its properties
// replaced by row.props (rows: {a, b, props}).
// params: rows
UNWIND $rows AS row
MATCH (a:Person {id: row.a})
MATCH (b:Person {id: row.b})
MERGE (a)-[t:TIE]->(b)
SET t = row.props
