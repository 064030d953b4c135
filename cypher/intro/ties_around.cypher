// Materialised ties (level >= min_level) of the given people to anyone, walked undirected;
// one hop of the bounded neighbourhood search. Opted-out people are never returned at either end.
// Moments in epoch seconds (the driver's datetime decoding costs ~100 us a value).
// One row holding a list of [a, b, level, strength, first_contact, last_contact,
// conversations, last_deep]: thousands of records cost the driver ~5x more.
// params: ids, min_level
UNWIND $ids AS id
MATCH (p:Person {id: id})-[t:TIE]-(q:Person)
WHERE t.level >= $min_level AND NOT coalesce(p.opt_out, false) AND NOT coalesce(q.opt_out, false)
RETURN collect([p.id, q.id, t.level, t.strength, t.first_contact.epochSeconds,
                t.last_contact.epochSeconds, t.conversations,
                t.last_deep.epochSeconds]) AS ties
