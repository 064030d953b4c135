// Colleagues as of a date: people employed then by the `home` organisation (same rule for a
// current job as coverage.directors); opted-out people left out.
// params: as_of
MATCH (:Organisation {kind: 'home'})<-[w:WORKS_AT]-(p:Person)
WHERE NOT coalesce(p.opt_out, false)
  AND (w.from IS NULL OR w.from <= $as_of)
  AND (w.until IS NULL OR w.until > $as_of)
  AND (w.from IS NOT NULL OR w.until IS NOT NULL OR w.current = true)
RETURN DISTINCT p.id AS id, p.name AS name, coalesce(p.title, '') AS title,
       coalesce(p.interests, []) AS interests
ORDER BY id
