// Our colleagues whose job at the home organisation ends after a date (leaving, or left
// since), holding no open-ended job there: who, and the day it ends; opted-out people left
// out.
// params: since
MATCH (:Organisation {kind: 'home'})<-[w:WORKS_AT]-(p:Person)
WHERE w.until IS NOT NULL AND w.until > $since AND NOT @opted_out(p)
  AND NOT EXISTS {
    (p)-[open:WORKS_AT]->(:Organisation {kind: 'home'})
    WHERE open.until IS NULL AND (open.from IS NOT NULL OR open.current = true)
  }
RETURN p.id AS id, p.name AS name, max(w.until) AS until
ORDER BY id
