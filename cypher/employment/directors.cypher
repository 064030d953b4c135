// Directors of one organisation as of a date: people whose board or executive job there is
// held on the day (@employed); opted-out people left out.
// params: organisation_id, as_of, levels
MATCH (o:Organisation {id: $organisation_id})<-[w:WORKS_AT]-(p:Person)
WHERE w.level IN $levels
  AND NOT @opted_out(p)
  AND @employed(w, $as_of)
RETURN o.id AS organisation_id, o.name AS organisation_name, p.id AS id, p.name AS name,
       coalesce(w.title, p.title, '') AS title, w.level AS level,
       coalesce(p.interests, []) AS interests
ORDER BY id
