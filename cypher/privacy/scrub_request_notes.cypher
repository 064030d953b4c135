// Replaces every introduction request note that contains one of these lower-case terms (an
// erased person's full name or addresses); the steps stay.
// params: terms, replacement
MATCH (r:IntroRequest)
WHERE any(note IN r.notes WHERE any(term IN $terms WHERE toLower(note) CONTAINS term))
SET r.notes = [note IN r.notes |
  CASE WHEN any(term IN $terms WHERE toLower(note) CONTAINS term) THEN $replacement ELSE note END]
RETURN count(r) AS scrubbed
