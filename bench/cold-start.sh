#!/bin/bash
# Cold start of the hub, as docs/performance.md reports it: from the launch of `java -jar` to the first HTTP 200 of an
# mTLS request on the providers' port (GET /fhir/metadata with a participant's certificate from the data directory's
# PKI). Each round starts the hub on a fresh data directory (it generates the PKI), stops it, then starts it again on
# that data directory (restart); prints every figure, then the median and range of both. Ports differ from a hub on
# the defaults. Wrap it in `flock /work/bench.lock` on a shared machine and check the load average it prints.
# Usage: bench/cold-start.sh [rounds] [hub options...]   e.g. bench/cold-start.sh 5 --hub.validation.full-validator-at-start=false
# Environment: HUB_JAR (default hub/target/vanguard-hub-0.1.0-SNAPSHOT.jar; for CDS the extracted jar, see
# bench/cds.sh), HUB_JAVA_OPTS (default the documented memory settings), RUN_DIR (default /tmp/hub-cold-start).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${1:-3}; shift || true
HUB_JAR=${HUB_JAR:-$ROOT/hub/target/vanguard-hub-0.1.0-SNAPSHOT.jar}
HUB_JAVA_OPTS=${HUB_JAVA_OPTS:--Xms512m -Xmx512m -XX:MaxMetaspaceSize=256m -XX:ReservedCodeCacheSize=96m -XX:MaxDirectMemorySize=256m -Xss512k}
RUN_DIR=${RUN_DIR:-/tmp/hub-cold-start}
PORT=${PORT:-18443}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

# One start: prints the milliseconds from launch to the first 200 on the mTLS port.
start_once() {
    local data=$1 log=$2 started hub p12 code
    started=$(date +%s%N)
    # shellcheck disable=SC2086
    java $HUB_JAVA_OPTS -jar "$HUB_JAR" --hub.data-dir="$data" --server.port=$PORT \
        --hub.console.port=$((PORT + 1)) --management.server.port=$((PORT + 1000)) \
        --hub.broker.amqp-port=$((PORT - 2772)) "$@" > "$log" 2>&1 &
    hub=$!
    while :; do
        kill -0 $hub 2>/dev/null || { echo "the hub exited; see $log" >&2; return 1; }
        p12=$(ls "$data"/pki/participants/*.p12 2>/dev/null | head -1)
        if [ -n "$p12" ] && [ -f "$data/pki/ca.pem" ]; then
            code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 --cacert "$data/pki/ca.pem" \
                --cert "$p12:demo" --cert-type P12 "https://localhost:$PORT/fhir/metadata" 2>/dev/null)
            [ "$code" = 200 ] && break
        fi
        sleep 0.05
    done
    echo $(( ($(date +%s%N) - started) / 1000000 ))
    kill $hub; wait $hub 2>/dev/null || true
}

summary() { # name values...
    local name=$1; shift
    sort -n <<< "$(printf '%s\n' "$@")" | awk -v n="$name" '{v[NR]=$1} END {
        m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2;
        printf "%s: median %.1f s, range %.1f-%.1f s (%d runs)\n", n, m/1000, v[1]/1000, v[NR]/1000, NR }'
}

fresh=(); restart=()
for i in $(seq 1 "$ROUNDS"); do
    rm -rf "$RUN_DIR"; mkdir -p "$RUN_DIR"
    load=$(cut -d' ' -f1 /proc/loadavg)
    f=$(start_once "$RUN_DIR/data" "$RUN_DIR/fresh-$i.log" "$@") || exit 1
    r=$(start_once "$RUN_DIR/data" "$RUN_DIR/restart-$i.log" "$@") || exit 1
    echo "round $i: fresh data dir ${f} ms, restart ${r} ms (1-min load before: $load, after: $(cut -d' ' -f1 /proc/loadavg))"
    fresh+=("$f"); restart+=("$r")
done
summary "cold start, fresh data dir" "${fresh[@]}"
summary "cold start, existing data dir" "${restart[@]}"
