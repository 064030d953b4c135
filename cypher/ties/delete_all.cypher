// Removes every TIE before a full scoring run writes them all again (auto-commit only).
// params: none
MATCH ()-[t:TIE]->()
CALL (t) { DELETE t } IN TRANSACTIONS OF 20000 ROWS
