// The conversations before a moment of some people, each once, with only those of their
// participants (not opted out) who are among `among` (which holds those people too, so a
// conversation reads alike whichever batch of people found it), and the size of the whole
// group: the pairs between them are all a question about those people needs (a reception of
// 900 guests is sent with the few who matter). One row holding a list
// of [id, at, kind, depth, duration_minutes, participants, people] (the columns of
// conversations.every): a hundred thousand records cost the driver several times more.
// params: person_ids, among, until
UNWIND $person_ids AS person_id
MATCH (:Person {id: person_id})-[:PARTICIPATED]->(c:Conversation)
WHERE c.date < $until
WITH DISTINCT c
CALL (c) {
  MATCH (c)<-[r:PARTICIPATED]-(p:Person)
  WHERE NOT @opted_out(p)
  RETURN collect(CASE WHEN p.id IN $among THEN [p.id, r.role] END) AS people,
         count(p) AS everyone
}
WITH c, people, everyone
WHERE size(people) >= 2
RETURN collect([c.id, c.date.epochSeconds, c.kind, c.depth, c.duration_minutes,
                coalesce(c.participants, everyone), people]) AS conversations
