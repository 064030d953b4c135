// The conversations a source delivered that no other source delivered (what a purge removes).
// params: name
MATCH (s:Source {name: $name})-[:DELIVERED]->(c:Conversation)
WHERE NOT EXISTS { MATCH (c)<-[:DELIVERED]-(other:Source) WHERE other <> s }
RETURN c.id AS id
