// Materialised ties (level >= min_level >= 1) from each person of `left` to our colleagues as
// of a date (employed then by the `home` organisation, the rule of coverage.colleagues), each
// with the colleague's name, title and interests: a client's map needs no list of every
// colleague. Opted-out people left out. Moments in epoch seconds.
// params: left, as_of, min_level
UNWIND $left AS left_id
MATCH (l:Person {id: left_id})-[t:TIE]-(r:Person)
WHERE t.level >= $min_level
  AND NOT coalesce(l.opt_out, false) AND NOT coalesce(r.opt_out, false)
  AND EXISTS {
    MATCH (r)-[w:WORKS_AT]->(:Organisation {kind: 'home'})
    WHERE (w.from IS NULL OR w.from <= $as_of)
      AND (w.until IS NULL OR w.until > $as_of)
      AND (w.from IS NOT NULL OR w.until IS NOT NULL OR w.current = true)
  }
RETURN l.id AS a, r.id AS b, t.level AS level, t.strength AS strength,
       t.first_contact.epochSeconds AS first_contact, t.last_contact.epochSeconds AS last_contact,
       t.conversations AS conversations, t.last_deep.epochSeconds AS last_deep,
       r.name AS name, coalesce(r.title, '') AS title, coalesce(r.interests, []) AS interests
