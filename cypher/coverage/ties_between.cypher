// Materialised ties from each person of `left` to any person of `right` (walked undirected);
// opted-out people left out. Starts from each `left` person by its unique id.
// Moments in epoch seconds (the driver's datetime decoding costs ~100 us a value).
// params: left, right
UNWIND $left AS left_id
MATCH (l:Person {id: left_id})-[t:TIE]-(r:Person)
WHERE r.id IN $right AND t.level >= 1
  AND NOT coalesce(l.opt_out, false) AND NOT coalesce(r.opt_out, false)
RETURN l.id AS a, r.id AS b, t.level AS level, t.strength AS strength,
       t.first_contact.epochSeconds AS first_contact, t.last_contact.epochSeconds AS last_contact,
       t.conversations AS conversations, t.last_deep.epochSeconds AS last_deep
