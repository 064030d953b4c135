// The one opt-out rule: the person `p` asked to be left out of every view (import opt_out,
// `graphx forget` keeps only the marker). Queries filter with NOT @opted_out(p).
// rule: p
coalesce(p.opt_out, false)
