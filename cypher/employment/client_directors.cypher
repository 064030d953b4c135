// Directors of every client as of a date (@employed), and every client
// (with a null director when it has none), so that the portfolio lists them all. One row
// holding a list of [organisation id, organisation name, id, name, title, level, interests]
// sorted by organisation and id: thousands of records cost the driver ~5x more.
// params: as_of, levels
MATCH (o:Organisation {kind: 'client'})
OPTIONAL MATCH (o)<-[w:WORKS_AT]-(p:Person)
WHERE w.level IN $levels
  AND NOT @opted_out(p)
  AND @employed(w, $as_of)
WITH o, p, w
ORDER BY o.id, p.id
RETURN collect([o.id, o.name, p.id, p.name, coalesce(w.title, p.title, ''), w.level,
                coalesce(p.interests, [])]) AS directors
