// For each person of `left` (directors): their `top` strongest materialised ties to anyone of
// `right` (colleagues), plus every such tie at business level or above or that once stood at
// personal (has a last_deep); walked undirected, opted-out people left out. Only these shape
// the gaps, and directors have thousands of ties from receptions. Moments in epoch seconds.
// params: left, right, top
UNWIND $left AS left_id
MATCH (l:Person {id: left_id})-[t:TIE]-(r:Person)
WHERE r.id IN $right AND NOT coalesce(l.opt_out, false) AND NOT coalesce(r.opt_out, false)
WITH l, r, t
ORDER BY t.level DESC, t.strength DESC, r.id
WITH l, collect({b: r.id, level: t.level, strength: t.strength,
                 first_contact: t.first_contact.epochSeconds,
                 last_contact: t.last_contact.epochSeconds,
                 conversations: t.conversations, last_deep: t.last_deep.epochSeconds}) AS ties
UNWIND [i IN range(0, size(ties) - 1)
        WHERE i < $top OR ties[i].level >= 2 OR ties[i].last_deep IS NOT NULL | ties[i]] AS tie
RETURN l.id AS a, tie.b AS b, tie.level AS level, tie.strength AS strength,
       tie.first_contact AS first_contact, tie.last_contact AS last_contact,
       tie.conversations AS conversations, tie.last_deep AS last_deep
