// How many stored ties there are at each level.
// params: none
MATCH ()-[t:TIE]->()
RETURN t.level AS level, count(*) AS pairs
ORDER BY level
