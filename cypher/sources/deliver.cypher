// Links a source to the conversations it delivered (what `source remove --purge` removes).
// params: name, ids
MATCH (s:Source {name: $name})
UNWIND $ids AS id
MATCH (c:Conversation {id: id})
MERGE (s)-[:DELIVERED]->(c)
