// Materialised ties at business level or above (level >= min_level >= 2) of the given people to
// anyone, walked undirected. Found through the tie_level index: few ties are that strong, while
// a frontier of hundreds of people has millions of ties in all (mostly "met" at receptions).
// Opted-out people are never returned at either end. Moments in epoch seconds.
// params: ids, min_level
MATCH (p:Person)-[t:TIE]-(q:Person)
USING INDEX t:TIE(level)
WHERE t.level >= $min_level AND p.id IN $ids
  AND NOT coalesce(p.opt_out, false) AND NOT coalesce(q.opt_out, false)
RETURN p.id AS a, q.id AS b, t.level AS level, t.strength AS strength,
       t.first_contact.epochSeconds AS first_contact, t.last_contact.epochSeconds AS last_contact,
       t.conversations AS conversations, t.last_deep.epochSeconds AS last_deep
