// The given people with the organisation they work at as of a date, for drawing a network.
// params: ids, as_of
UNWIND $ids AS id
MATCH (p:Person {id: id})
WHERE NOT @opted_out(p)
OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organisation)
WHERE @employed(w, $as_of)
WITH p, o ORDER BY w.current DESC, w.from DESC, o.id
WITH p, head(collect(o)) AS o
RETURN p.id AS id, p.name AS name, coalesce(p.title, '') AS title, coalesce(p.level, '') AS level,
       o.id AS organisation_id, coalesce(o.name, '') AS organisation_name,
       coalesce(o.kind, 'other') AS organisation_kind
