// Sets each conversation's `participants` (group size) to the number of people who took part.
// params: rows
UNWIND $rows AS id
MATCH (c:Conversation {id: id})
SET c.participants = COUNT { (c)<-[:PARTICIPATED]-(:Person) }
