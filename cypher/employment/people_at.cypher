// The people working at an organisation as of a date, directors first, then by name.
// params: organisation_id, as_of
MATCH (p:Person)-[w:WORKS_AT]->(:Organisation {id: $organisation_id})
WHERE @employed(w, $as_of) AND NOT @opted_out(p)
WITH DISTINCT p
RETURN p.id AS id
ORDER BY CASE p.level WHEN 'board' THEN 0 WHEN 'executive' THEN 1 ELSE 2 END, p.name, p.id
