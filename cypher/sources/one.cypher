// One live source by name (no row when there is none).
// params: name
MATCH (s:Source {name: $name})
RETURN properties(s) AS source
