// Materialised ties at business level or above (level >= min_level >= 2) of the given people to
// anyone, walked undirected. Found through the tie_level index: few ties are that strong, while
// a frontier of hundreds of people has millions of ties in all (mostly "met" at receptions).
// Opted-out people are never returned at either end. Moments in epoch seconds.
// One row holding a list of [a, b, level, strength, first_contact, last_contact,
// conversations, last_deep]: thousands of records cost the driver ~5x more.
// params: ids, min_level
MATCH (p:Person)-[t:TIE]-(q:Person)
USING INDEX t:TIE(level)
WHERE t.level >= $min_level AND p.id IN $ids
  AND NOT coalesce(p.opt_out, false) AND NOT coalesce(q.opt_out, false)
RETURN collect([p.id, q.id, t.level, t.strength, t.first_contact.epochSeconds,
                t.last_contact.epochSeconds, t.conversations,
                t.last_deep.epochSeconds]) AS ties
