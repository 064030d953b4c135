// Deletes every node of the database in batches (auto-commit only), once their relationships
// are gone.
// params: none
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
