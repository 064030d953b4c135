// The client directors among some people as of a date (@employed), each
// with the client they direct; opted-out people left out.
// params: ids, as_of, levels
UNWIND $ids AS person_id
MATCH (p:Person {id: person_id})-[w:WORKS_AT]->(o:Organisation {kind: 'client'})
WHERE w.level IN $levels
  AND NOT @opted_out(p)
  AND @employed(w, $as_of)
RETURN o.id AS organisation_id, o.name AS organisation_name, p.id AS id, p.name AS name,
       coalesce(w.title, p.title, '') AS title, w.level AS level,
       coalesce(p.interests, []) AS interests
