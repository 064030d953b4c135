// Every client with its sector and account owner: the colleague whose stored ties to the
// client's current people are strongest in sum (none when nobody knows them).
// params: none
MATCH (o:Organisation {kind: 'client'})
OPTIONAL MATCH (o)<-[:WORKS_AT {current: true}]-(p:Person)-[t:TIE]-(c:Person)
      -[:WORKS_AT {current: true}]->(:Organisation {kind: 'home'})
WHERE NOT coalesce(p.opt_out, false) AND NOT coalesce(c.opt_out, false)
WITH o, c, sum(t.strength) AS total
ORDER BY total DESC, c.id
WITH o, collect(c)[0] AS owner
RETURN o.id AS id, o.name AS name, coalesce(o.sector, '') AS sector,
       owner.id AS owner_id, coalesce(owner.name, '') AS owner_name
ORDER BY name, id
