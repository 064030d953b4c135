// The conversations that two or more of some people took part in (incremental scoring), each
// once, with only those people as participants: the pairs among them are all that is scored.
// Walks each person's own participations; large events are not expanded into everyone in
// them. `participants` counts everyone who has not opted out when the conversation lacks it.
// params: person_ids
UNWIND $person_ids AS person_id
MATCH (p:Person {id: person_id})-[r:PARTICIPATED]->(c:Conversation)
WHERE NOT @opted_out(p)
WITH c, collect([p.id, r.role]) AS people
WHERE size(people) >= 2
RETURN c.id AS id, c.date.epochSeconds AS at, c.kind AS kind, c.depth AS depth,
       c.duration_minutes AS duration_minutes,
       coalesce(c.participants,
                COUNT { (c)<-[:PARTICIPATED]-(x:Person) WHERE NOT @opted_out(x) }
       ) AS participants, people
