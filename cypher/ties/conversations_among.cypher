// The conversations before a moment of some people, each once, with only those of their
// participants (not opted out) who are among `among` or those people, and the size of the
// whole group: the pairs between them are all a question about those people and `among`
// needs (a reception of 900 guests is sent with the few who matter).
// params: person_ids, among, until
UNWIND $person_ids AS person_id
MATCH (:Person {id: person_id})-[:PARTICIPATED]->(c:Conversation)
WHERE c.date < $until
WITH DISTINCT c
CALL (c) {
  MATCH (c)<-[r:PARTICIPATED]-(p:Person)
  WHERE NOT coalesce(p.opt_out, false)
  RETURN collect(CASE WHEN p.id IN $among OR p.id IN $person_ids THEN [p.id, r.role] END)
         AS people, count(p) AS everyone
}
WITH c, people, everyone
WHERE size(people) >= 2
RETURN c.id AS id, c.date.epochSeconds AS at, c.kind AS kind, c.depth AS depth,
       c.duration_minutes AS duration_minutes,
       coalesce(c.participants, everyone) AS participants, people
