// The assessments touching some people (all when person_ids is null), opted-out people left out.
// params: person_ids
MATCH (a:Person)-[s:ASSESSED]->(b:Person)
WHERE ($person_ids IS NULL OR a.id IN $person_ids OR b.id IN $person_ids)
  AND NOT @opted_out(a) AND NOT @opted_out(b)
RETURN a.id AS a, b.id AS b, s.level AS level, s.reason AS reason, s.by AS by, s.at AS at
