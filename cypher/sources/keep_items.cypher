// Records what each changed item of a source holds now.
// params: name, rows
MATCH (s:Source {name: $name})
UNWIND $rows AS row
MERGE (s)-[:HOLDS]->(i:SourceItem {id: s.name + '\n' + row.key})
SET i.key = row.key, i.etag = row.etag, i.horizon = row.horizon, i.recurring = row.recurring,
    i.conversations = row.conversations
