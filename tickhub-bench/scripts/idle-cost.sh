#!/usr/bin/env bash
# Idle cost per connection (docs/performance.md, issue 18): the hub pinned to CPU 0 in its default
# configuration with a quiet feed (R updates/s over 500 simulated symbols), measured with no client
# and then with N connections of the shared harness's C client (CPU 1), each subscribed to K symbols:
# heap after a full GC, RSS, and the hub's CPU over 20 s, per thread.
# Usage (from the repository root, after ./mvnw -B -q -DskipTests package, with the harness copied to
# /tmp/fanout as in performance.md): tickhub-bench/scripts/idle-cost.sh N [R] [K]
set -euo pipefail
N=$1; R=${2:-10}; K=${3:-1}
root="$(cd "$(dirname "$0")/../.." && pwd)"
port=18137
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is taken" >&2; exit 1; fi
jdk_bin="$(dirname "$("$root/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.home/ {print $2}')/bin/java")"
jcmd="$jdk_bin/jcmd"
python3 -c "print('\n'.join('ITEM_%02d'%i for i in range(500)))" > /tmp/syms.txt
data=$(mktemp -d)
setsid bash -c 'echo $$ > /tmp/idle-cost-hub.pid; echo -10 > /proc/self/autogroup; exec taskset -c 0 "$@"' _ \
  "$root/bin/tickhub" --server.port=$port --tickhub.simulator.ticker-count=500 --tickhub.simulator.symbols= \
  --tickhub.simulator.interval=$((500000000 / R))us --tickhub.data-dir="$data" \
  --tickhub.limits.connections.max-streams-per-address=30000 --tickhub.limits.connections.max-streams=30000 \
  > /tmp/idle-cost-hub.log 2>&1 < /dev/null &
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do sleep 0.5; done; rm -rf "$data"; }
trap cleanup EXIT
sleep 1; until curl -sf http://127.0.0.1:$port/health > /dev/null; do sleep 1; done; sleep 8
pid=$(cat /tmp/idle-cost-hub.pid)
threads() { for t in /proc/$pid/task/*; do echo "$(cat "$t/comm")|$(awk '{print $14+$15}' "$t/stat")"; done; }
measure() {
  "$jcmd" "$pid" GC.run > /dev/null; sleep 1
  heap=$("$jcmd" "$pid" GC.heap_info | python3 -c "import re,sys; print(sum(int(x) for x in re.findall(r'used (\d+)K', sys.stdin.read())))")
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  threads > /tmp/idle-cost-t0; c0=$(awk '{print $14+$15}' /proc/$pid/stat); sleep 20
  c1=$(awk '{print $14+$15}' /proc/$pid/stat); threads > /tmp/idle-cost-t1
  echo "$1: heap ${heap} KiB, RSS ${rss} KiB, CPU $(( c1 - c0 )) ticks of 10 ms in 20 s; per thread (% of a core):"
  python3 - <<'PY'
import collections, re
def read(f):
    d = collections.Counter()
    for line in open(f):
        name, v = line.rstrip('\n').rsplit('|', 1)
        d[re.sub(r'\d+', 'N', name)] += int(v)
    return d
a, b = read('/tmp/idle-cost-t0'), read('/tmp/idle-cost-t1')
for k in sorted(b, key=lambda k: a.get(k, 0) - b[k])[:8]:
    if b[k] > a.get(k, 0):
        print(f'  {(b[k] - a.get(k, 0)) / 20:5.1f} {k}')
PY
}
measure "no client"
(cd /tmp/fanout && node run.js --server hub --client c --port $port --path "/ws?format=compact&batch=1" --sym-field s --seq-field q \
   --n "$N" --k "$K" --s 500 --rate "$R" --duration 45 --nice -10 --client-cpus 1 --connect-timeout 120 \
   --server-pid "$pid" --symbols-file /tmp/syms.txt --wait-quiet 0 --label "idle$N" > /tmp/idle-cost-run.log 2>&1 &)
until grep -q "connected+subscribed" /tmp/idle-cost-run.log 2>/dev/null; do sleep 1; done
grep "connected+subscribed" /tmp/idle-cost-run.log
measure "$N connections"
sleep 30
