// The occasions (conversations of the given kinds) that the given people took part in from
// `since` (inclusive) to `until` (exclusive), with their subjects: who met at an occasion
// of the same kind recently. Starts from each person by their unique id.
// params: ids, kinds, since, until
UNWIND $ids AS person_id
MATCH (p:Person {id: person_id})-[:PARTICIPATED]->(c:Conversation)
WHERE c.kind IN $kinds AND c.date >= $since AND c.date < $until
RETURN p.id AS person_id, c.id AS conversation_id, c.date AS date, c.kind AS kind,
       coalesce(c.subject, '') AS subject
ORDER BY person_id, date DESC, conversation_id
