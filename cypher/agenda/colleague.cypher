// One person (not opted out) with their title and interests, and whether the home
// organisation employs them as of a date (the job rule of coverage.colleagues).
// params: id, as_of
MATCH (p:Person {id: $id})
WHERE NOT coalesce(p.opt_out, false)
OPTIONAL MATCH (p)-[w:WORKS_AT]->(:Organisation {kind: 'home'})
WHERE (w.from IS NULL OR w.from <= $as_of)
  AND (w.until IS NULL OR w.until > $as_of)
  AND (w.from IS NOT NULL OR w.until IS NOT NULL OR w.current = true)
RETURN p.id AS id, p.name AS name, coalesce(p.title, '') AS title,
       coalesce(p.interests, []) AS interests, count(w) > 0 AS colleague
