// People whose name matches every word prefix of the fulltext query, or whose e-mail address
// starts with the typed text; opted-out people are never found.
// params: words, address, limit
CALL () {
  CALL db.index.fulltext.queryNodes('person_search', $words) YIELD node, score
  RETURN node AS p, score
  UNION
  MATCH (e:Email) WHERE $address <> '' AND e.address STARTS WITH $address
  MATCH (p:Person)-[:HAS_EMAIL]->(e)
  RETURN p, 100.0 AS score
}
WITH p, max(score) AS score
WHERE NOT coalesce(p.opt_out, false)
OPTIONAL MATCH (p)-[w:WORKS_AT {current: true}]->(o:Organisation)
WITH p, score, head(collect(o)) AS o
RETURN p.id AS id, p.name AS name, coalesce(p.title, '') AS title,
       o.name AS organisation, o.kind AS kind
ORDER BY score DESC, name, id
LIMIT $limit
