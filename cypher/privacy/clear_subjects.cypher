// Removes the subject of these conversations (it mentioned an erased person).
// params: ids
UNWIND $ids AS id
MATCH (c:Conversation {id: id})
REMOVE c.subject
RETURN count(c) AS cleared
