// Which of these conversation ids the graph already holds.
// params: ids
UNWIND $ids AS id
MATCH (c:Conversation {id: id})
RETURN c.id AS id
