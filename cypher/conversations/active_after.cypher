// The people among some ids who took part in a conversation at or after a moment: their
// stored ties may hold conversations later than the date asked, so theirs are computed.
// params: ids, until
UNWIND $ids AS person_id
MATCH (p:Person {id: person_id})
WHERE EXISTS { (p)-[:PARTICIPATED]->(c:Conversation) WHERE c.date >= $until }
RETURN p.id AS id
