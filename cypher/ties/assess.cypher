// Records a colleague's own assessment of a pair (a < b), replacing an earlier one.
// params: a, b, level, reason, by
MATCH (a:Person {id: $a})
MATCH (b:Person {id: $b})
MERGE (a)-[s:ASSESSED]->(b)
SET s.level = $level, s.reason = $reason, s.by = $by, s.at = datetime()
RETURN s.level AS level, s.reason AS reason, s.by AS by, s.at AS at
