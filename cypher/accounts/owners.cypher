// Each client's account owner: the colleague whose stored business+ ties (level 2 or more) to
// the client's current people are strongest in sum; clients without such a tie have none (a
// handshake at a reception makes no one the owner). The ties come through the tie_level index:
// client people have millions of "met" ties, few this strong. Opted-out people left out.
// params: none
MATCH (p:Person)-[t:TIE]-(c:Person)
USING INDEX t:TIE(level)
WHERE t.level >= 2 AND NOT coalesce(p.opt_out, false) AND NOT coalesce(c.opt_out, false)
MATCH (p)-[:WORKS_AT {current: true}]->(o:Organisation {kind: 'client'})
WHERE EXISTS { (c)-[:WORKS_AT {current: true}]->(:Organisation {kind: 'home'}) }
WITH o, c, sum(t.strength) AS total
ORDER BY total DESC, c.id
WITH o, collect(c)[0] AS owner
RETURN o.id AS client_id, owner.id AS owner_id, coalesce(owner.name, owner.id) AS owner_name
