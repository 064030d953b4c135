// The introduction requests whose chain holds a person, with the person's position in it
// (0 the asker, 1 the introducer, the last the target) and every step; oldest first.
// params: id
MATCH (:Person {id: $id})<-[c:IN_CHAIN]-(r:IntroRequest)
RETURN r.id AS id, r.chain AS chain, c.position AS position, r.created AS created,
       r.statuses AS statuses, r.dates AS dates, r.notes AS notes
ORDER BY r.number
