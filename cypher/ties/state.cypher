// The state of the stored ties: the settings fingerprint they were scored with, the day of the
// last scoring run, and whether they hold every conversation (false while a full run writes,
// or after an import that did not re-score). No row when nothing was ever scored.
// params: none
MATCH (s:TieStore {id: 'ties'})
RETURN s.config AS config, s.scored AS scored, s.complete AS complete
