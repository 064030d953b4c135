// Merges person $drop into person $keep: participations (organizer wins when both took part),
// addresses and jobs move to $keep, missing properties are filled from $drop, interests join,
// opt-out is kept if either opted out; $drop and its ties are deleted.
// Returns the conversations whose participants changed (to recount and re-score).
// params: keep, drop
MATCH (k:Person {id: $keep})
MATCH (d:Person {id: $drop})
CALL (k, d) {
  OPTIONAL MATCH (d)-[r:PARTICIPATED]->(c:Conversation)
  OPTIONAL MATCH (k)-[own:PARTICIPATED]->(c)
  FOREACH (_ IN CASE WHEN r IS NOT NULL AND own IS NULL THEN [1] ELSE [] END |
    CREATE (k)-[:PARTICIPATED {role: r.role}]->(c))
  FOREACH (x IN CASE WHEN own IS NOT NULL AND r.role = 'organizer' THEN [own] ELSE [] END |
    SET x.role = 'organizer')
  DELETE r
  RETURN collect(c.id) AS conversations
}
CALL (k, d) {
  MATCH (d)-[r:HAS_EMAIL]->(e:Email)
  MERGE (k)-[:HAS_EMAIL]->(e)
  DELETE r
}
CALL (k, d) {
  OPTIONAL MATCH (k)-[kc:WORKS_AT {current: true}]->(:Organisation)
  WITH k, d, count(kc) > 0 AS keep_has_current
  MATCH (d)-[r:WORKS_AT]->(o:Organisation)
  OPTIONAL MATCH (k)-[same:WORKS_AT]->(o)
    WHERE same.current = r.current
      AND (r.current OR same.from = r.from OR (same.from IS NULL AND r.from IS NULL))
  WITH k, r, o, keep_has_current, count(same) > 0 AS duplicate
  FOREACH (_ IN CASE WHEN duplicate THEN [] ELSE [1] END |
    CREATE (k)-[w:WORKS_AT]->(o)
    SET w = properties(r), w.current = r.current AND NOT keep_has_current)
  DELETE r
}
SET k.name = coalesce(k.name, d.name),
    k.title = coalesce(k.title, d.title),
    k.level = coalesce(k.level, d.level),
    k.interests = CASE WHEN k.interests IS NULL AND d.interests IS NULL THEN null
      ELSE coalesce(k.interests, [])
           + [i IN coalesce(d.interests, []) WHERE NOT i IN coalesce(k.interests, [])] END,
    k.opt_out = @opted_out(k) OR @opted_out(d)
DETACH DELETE d
RETURN k.id AS id, k.opt_out AS opt_out, conversations
