// Every organisation as a row of organisations.csv (domains as a sorted list), by id.
// params: none
MATCH (o:Organisation)
RETURN o.id AS id, o.name AS name, o.kind AS kind,
       COLLECT { MATCH (o)-[:HAS_DOMAIN]->(d:Domain) RETURN d.name ORDER BY d.name } AS domain,
       o.sector AS sector
ORDER BY id
