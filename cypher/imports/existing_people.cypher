// Which of these person ids the graph already holds, and whether they opted out.
// params: ids
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id, coalesce(p.opt_out, false) AS opt_out
