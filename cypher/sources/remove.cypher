// Removes a source, its bookmarks and items (not the conversations); returns whether it existed.
// params: name
OPTIONAL MATCH (s:Source {name: $name})
OPTIONAL MATCH (s)-[:KEEPS|HOLDS]->(kept)
DETACH DELETE kept
WITH s, s IS NOT NULL AS existed
DETACH DELETE s
RETURN existed AS removed
