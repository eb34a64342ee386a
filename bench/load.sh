#!/bin/bash
# One load-harness run against a fresh hub, as docs/performance.md reports them: starts the hub jar on an empty data
# directory (JVM settings from HUB_JAVA_OPTS, default the documented ones), waits for its health, runs the harness with
# the given options, optionally profiles the hub with async-profiler from the start of the full phase (PROFILER=path to
# libasyncProfiler.so), passes HUB_ARGS (e.g. --hub.validation.full-validator-at-start=false) to the hub, samples the
# hub's resident memory each second, stops the hub and prints everything.
# Usage: bench/load.sh <run dir> [harness options...]   e.g. bench/load.sh /tmp/run1 --phases=bare,full,open --rate=150
# Wrap it in `flock /work/bench.lock` on a shared machine.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUN=$1; shift
HUB_JAVA_OPTS=${HUB_JAVA_OPTS:--Xms512m -Xmx512m -XX:MaxMetaspaceSize=256m -XX:ReservedCodeCacheSize=96m -XX:MaxDirectMemorySize=256m -Xss512k}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
rm -rf "$RUN"; mkdir -p "$RUN"; cd "$RUN"
echo "load before: $(uptime)"
started=$(date +%s%N)
# shellcheck disable=SC2086
java $HUB_JAVA_OPTS -jar "$ROOT/hub/target/vanguard-hub-0.1.0-SNAPSHOT.jar" --hub.bench.bare-pipeline=true \
    --logging.level.org.vanguard=WARN ${HUB_ARGS:-} > hub.log 2>&1 &
hub=$!
until curl -sf http://127.0.0.1:9443/actuator/health 2>/dev/null | grep -q '"UP"'; do
    kill -0 $hub || { echo "the hub exited; see $RUN/hub.log"; exit 1; }
    sleep 0.2
done
echo "hub healthy $(( ($(date +%s%N) - started) / 1000000 )) ms after launch"
java -cp "$ROOT/bench/target/benchmarks.jar" org.vanguard.bench.load.LoadHarness --hub=https://localhost:8443/ \
    --pki=data/pki --senders=32 --seconds=30 --warm-up=90 --hub-pid=$hub "$@" > harness.txt 2>&1 &
harness=$!
if [ -n "${PROFILER:-}" ]; then
    until grep -q "bare pipeline\|full enforcement" harness.txt; do kill -0 $harness || break; sleep 0.5; done
    jcmd $hub JVMTI.agent_load "$PROFILER" '"start,event=cpu,interval=1ms,threads"' > /dev/null
fi
max=0
while kill -0 $harness 2>/dev/null; do
    rss=$(ps -o rss= -p $hub); [ "${rss:-0}" -gt $max ] && max=$rss; sleep 1
done
[ -n "${PROFILER:-}" ] && jcmd $hub JVMTI.agent_load "$PROFILER" "\"stop,file=$RUN/hub.collapsed,collapsed\"" > /dev/null
grep -v SLF4J harness.txt
echo "hub resident memory, highest sampled: $((max / 1024)) MiB; load after: $(uptime)"
kill $hub; wait $hub
