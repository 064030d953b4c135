// The items (calendar objects) a source holds, with their ETag, horizon and conversations.
// params: name
MATCH (:Source {name: $name})-[:HOLDS]->(i:SourceItem)
RETURN i.key AS key, i.etag AS etag, i.horizon AS horizon, i.recurring AS recurring,
       i.conversations AS conversations
