#!/usr/bin/env bash
# Trains an ahead-of-time cache for the packaged hub (JDK 25+: JEP 483 class loading and linking,
# JEP 515 method profiles), so that a fresh hub starts with its classes loaded and linked and the
# JIT compiles the fan-out path from profiles of a run under load, not from its first minute of
# traffic. bin/tickhub uses the cache while the jar is the one it was trained on (its cksum is
# kept beside the cache; docs/operations.md, "Start-up with an AOT cache").
#
# Usage (from the repository root, after ./mvnw -B -q -DskipTests package, which builds both jars):
#   tickhub-bench/scripts/aot-train.sh [SECONDS]
# SECONDS of load per stream format (default 15). Writes tickhub-server/target/aot/: the jar
# extracted (the cache records classes from the class path; Spring Boot's nested jars cannot be
# cached) and tickhub.aot, with the training hub's log. The cache belongs to the JDK that trained
# it: a JVM that cannot use it says so and starts without it. It was used alike under the serial and
# G1 collectors. AOT_CPUS=0 pins the training hub to CPU 0 (as fanout-run.sh pins the measured
# one); TICKHUB_JAVA_OPTS passes through.
set -euo pipefail
SECONDS_PER_FORMAT=${1:-15}
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/tickhub-server/target/tickhub-exec.jar"
bench="$root/tickhub-bench/target/benchmarks.jar"
out="$root/tickhub-server/target/aot"
port=${AOT_PORT:-18128}
for f in "$jar" "$bench"; do
  [ -f "$f" ] || { echo "aot-train.sh: $f not found; run ./mvnw -B -q -DskipTests package" >&2; exit 1; }
done
major=$("$root/bin/java" --print-version)
[ "$major" -ge 25 ] || { echo "aot-train.sh: needs a JDK >= 25 (-XX:AOTCacheOutput); bin/java runs $major" >&2; exit 1; }
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "aot-train.sh: something already listens on 127.0.0.1:$port; stop it or set AOT_PORT" >&2
  exit 1
fi

# The cache records the class path it was trained on, so the jar is extracted where it will run;
# the cache is written under another name and renamed only when the whole run succeeded: a hub
# stopped early still writes one as its JVM exits, from a partial run, which must not be used.
rm -rf "$out"
trained_on=$(cksum < "$jar")
"$root/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$out" > /dev/null
partial="$out/tickhub.aot.partial"
data=$(mktemp -d)
pin=(); [ -n "${AOT_CPUS:-}" ] && pin=(taskset -c "$AOT_CPUS")
# The training hub: the bench's feed (500 symbols at 20,000 updates/s), store and bars on as by default.
TICKHUB_JAR="$out/tickhub-exec.jar" TICKHUB_AOT=off \
  TICKHUB_JAVA_OPTS="${TICKHUB_JAVA_OPTS:-} -XX:AOTCacheOutput=$partial" \
  setsid "${pin[@]}" "$root/bin/tickhub" --server.port="$port" --tickhub.simulator.ticker-count=500 \
  --tickhub.simulator.symbols= --tickhub.simulator.interval=25000us --tickhub.journal.dir="$data/journal" \
  --spring.datasource.url="jdbc:h2:file:$data/tickhub" > "$out/training.log" 2>&1 < /dev/null &
hub=$!
# On any failure: the training hub is killed (no cache written) and its directory kept for its log.
trap 'kill -KILL "$hub" 2>/dev/null || true; wait "$hub" 2>/dev/null || true; rm -f "$partial"; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" && break
  kill -0 "$hub" 2>/dev/null || break
  sleep 1
done
curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" \
  || { echo "aot-train.sh: the hub did not start; see $out/training.log" >&2; exit 1; }

python3 -c "print('\n'.join('ITEM_%02d'%i for i in range(500)))" > "$data/syms.txt"
load() { # PATH: 500 WebSocket clients, 10 symbols each
  "$root/bin/java" -cp "$bench" io.tickhub.bench.load.LoadGenerator --url "ws://127.0.0.1:$port$1" \
    --connections 500 --symbols-per-conn 10 --symbols-file "$data/syms.txt" --warmup 2 \
    --duration "$SECONDS_PER_FORMAT" --rate 20000 > /dev/null
}
# REST and SSE as clients use them, while the streams run.
rest() {
  for _ in $(seq 1 "$SECONDS_PER_FORMAT"); do
    for path in /health /api/v1/tickers "/api/v1/quotes?symbols=ITEM_01,ITEM_02" /api/v1/history/ITEM_01 \
                /tickers/item_01 /api/v1/bars/ITEM_01 /actuator/prometheus; do
      curl -s -o /dev/null "http://127.0.0.1:$port$path" || true
    done
    curl -s -m 1 -o /dev/null "http://127.0.0.1:$port/api/v1/stream?symbols=ITEM_01" || true
  done
}
rest & rest_pid=$!
load "/ws"
load "/ws?format=compact&batch=1"
wait "$rest_pid" || true

# The JVM writes the cache as it exits: a second JVM assembles it from the training run's record.
kill -TERM "$hub"
wait "$hub" || true
trap 'rm -rf "$data"' EXIT
[ -f "$partial" ] || { echo "aot-train.sh: no cache written; see $out/training.log" >&2; exit 1; }
mv "$partial" "$out/tickhub.aot"
echo "$trained_on" > "$out/tickhub.aot.jar-cksum"
echo "aot-train.sh: $out/tickhub.aot ($(du -h "$out/tickhub.aot" | cut -f1)); bin/tickhub uses it until the jar is rebuilt"
