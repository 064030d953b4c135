// Links e-mail/web domains to their organisation (a domain belongs to one organisation).
// params: rows
UNWIND $rows AS row
MATCH (o:Organisation {id: row.organisation_id})
OPTIONAL MATCH (o)-[existing:HAS_DOMAIN]->(:Domain {name: row.domain})
MERGE (d:Domain {name: row.domain})
MERGE (o)-[:HAS_DOMAIN]->(d)
RETURN count(CASE WHEN existing IS NULL THEN 1 END) AS created,
       count(existing) AS unchanged
