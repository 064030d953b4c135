// Deletes every node and relationship of the database, in batches (auto-commit only).
// params: none
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
