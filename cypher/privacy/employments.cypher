// A person's jobs, current and past, with the organisation's name; oldest first.
// params: id
MATCH (:Person {id: $id})-[w:WORKS_AT]->(o:Organisation)
RETURN o.id AS organisation_id, o.name AS organisation, w.title AS title, w.level AS level,
       w.from AS from, w.until AS until, w.current AS current
ORDER BY w.current, w.from, o.id
