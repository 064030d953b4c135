// Colleagues as of a date: people employed then by the `home` organisation (same rule for a
// current job as coverage.directors); opted-out people left out. One row holding a list of
// [id, name, title, interests] sorted by id: thousands of records cost the driver ~5x more.
// params: as_of
MATCH (:Organisation {kind: 'home'})<-[w:WORKS_AT]-(p:Person)
WHERE NOT coalesce(p.opt_out, false)
  AND (w.from IS NULL OR w.from <= $as_of)
  AND (w.until IS NULL OR w.until > $as_of)
  AND (w.from IS NOT NULL OR w.until IS NOT NULL OR w.current = true)
WITH DISTINCT p
ORDER BY p.id
RETURN collect([p.id, p.name, coalesce(p.title, ''), coalesce(p.interests, [])]) AS people
