// Records the state of the stored ties (see ties.state).
// params: config, scored, complete
MERGE (s:TieStore {id: 'ties'})
SET s.config = $config, s.scored = $scored, s.complete = $complete
