// Deletes conversations a source no longer holds, unless an item of any source still lists
// them; returns each deleted one's participants (their pairs are re-scored).
// params: ids
UNWIND $ids AS id
MATCH (c:Conversation {id: id})
WHERE NOT EXISTS { MATCH (i:SourceItem) WHERE id IN i.conversations }
OPTIONAL MATCH (c)<-[:PARTICIPATED]-(p:Person)
WITH c, id, collect(p.id) AS people
DETACH DELETE c
RETURN id, people
