// Moves a source's bookmark for one folder or calendar on, marks the source as not yet
// re-scored and counts what it delivered; runs in the transaction of the writes it covers.
// params: name, key, state, fetched
MATCH (s:Source {name: $name})
SET s.dirty = true, s.items_seen = coalesce(s.items_seen, 0) + $fetched
WITH s
CALL (s) {
  WITH s WHERE $state IS NOT NULL
  MERGE (s)-[:KEEPS]->(c:SourceCursor {id: s.name + '\n' + $key})
  SET c.key = $key, c.state = $state
}
RETURN s.name AS name
