// The introduction requests whose chain holds both people (the caller keeps those asked by
// one of them to meet the other), with their chain's names; opted-out people's left out.
// params: a, b
MATCH (:Person {id: $a})<-[:IN_CHAIN]-(r:IntroRequest)-[:IN_CHAIN]->(:Person {id: $b})
WHERE NOT EXISTS { (r)-[:IN_CHAIN]->(x:Person) WHERE @opted_out(x) }
RETURN r.id AS id, r.number AS number, r.chain AS chain, r.strength AS strength,
       r.created AS created, r.statuses AS statuses, r.dates AS dates, r.notes AS notes,
       COLLECT { MATCH (r)-[:IN_CHAIN]->(p:Person) RETURN [p.id, p.name] } AS names
ORDER BY number
