// People whose name matches every word prefix of the fulltext query, or whose e-mail address
// starts with the typed text, with where they work as of a date; opted-out people are never
// found.
// params: words, address, as_of, limit
CALL () {
  CALL db.index.fulltext.queryNodes('person_search', $words) YIELD node, score
  RETURN node AS p, score
  UNION
  MATCH (e:Email) WHERE $address <> '' AND e.address STARTS WITH $address
  MATCH (p:Person)-[:HAS_EMAIL]->(e)
  RETURN p, 100.0 AS score
}
WITH p, max(score) AS score
WHERE NOT @opted_out(p)
OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organisation)
WHERE @employed(w, $as_of)
WITH p, score, o ORDER BY w.current DESC, w.from DESC, o.id
WITH p, score, head(collect(o)) AS o
RETURN p.id AS id, p.name AS name, coalesce(p.title, '') AS title, coalesce(p.level, '') AS level,
       o.id AS organisation_id, coalesce(o.name, '') AS organisation_name,
       coalesce(o.kind, 'other') AS organisation_kind
ORDER BY score DESC, name, id
LIMIT $limit
