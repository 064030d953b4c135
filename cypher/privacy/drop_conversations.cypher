// Deletes those of these conversations left with fewer than two participants; returns their ids.
// params: ids
UNWIND $ids AS id
MATCH (c:Conversation {id: id})
WHERE COUNT { (c)<-[:PARTICIPATED]-(:Person) } < 2
WITH c, c.id AS dropped
DETACH DELETE c
RETURN dropped AS id
