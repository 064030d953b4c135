// Every person as a row of people.csv, by id: the current job's organisation, addresses
// sorted.
// Opted-out people come out as their marker (id, addresses, opt_out).
// params: none
MATCH (p:Person)
RETURN p.id AS id, p.name AS name,
       COLLECT { MATCH (p)-[:HAS_EMAIL]->(e:Email) RETURN e.address ORDER BY e.address } AS email,
       COLLECT { MATCH (p)-[:WORKS_AT {current: true}]->(o:Organisation) RETURN o.id }[0]
         AS organisation_id,
       p.title AS title, p.level AS level, coalesce(p.interests, []) AS interests,
       @opted_out(p) AS opt_out
ORDER BY id
