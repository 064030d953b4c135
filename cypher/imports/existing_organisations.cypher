// Which of these organisation ids the graph already holds.
// params: ids
UNWIND $ids AS id
MATCH (o:Organisation {id: id})
RETURN o.id AS id
