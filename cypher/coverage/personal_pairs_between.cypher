// The pairs, a person of `left` and a person of `right`, who shared a conversation tagged
// personal before a moment: only they can stand at personal or above, which needs personal
// weight. Opted-out people left out.
// params: left, right, until
UNWIND $left AS left_id
MATCH (l:Person {id: left_id})-[:PARTICIPATED]->(c:Conversation)<-[:PARTICIPATED]-(r:Person)
WHERE c.depth = 'personal' AND c.date < $until AND r.id IN $right
  AND NOT coalesce(l.opt_out, false) AND NOT coalesce(r.opt_out, false)
RETURN DISTINCT l.id AS a, r.id AS b
