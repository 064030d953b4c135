// Deletes every introduction request whose chain holds a person (asker, introducer, target or
// a link between); returns how many went.
// params: id
MATCH (:Person {id: $id})<-[:IN_CHAIN]-(r:IntroRequest)
WITH DISTINCT r
DETACH DELETE r
RETURN count(r) AS requests
