// Removes every conversation subject that contains one of these lower-case terms (an erased
// person's full name or addresses), wherever it occurs. Scans all conversations.
// params: terms
MATCH (c:Conversation)
WHERE c.subject IS NOT NULL AND any(term IN $terms WHERE toLower(c.subject) CONTAINS term)
REMOVE c.subject
RETURN count(c) AS cleared
