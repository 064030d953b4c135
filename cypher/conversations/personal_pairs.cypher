// The pairs, a person of `left` and a person of `right`, who shared a personal conversation
// before a moment (tagged personal, or untagged of a kind personal by default): only they can
// stand at personal or above, which needs personal weight. Opted-out people left out.
// params: left, right, until, personal_kinds
UNWIND $left AS left_id
MATCH (l:Person {id: left_id})-[:PARTICIPATED]->(c:Conversation)<-[:PARTICIPATED]-(r:Person)
WHERE c.date < $until AND r.id IN $right
  AND (c.depth = 'personal' OR (c.depth IS NULL AND c.kind IN $personal_kinds))
  AND NOT @opted_out(l) AND NOT @opted_out(r)
RETURN DISTINCT l.id AS a, r.id AS b
