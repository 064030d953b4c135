// Records how a source's sync ended; `scored` clears the not-yet-re-scored mark.
// params: name, result, error, counts, scored
MATCH (s:Source {name: $name})
SET s.last_sync_at = datetime(), s.last_result = $result, s.last_error = $error,
    s.last_counts = $counts, s.dirty = CASE WHEN $scored THEN false ELSE s.dirty END
RETURN s.name AS name
