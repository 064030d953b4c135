// Who has had a week's digest (ISO week, e.g. 2025-W27).
// params: week
MATCH (:Digest {week: $week})-[:SENT_TO]->(p:Person)
RETURN p.id AS id
