// The pairs that have a stored TIE, grouped by the smaller id (to count what a run removes).
// params: none
MATCH (a:Person)-[:TIE]->(b:Person)
RETURN a.id AS a, collect(b.id) AS b
