// The people working at each client as of a date, at any level (the employment rule of
// coverage.directors); opted-out people left out. One row per client that has any.
// params: as_of
MATCH (o:Organisation {kind: 'client'})<-[w:WORKS_AT]-(p:Person)
WHERE NOT coalesce(p.opt_out, false)
  AND (w.from IS NULL OR w.from <= $as_of)
  AND (w.until IS NULL OR w.until > $as_of)
  AND (w.from IS NOT NULL OR w.until IS NOT NULL OR w.current = true)
RETURN o.id AS client_id, collect(DISTINCT p.id) AS people
