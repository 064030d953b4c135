// Records that a person had a week's digest, at a moment (the week's node made once).
// params: week, id, at
MERGE (d:Digest {week: $week})
WITH d
MATCH (p:Person {id: $id})
MERGE (d)-[s:SENT_TO]->(p)
SET s.at = $at
RETURN p.id AS id
