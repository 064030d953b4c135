// People who took part in a conversation with any of the given people up to the date
// (the candidates for their ties as of that date); opted-out people are never returned.
// params: ids, as_of
UNWIND $ids AS id
MATCH (:Person {id: id})-[:PARTICIPATED]->(c:Conversation)<-[:PARTICIPATED]-(q:Person)
WHERE c.date < datetime({date: $as_of}) + duration({days: 1}) AND NOT coalesce(q.opt_out, false)
RETURN DISTINCT q.id AS id
