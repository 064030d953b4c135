// Forgets items of a source that are gone from its server.
// params: name, keys
MATCH (:Source {name: $name})-[:HOLDS]->(i:SourceItem)
WHERE i.key IN $keys
DETACH DELETE i
