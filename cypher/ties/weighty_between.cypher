// Stored ties at `min_level` (2-4) or above as of a day (proleptic ordinal) from each person of
// `left` to any person of `right`, walked undirected from each `left` person (only ties that
// carry weight are stored: a handful per person). A tie holds `min_level` from its last
// contact (`day`) until the drop day stored for that level. Opted-out people left out.
// Moments in epoch seconds; counts by kind and by depth, and the organiser counts seen from
// `left`.
// params: left, right, day, min_level
UNWIND $left AS left_id
MATCH (l:Person {id: left_id})-[t:TIE]-(r:Person)
WHERE t.level >= $min_level AND r.id IN $right AND t.day <= $day
  AND $day < [t.business_until, t.personal_until, t.trusted_until][$min_level - 2]
  AND NOT @opted_out(l) AND NOT @opted_out(r)
RETURN l.id AS a, r.id AS b, t.strength AS strength, t.half_life AS half_life, t.day AS day,
       [t.business_until, t.personal_until, t.trusted_until] AS drops,
       t.first_contact.epochSeconds AS first_contact, t.last_contact.epochSeconds AS last_contact,
       t.conversations AS conversations, t.last_deep.epochSeconds AS last_deep,
       [t.n_email, t.n_call, t.n_meeting, t.n_meal, t.n_event, t.n_trip] AS kinds,
       [t.n_outside, t.n_business, t.n_personal] AS depths,
       CASE WHEN l.id < r.id THEN [t.organised_by_a, t.organised_by_b]
            ELSE [t.organised_by_b, t.organised_by_a] END AS organised
