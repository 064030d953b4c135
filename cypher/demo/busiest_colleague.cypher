// The colleague with the most stored ties, whom the demo login stands for.
// params: none
MATCH (p:Person)-[:WORKS_AT {current: true}]->(:Organisation {kind: 'home'})
WHERE NOT coalesce(p.opt_out, false)
RETURN p.id AS id, p.name AS name, COUNT { (p)-[:TIE]-() } AS ties
ORDER BY ties DESC, id
LIMIT 1
