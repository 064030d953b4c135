// Moves a request on: appends a status, its day and a note, provided the request still has
// the number of steps the caller saw (no row when someone moved it on meanwhile).
// params: id, steps, status, on, note
MATCH (r:IntroRequest {id: $id})
WHERE size(r.statuses) = $steps
SET r.statuses = r.statuses + $status, r.dates = r.dates + $on, r.notes = r.notes + $note
RETURN r.id AS id
