// One person (not opted out) with their title and interests, and whether the home
// organisation employs them as of a date (@employed).
// params: id, as_of
MATCH (p:Person {id: $id})
WHERE NOT @opted_out(p)
OPTIONAL MATCH (p)-[w:WORKS_AT]->(:Organisation {kind: 'home'})
WHERE @employed(w, $as_of)
RETURN p.id AS id, p.name AS name, coalesce(p.title, '') AS title,
       coalesce(p.interests, []) AS interests, count(w) > 0 AS colleague
