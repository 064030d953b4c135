// Materialised ties (level >= min_level) of the given people to anyone, walked undirected;
// one hop of the bounded neighbourhood search. Opted-out people are never returned at either end.
// Moments in epoch seconds (the driver's datetime decoding costs ~100 us a value).
// params: ids, min_level
UNWIND $ids AS id
MATCH (p:Person {id: id})-[t:TIE]-(q:Person)
WHERE t.level >= $min_level AND NOT coalesce(p.opt_out, false) AND NOT coalesce(q.opt_out, false)
RETURN p.id AS a, q.id AS b, t.level AS level, t.strength AS strength,
       t.first_contact.epochSeconds AS first_contact, t.last_contact.epochSeconds AS last_contact,
       t.conversations AS conversations, t.last_deep.epochSeconds AS last_deep
