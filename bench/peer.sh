#!/bin/bash
# The peer benchmark (#14 item 4) in one command: starts the hub jar and the peer (bench-peer: a HAPI FHIR JPA server
# with a consent interceptor, on the hub's own demo PKI) on fresh data, sends both the same Patient/CarePlan load
# (PeerComparison: transactions to the peer, messages to the hub), prints one table, stops both.
# Usage: bench/peer.sh <run dir> [h2|postgresql] [PeerComparison options...]
#   e.g. flock /work/bench.lock bench/peer.sh /tmp/peer-run h2 --seconds=30 --warm-up=60
# Build first (bench-peer is in the peer profile): ./mvnw -B -Ppeer -pl hub,bench,bench-peer -am package -DskipTests
# postgresql: both servers on the local PostgreSQL (127.0.0.1:5432, database test, user postgres), each in a schema of
# its own (hubpeer, peerbench), dropped and made anew. JVM settings: HUB_JAVA_OPTS (default the documented ones) and
# PEER_JAVA_OPTS (default the same, with a 1 GiB heap: HAPI's JPA server is not sized for 512 MiB).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUN=$1; shift
DB=${1:-h2}; [ $# -gt 0 ] && shift
HUB_JAVA_OPTS=${HUB_JAVA_OPTS:--Xms512m -Xmx512m -XX:MaxMetaspaceSize=256m -XX:ReservedCodeCacheSize=96m -XX:MaxDirectMemorySize=256m -Xss512k}
PEER_JAVA_OPTS=${PEER_JAVA_OPTS:--Xms1g -Xmx1g -XX:MaxMetaspaceSize=256m -XX:ReservedCodeCacheSize=96m -XX:MaxDirectMemorySize=256m -Xss512k}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
rm -rf "$RUN"; mkdir -p "$RUN"; cd "$RUN"
HUB_DB=(); PEER_DB=(--peer.database=h2 --peer.data-dir="$RUN/peer-data")
if [ "$DB" = postgresql ]; then
    psql -q -h 127.0.0.1 -U postgres -d test -c 'DROP SCHEMA IF EXISTS hubpeer CASCADE' \
        -c 'DROP SCHEMA IF EXISTS peerbench CASCADE' -c 'CREATE SCHEMA hubpeer' -c 'CREATE SCHEMA peerbench'
    HUB_DB=(--spring.datasource.url='jdbc:postgresql://127.0.0.1:5432/test?currentSchema=hubpeer'
        --spring.datasource.username=postgres --spring.flyway.schemas=hubpeer)
    PEER_DB=(--peer.database=postgresql --peer.postgres-url=jdbc:postgresql://127.0.0.1:5432/test
        --peer.postgres-user=postgres --peer.postgres-schema=peerbench)
fi
echo "load before: $(uptime)"
stop() { kill "${peer:-}" "${hub:-}" 2>/dev/null; wait 2>/dev/null; }
trap stop EXIT
# shellcheck disable=SC2086
java $HUB_JAVA_OPTS -jar "$ROOT/hub/target/vanguard-hub-0.1.0-SNAPSHOT.jar" --logging.level.org.vanguard=WARN \
    "${HUB_DB[@]}" > hub.log 2>&1 &
hub=$!
until curl -sf http://127.0.0.1:9443/actuator/health 2>/dev/null | grep -q '"UP"'; do
    kill -0 $hub || { echo "the hub exited; see $RUN/hub.log"; exit 1; }
    sleep 0.5
done
echo "hub healthy; its PKI in $RUN/data/pki"
started=$(date +%s%N)
# shellcheck disable=SC2086
java $PEER_JAVA_OPTS -jar "$ROOT/bench-peer/target/peer.jar" --peer.pki="$RUN/data/pki" "${PEER_DB[@]}" \
    > peer.log 2>&1 &
peer=$!
until curl -sf --cert-type P12 --cert "$RUN/data/pki/participants/CH001.p12:demo" --cacert "$RUN/data/pki/ca.pem" \
        https://localhost:8445/fhir/metadata -o /dev/null; do
    kill -0 $peer || { echo "the peer exited; see $RUN/peer.log"; exit 1; }
    sleep 0.5
done
echo "peer answering $(( ($(date +%s%N) - started) / 1000000 )) ms after launch ($DB)"
java -cp "$ROOT/bench/target/benchmarks.jar" org.vanguard.bench.load.PeerComparison --hub=https://localhost:8443/ \
    --peer=https://localhost:8445/ --pki=data/pki --hub-pid=$hub --peer-pid=$peer "$@" 2>&1 | grep --line-buffered -v SLF4J \
    | tee harness.txt
echo "load after: $(uptime)"
