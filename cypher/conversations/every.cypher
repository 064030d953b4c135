// Every conversation (before a moment, when `until` is not null) with two or more people who
// have not opted out: its properties and the [person id, role] of each such participant (the
// full-scoring stream).
// params: until
MATCH (c:Conversation)
WHERE $until IS NULL OR c.date < $until
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
