// The conversations before a moment of some people, each once, with all their participants
// who have not opted out (same columns as conversations.every).
// params: person_ids, until
UNWIND $person_ids AS person_id
MATCH (:Person {id: person_id})-[:PARTICIPATED]->(c:Conversation)
WHERE c.date < $until
WITH DISTINCT c
CALL (c) {
  MATCH (c)<-[r:PARTICIPATED]-(p:Person)
  WHERE NOT @opted_out(p)
  RETURN collect([p.id, r.role]) AS people
}
WITH c, people
WHERE size(people) >= 2
RETURN c.id AS id, c.date.epochSeconds AS at, c.kind AS kind, c.depth AS depth,
       c.duration_minutes AS duration_minutes,
       coalesce(c.participants, size(people)) AS participants, people
