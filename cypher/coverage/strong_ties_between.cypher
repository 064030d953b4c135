// Materialised ties at business level or above (level >= min_level >= 2) from each person of
// `left` to any person of `right` (walked undirected); opted-out people left out. Found through
// the tie_level index: directors have thousands of ties ("met" at receptions), few this strong.
// Moments in epoch seconds.
// params: left, right, min_level
MATCH (l:Person)-[t:TIE]-(r:Person)
USING INDEX t:TIE(level)
WHERE t.level >= $min_level AND l.id IN $left AND r.id IN $right
  AND NOT coalesce(l.opt_out, false) AND NOT coalesce(r.opt_out, false)
RETURN l.id AS a, r.id AS b, t.level AS level, t.strength AS strength,
       t.first_contact.epochSeconds AS first_contact, t.last_contact.epochSeconds AS last_contact,
       t.conversations AS conversations, t.last_deep.epochSeconds AS last_deep
