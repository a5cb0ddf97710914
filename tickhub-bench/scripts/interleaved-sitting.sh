#!/usr/bin/env bash
# One sitting of NATS against Tickhub, interleaved: for each round and each rate, a NATS run and a
# fresh Tickhub hub serving the harness twice (cold, then warm), the order of the two servers
# swapped every round so that a drift of the machine through the sitting falls on both alike.
# Then the median and range of each figure per server and rate (interleaved-summary.py).
#
# Usage (from the repository root, after ./mvnw -B -q -DskipTests package, with the harness copied
# to /tmp/fanout and its C client built: see docs/performance.md):
#   tickhub-bench/scripts/interleaved-sitting.sh [ROUNDS] [RATES...]
# ROUNDS defaults to 3, RATES to 5000 15000 30000 40000. Each round of the four rates takes about
# 9 minutes. NATS is started (pinned to CPU 0, nice -10, as the hub) and stopped by this script.
set -euo pipefail
ROUNDS=${1:-3}; shift || true
RATES=("$@"); [ ${#RATES[@]} -gt 0 ] || RATES=(5000 15000 30000 40000)
root="$(cd "$(dirname "$0")/../.." && pwd)"
harness=/tmp/fanout
[ -f "$harness/run.js" ] || {
  echo "interleaved-sitting.sh: the harness is not in $harness (docs/performance.md, Reproduce)" >&2; exit 1; }
sitting="sitting-$(date -u +%Y%m%dT%H%M%S)"
results="$harness/results/results.jsonl"
(cd "$harness" && CPUS=0 NICE=-10 ./servers.sh start nats) >&2
trap '(cd "$harness" && ./servers.sh stop nats) >&2 || true' EXIT

# A failed run (saturated, or a server that did not come up) is said on stderr; the sitting goes on
# and the summary counts it in its "ok" column.
nats() { # R
  (cd "$harness" && node run.js --server nats --client c --n 1000 --k 10 --s 500 --rate "$1" --duration 20 \
     --nice -10 --client-cpus 1 --pub-cpus 1 --wait-quiet 0 --label "$sitting nats $1") > /dev/null \
    || echo "$(date -u +%T) NATS at $1 updates/s: the run failed (exit $?)" >&2
}
tickhub() { # R: the hub's own runs are labelled "... run 1" (cold) and "... run 2" (warm)
  RUNS=2 "$root/tickhub-bench/scripts/fanout-run.sh" "$1" "$sitting tickhub $1" > /dev/null \
    || echo "$(date -u +%T) Tickhub at $1 updates/s: a run failed (exit $?)" >&2
}
for round in $(seq 1 "$ROUNDS"); do
  for R in "${RATES[@]}"; do
    echo "$(date -u +%T) round $round of $ROUNDS, $R updates/s" >&2
    if [ $((round % 2)) -eq 1 ]; then nats "$R"; tickhub "$R"; else tickhub "$R"; nats "$R"; fi
  done
done
python3 "$root/tickhub-bench/scripts/interleaved-summary.py" "$results" "$sitting"
