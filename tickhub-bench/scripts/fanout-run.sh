#!/usr/bin/env bash
# One fan-out harness run against Tickhub in its default configuration, as in docs/performance.md:
# the hub pinned to CPU 0 (autogroup nice -10) with 500 simulated symbols at R updates/s in total,
# a fresh data directory, then the shared harness's C client (CPU 1) with N=1000, K=10, S=500.
# Usage (from the repository root, after ./mvnw -B -q -DskipTests package and with the harness
# copied to /tmp/fanout: see performance.md):
#   tickhub-bench/scripts/fanout-run.sh R LABEL [PATH] [extra hub arguments...]
# PATH defaults to "/ws?format=compact&batch=1". Stops the hub it started, also when the harness fails.
# RUNS=2 runs the harness twice against the same hub process (the first run warms its JIT, as a hub
# that has served for a while is); each run reports on its own. STAR=1 adds a client on "*", FROZEN=N
# N clients on "*" that never read (both below), in the last run or in run FROZEN_RUN.
set -euo pipefail
R=$1; LABEL=$2; WSPATH=${3:-/ws?format=compact&batch=1}; shift 3 2>/dev/null || shift $#
root="$(cd "$(dirname "$0")/../.." && pwd)"
case "$WSPATH" in *compact*) fields=(--sym-field s --seq-field q) ;; *) fields=(--sym-field symbol --seq-field seq) ;; esac
python3 -c "print('\n'.join('ITEM_%02d'%i for i in range(500)))" > /tmp/syms.txt
# Port 18127 must be free: else the harness would measure whatever hub already listens there.
if curl -s -m 2 -o /dev/null http://127.0.0.1:18127/health; then
  echo "fanout-run.sh: something already listens on 127.0.0.1:18127 (another run?); stop it first" >&2
  exit 1
fi
data=$(mktemp -d)
setsid bash -c 'echo $$ > /tmp/tickhub.pid; echo -10 > /proc/self/autogroup; exec taskset -c 0 "$@"' _ \
  "$root/bin/tickhub" --server.port=18127 --tickhub.simulator.ticker-count=500 --tickhub.simulator.symbols= \
  --tickhub.simulator.interval=$((500000000 / R))us --tickhub.journal.dir="$data/journal" \
  --spring.datasource.url="jdbc:h2:file:$data/tickhub" \
  --tickhub.limits.connections.max-streams-per-address=20000 "$@" > /tmp/tickhub.log 2>&1 < /dev/null &
# Ready, as a load balancer sees it (after the start-up stream warm-up), then 8 s more; a hub that
# dies or is not ready within 180 s ends the script (its log is /tmp/tickhub.log).
sleep 1; pid=$(cat /tmp/tickhub.pid)
# The hub is stopped however the script ends (the harness exits non-zero on a saturated run).
trap 'kill "$pid" 2>/dev/null; while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done; rm -rf "$data"' EXIT
for _ in $(seq 180); do
  curl -sf http://127.0.0.1:18127/actuator/health/readiness > /dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "fanout-run.sh: the hub exited; see /tmp/tickhub.log" >&2; exit 1; }
  sleep 1
done
curl -sf http://127.0.0.1:18127/actuator/health/readiness > /dev/null \
  || { echo "fanout-run.sh: the hub was not ready within 180 s; see /tmp/tickhub.log" >&2; exit 1; }
sleep 8
harness() { # N K LABEL: one harness run, 20 s window
  (cd /tmp/fanout && node run.js --server hub --client c --port 18127 --path "$WSPATH" "${fields[@]}" \
     --n "$1" --k "$2" --s 500 --rate "$R" --duration 20 --nice -10 --client-cpus 1 \
     --server-pid "$pid" --symbols-file /tmp/syms.txt --wait-quiet 0 --label "$3")
}
for run in $(seq 1 "${RUNS:-1}"); do
  last=$([ "$run" -eq "${RUNS:-1}" ] && echo 1 || true)
  frozen_here=$([ -n "${FROZEN:-}" ] && [ "$run" -eq "${FROZEN_RUN:-${RUNS:-1}}" ] && echo 1 || true)
  if [ -z "${STAR:-}" ] && [ -z "$frozen_here" ]; then
    harness 1000 10 "$LABEL run $run" || [ -z "$last" ]
    continue
  fi
  harness 1000 10 "$LABEL run $run" > /tmp/fanout-main.log 2>&1 &
  main=$!
  until grep -q "connected+subscribed" /tmp/fanout-main.log 2>/dev/null || ! kill -0 $main 2>/dev/null; do sleep 0.5; done
  frozen=""
  if [ -n "$frozen_here" ]; then
    # FROZEN=N (one run): N clients on "*" that never read, from 2 s into the harness's
    # warm-up for 14 s, so the hub conflates them and closes them 4008 within the window; the count
    # of closes is read 8 s after, when the window is over.
    "$root/tickhub-bench/scripts/frozen-clients.py" 18127 "$FROZEN" 2 14 8 &
    frozen=$!
  fi
  if [ -n "${STAR:-}" ]; then
    # STAR=1: one more client, subscribed to "*" (every symbol), measured by a second harness
    # alongside the 1,000 once they are connected. Needs the harness's C client patched to send
    # its own subscribe message: tickhub-bench/scripts/cclient-subscribe-override.patch.
    CCLIENT_HUB_SUBSCRIBE='{"action":"subscribe","symbols":["*"]}' harness 1 500 "$LABEL run $run: the client on *" || true
  fi
  wait $main || [ -z "$last" ]
  cat /tmp/fanout-main.log
  if [ -n "$frozen" ]; then wait "$frozen" || true; fi
done
