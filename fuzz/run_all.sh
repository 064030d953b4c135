#!/usr/bin/env bash
# Run each harness in turn (one at a time: the machine is shared), SECONDS each (default 600).
# Logs and crash artifacts go to WORK (default /tmp/graphx-fuzz); seeds are read from fuzz/corpus.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${SECONDS_EACH:-600}
work=${WORK:-/tmp/graphx-fuzz}
mkdir -p "$work/artifacts"
for harness in ${HARNESSES:-ics mail csv jsonl values}; do
  mkdir -p "$work/$harness"
  nice -n 10 .venv/bin/python "fuzz/fuzz_$harness.py" -max_total_time="$seconds" -timeout=60 \
    -rss_limit_mb=3072 -print_final_stats=1 -artifact_prefix="$work/artifacts/$harness-" \
    "$work/$harness" "fuzz/corpus/$harness" 2>&1 | grep -v "^INFO: Instrumenting" > "$work/$harness.log"
  echo "$harness: $(grep -E 'stat::number_of_executed_units' "$work/$harness.log")" >> "$work/summary.txt"
done
