// Every board or executive job at a client, past or current, of people not opted out: who
// directs or directed a client, when, and as what. Starts from the `client` organisations.
// params: levels
MATCH (o:Organisation {kind: 'client'})<-[w:WORKS_AT]-(p:Person)
WHERE w.level IN $levels AND NOT @opted_out(p)
RETURN p.id AS id, p.name AS name, coalesce(w.title, p.title, '') AS title,
       o.id AS organisation_id, o.name AS organisation_name, w.from AS from,
       w.until AS until
ORDER BY id, organisation_id
