// Directors of every client as of a date (same rule as coverage.directors), and every client
// (with a null director when it has none), so that the portfolio lists them all.
// params: as_of, levels
MATCH (o:Organisation {kind: 'client'})
OPTIONAL MATCH (o)<-[w:WORKS_AT]-(p:Person)
WHERE w.level IN $levels
  AND NOT coalesce(p.opt_out, false)
  AND (w.from IS NULL OR w.from <= $as_of)
  AND (w.until IS NULL OR w.until > $as_of)
  AND (w.from IS NOT NULL OR w.until IS NOT NULL OR w.current = true)
RETURN o.id AS organisation_id, o.name AS organisation_name, p.id AS id, p.name AS name,
       coalesce(w.title, p.title, '') AS title, w.level AS level, w.from AS since,
       coalesce(p.interests, []) AS interests
ORDER BY organisation_id, id
