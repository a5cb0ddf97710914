#!/usr/bin/env bash
# The slow-consumer check of issue 18 as an interleaved sitting (docs/performance.md, eighth sitting):
# ROUNDS rounds at R updates/s (default 56,000: 75 % of the knee), each a fresh hub serving the harness
# twice without frozen clients and a fresh hub serving it twice with FROZEN=10 clients on "*" that never
# read in its second run (fanout-run.sh), the order swapped every round. Then the others' p99 per run,
# and each kind's range: the frozen runs' second windows should fall within the plain runs' range.
# Usage (from the repository root, the harness in /tmp/fanout as for fanout-run.sh):
#   tickhub-bench/scripts/slow-consumer-sitting.sh ROUNDS [R] [LABEL]
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
ROUNDS=${1:?rounds}; R=${2:-56000}; TAG=${3:-slow-consumers-$(date +%H%M)}
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then order="plain frozen"; else order="frozen plain"; fi
  for kind in $order; do
    echo "=== round $round $kind $(date +%T)"
    if [ "$kind" = frozen ]; then
      FROZEN=10 RUNS=2 "$root/tickhub-bench/scripts/fanout-run.sh" "$R" "$TAG r$round frozen $R" 2>&1 \
        | grep -E "frozen:|p99|verdict" || echo "round $round frozen: failed" >&2
    else
      RUNS=2 "$root/tickhub-bench/scripts/fanout-run.sh" "$R" "$TAG r$round plain $R" 2>&1 \
        | grep -E "p99|verdict" || echo "round $round plain: failed" >&2
    fi
  done
done
python3 - "$TAG" <<'PY'
import json, sys, statistics
tag = sys.argv[1]
runs = {}
for line in open('/tmp/fanout/results/results.jsonl'):
    d = json.loads(line)
    if not d.get('label', '').startswith(tag + ' '):
        continue
    kind = 'frozen' if ' frozen ' in d['label'] else 'plain'
    which = d['label'].rsplit(' ', 1)[-1]
    p99 = (d.get('latMs') or {}).get('p99')
    if p99 is None:
        continue
    runs.setdefault((kind, which), []).append((p99, d['cpuUsPerMsg']['server'], d['verdict'], d['gaps']))
for (kind, which), rs in sorted(runs.items()):
    p = [r[0] for r in rs]
    print(f"{kind:6s} run {which}: p99 ms {', '.join(f'{x:.1f}' for x in p)}  (median {statistics.median(p):.1f}, "
          f"range {min(p):.1f}-{max(p):.1f}); server µs/msg {', '.join(f'{r[1]:.2f}' for r in rs)}; "
          f"verdicts {sorted(set(r[2] for r in rs))}; gaps {sum(r[3] for r in rs)}")
PY
