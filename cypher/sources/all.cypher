// Every live source with its last sync, oldest name first.
// params: none
MATCH (s:Source)
RETURN properties(s) AS source
ORDER BY s.name
