// People created from an unknown address in mail or calendar (id $prefix + address) who bear
// the name of one of these people, work at an organisation (by the address's domain) and
// first took part in a conversation within a period: where someone shows up by address.
// params: people, prefix, since, until
UNWIND $people AS row
MATCH (p:Person {name: row.name})-[:WORKS_AT]->(o:Organisation)
WHERE p.id STARTS WITH $prefix AND p.id <> row.id AND NOT @opted_out(p)
CALL (p) {
  MATCH (p)-[:PARTICIPATED]->(c:Conversation)
  RETURN min(c.date) AS first
}
WITH row, p, o, first
WHERE first >= $since AND first < $until
RETURN row.id AS id, o.id AS organisation_id, o.name AS organisation_name, o.kind AS kind,
       first AS from, substring(p.id, size($prefix)) AS address
ORDER BY id, from, organisation_id
