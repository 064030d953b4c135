// Directors of every client as of a date (same rule as coverage.directors), and every client
// (with a null director when it has none), so that the portfolio lists them all. One row
// holding a list of [organisation id, organisation name, id, name, title, level, interests]
// sorted by organisation and id: thousands of records cost the driver ~5x more.
// params: as_of, levels
MATCH (o:Organisation {kind: 'client'})
OPTIONAL MATCH (o)<-[w:WORKS_AT]-(p:Person)
WHERE w.level IN $levels
  AND NOT coalesce(p.opt_out, false)
  AND (w.from IS NULL OR w.from <= $as_of)
  AND (w.until IS NULL OR w.until > $as_of)
  AND (w.from IS NOT NULL OR w.until IS NOT NULL OR w.current = true)
WITH o, p, w
ORDER BY o.id, p.id
RETURN collect([o.id, o.name, p.id, p.name, coalesce(w.title, p.title, ''), w.level,
                coalesce(p.interests, [])]) AS directors
