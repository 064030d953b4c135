// The given people with their current organisation, for drawing a network.
// params: ids
UNWIND $ids AS id
MATCH (p:Person {id: id})
WHERE NOT coalesce(p.opt_out, false)
OPTIONAL MATCH (p)-[:WORKS_AT {current: true}]->(o:Organisation)
WITH p, head(collect(o)) AS o
RETURN p.id AS id, p.name AS name, coalesce(p.title, '') AS title, coalesce(p.level, '') AS level,
       o.id AS organisation_id, coalesce(o.name, '') AS organisation_name,
       coalesce(o.kind, 'other') AS organisation_kind
