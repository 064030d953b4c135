// Erases a person: their addresses (Email nodes), participations, ties, assessments, jobs and
// the person node. Returns what went, and the conversations they took part in (to drop those
// left with fewer than two people and recount the rest).
// params: id
MATCH (p:Person {id: $id})
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_EMAIL]->(e:Email)
  DETACH DELETE e
  RETURN count(e) AS addresses
}
CALL (p) {
  OPTIONAL MATCH (p)-[r:PARTICIPATED]->(c:Conversation)
  DELETE r
  RETURN collect(c.id) AS conversations
}
CALL (p) {
  OPTIONAL MATCH (p)-[t:TIE]-()
  DELETE t
  RETURN count(t) AS ties
}
CALL (p) {
  OPTIONAL MATCH (p)-[s:ASSESSED]-()
  DELETE s
  RETURN count(s) AS assessments
}
CALL (p) {
  OPTIONAL MATCH (p)-[w:WORKS_AT]->()
  DELETE w
  RETURN count(w) AS employments
}
DETACH DELETE p
RETURN addresses, conversations, ties, assessments, employments
