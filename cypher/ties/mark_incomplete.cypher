// Records that conversations changed without re-scoring: the stored ties no longer hold them
// all, so every answer computes ties from the conversations until the next `graphx score`.
// params: none
MATCH (s:TieStore {id: 'ties'})
SET s.complete = false
