// The date the materialised TIE relationships describe (`graphx score` writes them all at once).
// Reads a single relationship: O(1), no scan.
// params: none
MATCH ()-[t:TIE]->()
RETURN t.as_of AS as_of
LIMIT 1
