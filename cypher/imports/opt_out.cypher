// Turns people into opt-out markers: only id, opt_out and their addresses stay; their jobs,
// participations, ties and the introduction requests naming them go. Returns the
// conversations they left (to recount).
// params: rows
UNWIND $rows AS id
MERGE (p:Person {id: id})
SET p = {id: id, opt_out: true}
WITH p
CALL (p) {
  OPTIONAL MATCH (p)-[r:PARTICIPATED]->(c:Conversation)
  DELETE r
  RETURN collect(c.id) AS conversations
}
CALL (p) {
  MATCH (p)-[r:WORKS_AT|TIE]-()
  DELETE r
}
CALL (p) {
  MATCH (p)<-[:IN_CHAIN]-(request:IntroRequest)
  DETACH DELETE request
}
RETURN p.id AS id, conversations
