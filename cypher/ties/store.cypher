// Writes computed ties of some pairs (incremental scoring): one TIE per pair from the smaller
// id to the larger, its properties replaced. Rows as in ties.create (dates in epoch seconds).
// params: rows, as_of, config, run
UNWIND $rows AS r
MATCH (a:Person {id: r[0]})
MATCH (b:Person {id: r[1]})
MERGE (a)-[t:TIE]->(b)
SET t = {
  level: r[2], strength: r[3],
  first_contact: datetime({epochSeconds: r[4]}), last_contact: datetime({epochSeconds: r[5]}),
  conversations: r[6], organised_by_a: r[7], organised_by_b: r[8],
  n_email: r[9], n_call: r[10], n_meeting: r[11], n_meal: r[12], n_event: r[13], n_trip: r[14],
  n_outside: r[15], n_business: r[16], n_personal: r[17],
  last_deep: CASE WHEN r[18] IS NOT NULL THEN datetime({epochSeconds: r[18]}) END,
  components: r[19], as_of: $as_of, config: $config, run: $run
}
