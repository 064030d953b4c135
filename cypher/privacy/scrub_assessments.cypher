// Blanks every assessment reason or author that contains one of these lower-case terms (an
// erased person's full name or addresses); the level stays.
// params: terms, replacement
MATCH ()-[s:ASSESSED]->()
WHERE any(term IN $terms WHERE toLower(s.reason) CONTAINS term OR toLower(s.by) CONTAINS term)
SET s.reason = CASE WHEN any(term IN $terms WHERE toLower(s.reason) CONTAINS term)
                    THEN $replacement ELSE s.reason END,
    s.by = CASE WHEN any(term IN $terms WHERE toLower(s.by) CONTAINS term)
                THEN $replacement ELSE s.by END
RETURN count(s) AS cleared
