// The people currently working at an organisation named by id (or by exact name).
// params: organisation
MATCH (p:Person)-[w:WORKS_AT]->(o:Organisation)
WHERE (o.id = $organisation OR o.name = $organisation)
  AND coalesce(w.current, w.until IS NULL) AND NOT coalesce(p.opt_out, false)
RETURN DISTINCT p.id AS id
