// Deletes every relationship of the database in batches (auto-commit only); the first half of
// `delete_all`, so that no node with thousands of ties is deleted in one transaction.
// params: none
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
