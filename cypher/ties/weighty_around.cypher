// Stored ties at `min_level` (2-4) or above as of a day (proleptic ordinal) of the given people
// to anyone, walked undirected from each person (only ties that carry weight are stored: a
// handful per person). Opted-out people are never returned at either end. One row holding a
// list of the columns of ties.weighty_between, each tie seen from the given person: thousands
// of records cost the driver ~5x more. Moments in epoch seconds.
// params: ids, day, min_level
UNWIND $ids AS id
MATCH (p:Person {id: id})-[t:TIE]-(q:Person)
WHERE t.level >= $min_level AND t.day <= $day
  AND $day < [t.business_until, t.personal_until, t.trusted_until][$min_level - 2]
  AND NOT @opted_out(p) AND NOT @opted_out(q)
RETURN collect([p.id, q.id, t.strength, t.half_life, t.day,
                [t.business_until, t.personal_until, t.trusted_until],
                t.first_contact.epochSeconds, t.last_contact.epochSeconds, t.conversations,
                t.last_deep.epochSeconds,
                [t.n_email, t.n_call, t.n_meeting, t.n_meal, t.n_event, t.n_trip],
                [t.n_outside, t.n_business, t.n_personal],
                CASE WHEN p.id < q.id THEN [t.organised_by_a, t.organised_by_b]
                     ELSE [t.organised_by_b, t.organised_by_a] END]) AS ties
