// Every client with its sector, by name.
// params: none
MATCH (o:Organisation {kind: 'client'})
RETURN o.id AS id, o.name AS name, coalesce(o.sector, '') AS sector
ORDER BY name, id
