// The items (calendar objects) a source holds, with their ETag, horizon and conversations.
// params: name, keys
MATCH (:Source {name: $name})-[:HOLDS]->(i:SourceItem)
WHERE $keys IS NULL OR i.key IN $keys
RETURN i.key AS key, i.etag AS etag, i.horizon AS horizon, i.recurring AS recurring,
       i.conversations AS conversations
