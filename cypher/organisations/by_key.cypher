// The organisation a user names by id, or by exact name (several rows when ambiguous).
// params: key
CALL () {
  MATCH (o:Organisation {id: $key}) RETURN o
  UNION
  MATCH (o:Organisation {name: $key}) RETURN o
}
RETURN o.id AS id, o.name AS name, o.kind AS kind
ORDER BY id
LIMIT 5
