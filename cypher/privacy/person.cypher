// A person's own properties and e-mail addresses (sorted), opted out or not.
// params: id
MATCH (p:Person {id: $id})
RETURN properties(p) AS properties,
       COLLECT { MATCH (p)-[:HAS_EMAIL]->(e:Email) RETURN e.address ORDER BY e.address }
         AS addresses
