// The participants (not opted out) of some conversations: whose pairs an import touched.
// params: ids
UNWIND $ids AS conversation_id
MATCH (:Conversation {id: conversation_id})<-[:PARTICIPATED]-(p:Person)
WHERE NOT @opted_out(p)
RETURN conversation_id AS id, collect(p.id) AS people
