// Employment history as rows of employments.csv: every past job, and the current job when
// its start is known (importing such a row sets the current job's `from`); by person,
// organisation, then start and end (a missing one last).
// params: none
MATCH (p:Person)-[w:WORKS_AT]->(o:Organisation)
WHERE NOT w.current OR w.from IS NOT NULL
RETURN p.id AS person_id, o.id AS organisation_id, w.title AS title, w.level AS level,
       w.from AS from, w.until AS until
ORDER BY person_id, organisation_id, from, until
