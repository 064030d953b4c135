// Removes every TIE a full scoring run did not write (pairs that no longer carry weight);
// returns how many. Auto-commit only.
// params: run
MATCH ()-[t:TIE]->()
WHERE t.run <> $run
CALL (t) { DELETE t } IN TRANSACTIONS OF 20000 ROWS
RETURN count(*) AS removed
