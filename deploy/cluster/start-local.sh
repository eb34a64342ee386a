#!/usr/bin/env bash
# Starts the whole cluster topology on this machine, each component on its own 127.0.0.1 ports:
#   - two ActiveMQ Artemis brokers, live and backup on a shared store (create-brokers.sh), core on 61716 / 61717, and
#     participants on AMQP 1.0 (TLS, client certificate) on 61726 / 61727, with the hub's broker plugin jar;
#   - two hub nodes in the "cluster" profile (no embedded broker), HTTPS 18443 / 28443, health on 19443 / 29443;
#   - PostgreSQL: the local server (127.0.0.1:5432, database test, schema hubcluster by default);
#   - HAProxy in front of the nodes on 8543 (apt-get install -y haproxy).
# Everything it writes is under CLUSTER_DIR (default ./data-cluster); stop it all with stop-local.sh.
# Build first: ./mvnw -B -pl hub -am package -DskipTests (the hub jar; the Artemis distribution is fetched by Maven).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="${CLUSTER_DIR:-$root/data-cluster}"
artemis_version="${ARTEMIS_VERSION:-2.40.0}"
artemis_home="${ARTEMIS_HOME:-$root/hub/target/artemis-dist/apache-artemis-$artemis_version}"
jar="${HUB_JAR:-$(ls "$root"/hub/target/vanguard-hub-*.jar | grep -v -e sources -e broker-plugin | head -1)}"
broker_lib="${BROKER_LIB:-$root/hub/target/broker-lib}"
live_port="${LIVE_PORT:-61716}"; backup_port="${BACKUP_PORT:-61717}"
hub_a_port="${HUB_A_PORT:-18443}"; hub_b_port="${HUB_B_PORT:-28443}"; balancer_port="${BALANCER_PORT:-8543}"
schema="${HUB_SCHEMA:-hubcluster}"
db_url="${HUB_DATASOURCE_URL:-jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema}"
mkdir -p "$dir/pids"

if [ ! -x "$artemis_home/bin/artemis" ]; then
  (cd "$root" && ./mvnw -B -q -pl hub dependency:unpack@unpack-artemis-distribution)
fi
if [ ! -d "$dir/brokers/live" ]; then
  # The brokers' TLS for participants, from the hub's CA (made here if new; the first node adopts it).
  java -Dloader.main=org.vanguard.hub.cli.HubCli -cp "$jar" org.springframework.boot.loader.launch.PropertiesLauncher \
    broker-tls --pki "$dir/pki" --out "$dir/broker-tls"
  BROKER_LIB="$broker_lib" BROKER_TLS_DIR="$dir/broker-tls" BROKER_DATABASE_URL="$db_url" \
    BROKER_DATABASE_USER="${HUB_DATASOURCE_USERNAME:-postgres}" BROKER_DATABASE_PASSWORD="${HUB_DATASOURCE_PASSWORD:-}" \
    bash "$root/deploy/cluster/create-brokers.sh" "$artemis_home" "$dir/brokers" "$live_port" "$backup_port"
fi

wait_for() { # what, command...
  local what="$1"; shift
  for _ in $(seq 1 300); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "$what did not come up; see $dir/*.log" >&2; exit 1
}

for broker in live backup; do
  setsid "$dir/brokers/$broker/bin/artemis" run >> "$dir/$broker.log" 2>&1 &
  echo $! > "$dir/pids/$broker"
done
wait_for "the live broker" grep -q AMQ221007 "$dir/live.log"

export HUB_BROKER_URL="(tcp://127.0.0.1:$live_port,tcp://127.0.0.1:$backup_port)?ha=true&reconnectAttempts=-1&initialConnectAttempts=20&retryInterval=500&retryIntervalMultiplier=1.5&maxRetryInterval=5000&callFailoverTimeout=30000"
export HUB_BROKER_USER="${HUB_BROKER_USER:-hub}" HUB_BROKER_PASSWORD="${HUB_BROKER_PASSWORD:-hub}"
export HUB_DATASOURCE_URL="$db_url" HUB_DATASOURCE_USERNAME="${HUB_DATASOURCE_USERNAME:-postgres}"

start_hub() { # name https-port management-port console-port
  setsid java -Xmx768m -jar "$jar" --spring.profiles.active=demo,cluster --hub.cluster.node-id="$1" \
    --hub.data-dir="$dir/$1" --hub.pki.directory="$dir/pki" --hub.governance.drafts="$dir/drafts" \
    --hub.audit.anchor.anchor-file="$dir/anchors/checkpoints.jsonl" --spring.flyway.schemas="$schema" \
    --server.port="$2" --management.server.port="$3" --hub.console.port="$4" >> "$dir/$1.log" 2>&1 &
  echo $! > "$dir/pids/$1"
  wait_for "hub node $1" curl -fsS "http://127.0.0.1:$3/actuator/health/readiness"
}
# One after the other: the first node makes the shared PKI (CA, server and demo certificates), the second uses it.
start_hub hub-a "$hub_a_port" 19443 18444
start_hub hub-b "$hub_b_port" 29443 28444

sed -e "s/\${BALANCER_PORT}/$balancer_port/" -e "s/\${HUB_A_PORT}/$hub_a_port/" -e "s/\${HUB_B_PORT}/$hub_b_port/" \
  "$root/deploy/cluster/haproxy.cfg" > "$dir/haproxy.cfg"
haproxy -f "$dir/haproxy.cfg" -D -p "$dir/pids/haproxy"

cat <<DONE
The cluster runs: participants at https://localhost:$balancer_port (HAProxy -> hub-a :$hub_a_port, hub-b :$hub_b_port),
brokers live :$live_port / backup :$backup_port (participants on AMQP: amqps://localhost:61726, failover to :61727),
PostgreSQL schema $schema. Demo credentials: $dir/pki (password demo).
  curl --cert-type P12 --cert $dir/pki/participants/CH001.p12:demo --cacert $dir/pki/ca.pem \\
    -H 'Content-Type: application/fhir+json' --data-binary @governance/demo/messages/careplan-update.json \\
    'https://localhost:$balancer_port/fhir/\$process-message'
Stop everything: deploy/cluster/stop-local.sh
DONE
