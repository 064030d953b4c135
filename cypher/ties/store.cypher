// Writes scored ties (each pair as of its last contact): one TIE per pair from the smaller id
// to the larger, its properties replaced. Each row is [a, b, level, strength, half_life, day,
// business_until, personal_until, trusted_until, first_contact, last_contact, conversations,
// organised_by_a, organised_by_b, n_email, n_call, n_meeting, n_meal, n_event, n_trip,
// n_outside, n_business, n_personal, last_deep]; moments in epoch seconds, days as ordinals.
// params: rows, config, run
UNWIND $rows AS r
MATCH (a:Person {id: r[0]})
MATCH (b:Person {id: r[1]})
MERGE (a)-[t:TIE]->(b)
SET t = {
  level: r[2], strength: r[3], half_life: r[4], day: r[5],
  business_until: r[6], personal_until: r[7], trusted_until: r[8],
  first_contact: datetime({epochSeconds: r[9]}), last_contact: datetime({epochSeconds: r[10]}),
  conversations: r[11], organised_by_a: r[12], organised_by_b: r[13],
  n_email: r[14], n_call: r[15], n_meeting: r[16], n_meal: r[17], n_event: r[18], n_trip: r[19],
  n_outside: r[20], n_business: r[21], n_personal: r[22],
  last_deep: CASE WHEN r[23] IS NOT NULL THEN datetime({epochSeconds: r[23]}) END,
  config: $config, run: $run
}
