// Whether any conversation took place at or after a moment (the date index answers it).
// params: until
MATCH (c:Conversation)
WHERE c.date >= $until
RETURN c.id AS id
LIMIT 1
