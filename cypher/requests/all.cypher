// Every introduction request recorded on or before a date, with the names of its chain's
// people; requests touching an opted-out person are left out.
// params: as_of
MATCH (r:IntroRequest)
WHERE r.created <= $as_of
  AND NOT EXISTS { (r)-[:IN_CHAIN]->(x:Person) WHERE @opted_out(x) }
RETURN r.id AS id, r.number AS number, r.chain AS chain, r.strength AS strength,
       r.created AS created, r.statuses AS statuses, r.dates AS dates, r.notes AS notes,
       COLLECT { MATCH (r)-[:IN_CHAIN]->(p:Person) RETURN [p.id, p.name] } AS names
ORDER BY number
