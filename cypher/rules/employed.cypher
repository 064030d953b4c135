// The one rule for "works there as of a day": the job `w` (a WORKS_AT) began on or before the
// day (or its start is unknown), has not ended by it (`until` is the first day without the
// job), and is dated or marked current (a job with neither date counts only when current).
// rule: w, day
(w.from IS NULL OR w.from <= day)
AND (w.until IS NULL OR w.until > day)
AND (w.from IS NOT NULL OR w.until IS NOT NULL OR w.current = true)
