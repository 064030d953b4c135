// The person owning each known address (lower-case), with their opt-out flag.
// params: addresses
UNWIND $addresses AS address
MATCH (:Email {address: address})<-[:HAS_EMAIL]-(p:Person)
RETURN address, p.id AS person_id, coalesce(p.opt_out, false) AS opt_out
