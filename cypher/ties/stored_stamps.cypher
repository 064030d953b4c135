// The as-of dates and settings fingerprints the stored ties were computed with (a few).
// params: none
MATCH ()-[t:TIE]->()
RETURN DISTINCT t.as_of AS as_of, t.config AS config
LIMIT 3
