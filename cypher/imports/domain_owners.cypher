// The organisation owning each known domain.
// params: domains
UNWIND $domains AS domain
MATCH (:Domain {name: domain})<-[:HAS_DOMAIN]-(o:Organisation)
RETURN domain, o.id AS organisation_id
