// The people working at each client as of a date (@employed), at any level; opted-out people
// left out. One row per client that has any.
// params: as_of
MATCH (o:Organisation {kind: 'client'})<-[w:WORKS_AT]-(p:Person)
WHERE NOT @opted_out(p)
  AND @employed(w, $as_of)
RETURN o.id AS client_id, collect(DISTINCT p.id) AS people
