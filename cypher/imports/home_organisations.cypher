// The organisations of kind home (there must be exactly one).
// params: none
MATCH (o:Organisation {kind: 'home'})
RETURN o.id AS id
ORDER BY id
