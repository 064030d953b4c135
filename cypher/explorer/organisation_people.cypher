// The people currently at an organisation, directors first, for an organisation's ego network.
// params: organisation_id, limit
MATCH (p:Person)-[:WORKS_AT {current: true}]->(:Organisation {id: $organisation_id})
WHERE NOT coalesce(p.opt_out, false)
RETURN p.id AS id
ORDER BY CASE p.level WHEN 'board' THEN 0 WHEN 'executive' THEN 1 ELSE 2 END, p.name, p.id
LIMIT $limit
