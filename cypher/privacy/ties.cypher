// A person's stored ties: the other person and every property of the tie; strongest first.
// params: id
MATCH (p:Person {id: $id})-[t:TIE]-(other:Person)
RETURN other.id AS person_id, other.name AS name, properties(t) AS tie
ORDER BY t.strength DESC, other.id
