// The first e-mail address (in order) of each of these people, opted-out people left out.
// params: ids
UNWIND $ids AS person_id
MATCH (p:Person {id: person_id})-[:HAS_EMAIL]->(e:Email)
WHERE NOT @opted_out(p)
RETURN p.id AS id, min(e.address) AS address
