// Records an introduction request: the next number of the `intro_request` sequence gives its
// id (`r` + number; the sequence node's lock orders concurrent requests), the chain as found
// (person ids from the asker to the target) and its first step. Every person of the chain is
// linked by IN_CHAIN with their position; nobody opted out may be among them (no row then).
// params: chain, strength, on, note
MATCH (p:Person) WHERE p.id IN $chain
WITH collect(p) AS found
WHERE size(found) = size($chain) AND none(p IN found WHERE @opted_out(p))
MERGE (s:Sequence {name: 'intro_request'})
SET s.last = coalesce(s.last, 0) + 1
CREATE (r:IntroRequest {id: 'r' + toString(s.last), number: s.last, chain: $chain,
                        strength: $strength, created: $on, statuses: ['requested'],
                        dates: [$on], notes: [$note]})
WITH r, found
UNWIND found AS p
CREATE (r)-[:IN_CHAIN {position: [i IN range(0, size($chain) - 1) WHERE $chain[i] = p.id][0]}]->(p)
RETURN DISTINCT r.id AS id
