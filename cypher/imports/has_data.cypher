// One row when the database holds any node at all (a bulk import needs it empty).
// params: none
MATCH (n)
RETURN true AS found
LIMIT 1
