// Colleagues' assessments of a person's relationships: the other person and the judgement.
// params: id
MATCH (p:Person {id: $id})-[s:ASSESSED]-(other:Person)
RETURN other.id AS person_id, other.name AS name, s.level AS level, s.reason AS reason,
       s.by AS by, s.at AS at
ORDER BY other.id
