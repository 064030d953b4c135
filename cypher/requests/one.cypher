// One introduction request by id, with the names of its chain's people; none when it
// touches an opted-out person.
// params: id
MATCH (r:IntroRequest {id: $id})
WHERE NOT EXISTS { (r)-[:IN_CHAIN]->(x:Person) WHERE @opted_out(x) }
RETURN r.id AS id, r.number AS number, r.chain AS chain, r.strength AS strength,
       r.created AS created, r.statuses AS statuses, r.dates AS dates, r.notes AS notes,
       COLLECT { MATCH (r)-[:IN_CHAIN]->(p:Person) RETURN [p.id, p.name] } AS names
