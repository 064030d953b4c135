// Records how a source's sync ended, once its writes are re-scored (clearing the mark that
// says they may not be).
// params: name, result, error, counts
MATCH (s:Source {name: $name})
SET s.last_sync_at = datetime(), s.last_result = $result, s.last_error = $error,
    s.last_counts = $counts, s.dirty = false
RETURN s.name AS name
