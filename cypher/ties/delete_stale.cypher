// Removes every TIE not written by the given full-scoring run (auto-commit only).
// params: run
MATCH ()-[t:TIE]->()
WHERE t.run IS NULL OR t.run <> $run
CALL (t) { DELETE t } IN TRANSACTIONS OF 10000 ROWS
