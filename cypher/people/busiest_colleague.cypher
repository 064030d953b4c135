// The colleague (as of a date) with the most stored ties, whom the demo login stands for.
// params: as_of
MATCH (p:Person)-[w:WORKS_AT]->(:Organisation {kind: 'home'})
WHERE @employed(w, $as_of) AND NOT @opted_out(p)
WITH DISTINCT p
RETURN p.id AS id, p.name AS name, COUNT { (p)-[:TIE]-() } AS ties
ORDER BY ties DESC, id
LIMIT 1
