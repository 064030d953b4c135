// Which of these person ids the graph already holds, and whether they opted out.
// params: ids
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id, @opted_out(p) AS opt_out
