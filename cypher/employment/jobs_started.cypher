// Jobs of these people that started within a period (from after $since, up to $as_of), with
// the organisation and its kind: where someone shows up by employment.
// params: ids, since, as_of
UNWIND $ids AS person_id
MATCH (p:Person {id: person_id})-[w:WORKS_AT]->(o:Organisation)
WHERE NOT @opted_out(p) AND w.from > $since AND w.from <= $as_of
RETURN p.id AS id, o.id AS organisation_id, o.name AS organisation_name, o.kind AS kind,
       w.from AS from, null AS address
ORDER BY id, from, organisation_id
