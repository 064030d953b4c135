// The live sources that log in as one of a person's addresses (an access request shows them).
// params: addresses
MATCH (s:Source)
WHERE toLower(s.user) IN $addresses
RETURN s.name AS name, s.kind AS kind, s.url AS url, s.user AS user
ORDER BY name
