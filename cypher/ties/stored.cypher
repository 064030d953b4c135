// Every stored tie between people who have not opted out, with its properties; its moments
// in epoch seconds (the driver's datetime decoding costs ~100 us a value).
// params: none
MATCH (a:Person)-[t:TIE]->(b:Person)
WHERE NOT coalesce(a.opt_out, false) AND NOT coalesce(b.opt_out, false)
RETURN a.id AS a, b.id AS b,
       t {.*, first_contact: t.first_contact.epochSeconds,
          last_contact: t.last_contact.epochSeconds, last_deep: t.last_deep.epochSeconds} AS props
