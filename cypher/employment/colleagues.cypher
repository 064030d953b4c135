// Colleagues as of a date: people employed then by the `home` organisation
// (@employed); opted-out people left out. One row holding a list of
// [id, name, title, interests] sorted by id: thousands of records cost the driver ~5x more.
// params: as_of
MATCH (:Organisation {kind: 'home'})<-[w:WORKS_AT]-(p:Person)
WHERE NOT @opted_out(p)
  AND @employed(w, $as_of)
WITH DISTINCT p
ORDER BY p.id
RETURN collect([p.id, p.name, coalesce(p.title, ''), coalesce(p.interests, [])]) AS people
