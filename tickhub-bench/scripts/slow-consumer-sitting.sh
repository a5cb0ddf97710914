#!/usr/bin/env bash
# The slow-consumer check of issue 18 as a paired sitting (docs/performance.md, ninth sitting): ROUNDS
# fresh hubs at R updates/s (default 56,000: 75 % of the knee), each serving the harness three times:
# run 1 warms its JIT and is not compared; of runs 2 and 3, one has FROZEN=10 clients on "*" that never
# read (fanout-run.sh), the other none, the frozen one swapping places every round. Each frozen run is
# compared with the plain run of the same hub process: hubs differ from one another by more than the
# frozen clients cost (a fresh JVM's JIT and memory layout), so hub against hub hid the effect.
# Then each kind's p99 per run, the per-hub differences, and each kind's range.
# Usage (from the repository root, the harness in /tmp/fanout as for fanout-run.sh):
#   tickhub-bench/scripts/slow-consumer-sitting.sh ROUNDS [R] [LABEL]
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
ROUNDS=${1:?rounds}; R=${2:-56000}; TAG=${3:-slow-consumers-$(date +%H%M)}
for round in $(seq 1 "$ROUNDS"); do
  frozen_run=$((round % 2 == 1 ? 3 : 2))
  echo "=== round $round: frozen clients in run $frozen_run $(date +%T)"
  FROZEN=10 FROZEN_RUN=$frozen_run RUNS=3 "$root/tickhub-bench/scripts/fanout-run.sh" "$R" \
    "$TAG r$round frozen-in-$frozen_run $R" 2>&1 | grep -E "frozen:|p99|verdict" || echo "round $round: failed" >&2
done
python3 - "$TAG" <<'PY'
import json, re, sys, statistics
tag = sys.argv[1]
runs = {}
for line in open('/tmp/fanout/results/results.jsonl'):
    d = json.loads(line)
    m = re.match(re.escape(tag) + r' r(\d+) frozen-in-(\d) \d+ run (\d)$', d.get('label', ''))
    p99 = (d.get('latMs') or {}).get('p99')
    if not m or p99 is None or m.group(3) == '1':
        continue
    kind = 'frozen' if m.group(2) == m.group(3) else 'plain'
    runs.setdefault(int(m.group(1)), {})[kind] = (p99, d['cpuUsPerMsg']['server'], d['verdict'], d['gaps'])
pairs = {r: k for r, k in sorted(runs.items()) if len(k) == 2}
for r, k in pairs.items():
    print(f"hub {r}: p99 plain {k['plain'][0]:.1f} ms, frozen {k['frozen'][0]:.1f} ms "
          f"(difference {k['frozen'][0] - k['plain'][0]:+.1f}); server µs/msg {k['plain'][1]:.2f} / {k['frozen'][1]:.2f}; "
          f"verdicts {k['plain'][2]} / {k['frozen'][2]}; gaps {k['plain'][3] + k['frozen'][3]}")
for kind in ('plain', 'frozen'):
    p = [k[kind][0] for k in pairs.values()]
    if p:
        print(f"{kind:6s}: p99 ms {', '.join(f'{x:.1f}' for x in p)} (median {statistics.median(p):.1f}, range {min(p):.1f}-{max(p):.1f})")
d = [k['frozen'][0] - k['plain'][0] for k in pairs.values()]
if d:
    print(f"frozen minus plain in the same hub: median {statistics.median(d):+.1f} ms, range {min(d):+.1f} to {max(d):+.1f}; "
          f"frozen within the plain runs' range: {sum(1 for k in pairs.values() if k['frozen'][0] <= max(q['plain'][0] for q in pairs.values()))} of {len(d)}")
PY
