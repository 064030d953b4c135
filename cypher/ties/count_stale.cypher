// How many TIEs the given full-scoring run did not write (those it is about to remove).
// params: run
MATCH ()-[t:TIE]->()
WHERE t.run IS NULL OR t.run <> $run
RETURN count(t) AS stale
