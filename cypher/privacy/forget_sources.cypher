// Removes the live sources that log in as one of an erased person's addresses (their mailbox
// or calendar is read no more), with their bookmarks and items; returns their names.
// params: addresses
MATCH (s:Source)
WHERE toLower(s.user) IN $addresses
OPTIONAL MATCH (s)-[:KEEPS|HOLDS]->(kept)
DETACH DELETE kept
WITH DISTINCT s, s.name AS name
DETACH DELETE s
RETURN name
