// The alternative measured against ties.conversations (docs/depth.md): pairs expanded in
// Cypher, one row per pair with its whole history [at, kind, depth, minutes, size, role_a, role_b].
// params: until
MATCH (a:Person)-[ra:PARTICIPATED]->(c:Conversation)<-[rb:PARTICIPATED]-(b:Person)
WHERE a.id < b.id AND c.date < $until
  AND NOT coalesce(a.opt_out, false) AND NOT coalesce(b.opt_out, false)
RETURN a.id AS a, b.id AS b,
       collect([c.date.epochSeconds, c.kind, c.depth, c.duration_minutes, c.participants,
                ra.role, rb.role]) AS history
