// The shared conversations before a moment of some pairs [a, b], with both sides' roles;
// nothing for a pair where either person opted out.
// params: pairs, until
UNWIND $pairs AS pair
MATCH (a:Person {id: pair[0]})-[ra:PARTICIPATED]->(c:Conversation)
WHERE c.date < $until AND NOT @opted_out(a)
MATCH (c)<-[rb:PARTICIPATED]-(b:Person {id: pair[1]})
WHERE NOT @opted_out(b)
RETURN pair[0] AS a, pair[1] AS b, c.id AS id, c.date.epochSeconds AS at, c.kind AS kind,
       c.depth AS depth, c.duration_minutes AS duration_minutes,
       coalesce(c.participants, COUNT { (c)<-[:PARTICIPATED]-() }) AS participants,
       ra.role AS role_a, rb.role AS role_b, c.subject AS subject
ORDER BY a, b, at
