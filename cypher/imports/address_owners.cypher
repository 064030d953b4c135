// The person owning each known address (lower-case), with their opt-out flag.
// params: addresses
UNWIND $addresses AS address
MATCH (:Email {address: address})<-[:HAS_EMAIL]-(p:Person)
RETURN address, p.id AS person_id, @opted_out(p) AS opt_out
