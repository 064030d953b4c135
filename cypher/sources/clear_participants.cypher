// Detaches the participants of conversations a changed item is about to write again; returns
// who they were (their pairs are re-scored, and those no longer invited drop out).
// params: ids
UNWIND $ids AS id
MATCH (:Conversation {id: id})<-[r:PARTICIPATED]-(p:Person)
WITH id, collect(p.id) AS people, collect(r) AS links
FOREACH (link IN links | DELETE link)
RETURN id, people
