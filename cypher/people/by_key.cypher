// The person a user names by id or by any of their e-mail addresses (case-insensitive).
// params: key
CALL () {
  MATCH (p:Person {id: $key}) RETURN p
  UNION
  MATCH (p:Person)-[:HAS_EMAIL]->(:Email {address: toLower(trim($key))}) RETURN p
}
RETURN p.id AS id, p.name AS name, @opted_out(p) AS opt_out
LIMIT 1
