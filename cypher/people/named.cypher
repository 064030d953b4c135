// Names of the given people (opted-out people are not returned).
// params: ids
UNWIND $ids AS id
MATCH (p:Person {id: id})
WHERE NOT @opted_out(p)
RETURN p.id AS id, p.name AS name, coalesce(p.title, '') AS title,
       coalesce(p.interests, []) AS interests
