// How many materialised ties the given people have in all (any level): what expanding each of
// them would read. Degrees come from Neo4j's relationship group counts, not a walk of the ties.
// params: ids
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN sum(COUNT { (p)-[:TIE]-() }) AS ties
