// Directors of one organisation as of a date: people whose board or executive job there is
// current (from <= as_of < until, or `current` with no dates); opted-out people left out.
// params: organisation_id, as_of, levels
MATCH (o:Organisation {id: $organisation_id})<-[w:WORKS_AT]-(p:Person)
WHERE w.level IN $levels
  AND NOT coalesce(p.opt_out, false)
  AND (w.from IS NULL OR w.from <= $as_of)
  AND (w.until IS NULL OR w.until > $as_of)
  AND (w.from IS NOT NULL OR w.until IS NOT NULL OR w.current = true)
RETURN o.id AS organisation_id, o.name AS organisation_name, p.id AS id, p.name AS name,
       coalesce(w.title, p.title, '') AS title, w.level AS level,
       coalesce(p.interests, []) AS interests
ORDER BY id
