// Every stored tie between people who have not opted out, with its properties.
// params: none
MATCH (a:Person)-[t:TIE]->(b:Person)
WHERE NOT coalesce(a.opt_out, false) AND NOT coalesce(b.opt_out, false)
RETURN a.id AS a, b.id AS b, properties(t) AS props
