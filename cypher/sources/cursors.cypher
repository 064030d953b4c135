// The bookmarks of a source: one per folder or calendar, its state as JSON.
// params: name
MATCH (:Source {name: $name})-[:KEEPS]->(c:SourceCursor)
RETURN c.key AS key, c.state AS state
