// Removes the assessment of a pair (a < b); returns how many were removed (0 or 1).
// params: a, b
OPTIONAL MATCH (:Person {id: $a})-[s:ASSESSED]->(:Person {id: $b})
DELETE s
RETURN count(s) AS removed
