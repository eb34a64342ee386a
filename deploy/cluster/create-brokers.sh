#!/usr/bin/env bash
# Creates the cluster's two ActiveMQ Artemis brokers, a live/backup pair on a shared store, from the Artemis
# distribution (Maven Central, org.apache.activemq:apache-artemis:<version>:bin:tar.gz; the hub's build unpacks it into
# hub/target/artemis-dist). Each broker gets the hub's address settings (hub-address-settings.xml beside this script)
# and a 100 us journal buffer timeout.
#
#   create-brokers.sh ARTEMIS_HOME DIR [LIVE_PORT] [BACKUP_PORT] [USER] [PASSWORD]
#
# makes DIR/live and DIR/backup (Artemis instances; start each with DIR/<name>/bin/artemis run) sharing DIR/shared.
# On separate machines the shared store is a shared file system (NFSv4) or, instead, use replication
# (artemis create --replicated); see docs/cluster.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
artemis_home="$1"; dir="$2"; live_port="${3:-61716}"; backup_port="${4:-61717}"
user="${5:-hub}"; password="${6:-hub}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

create() { # name port peer_port extra...
  local name="$1" port="$2" peer="$3"; shift 3
  "$artemis_home/bin/artemis" create --silent --force --name "$name" --host 127.0.0.1 --default-port "$port" \
    --user "$user" --password "$password" --require-login --no-web --nio --java-memory 512M \
    --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
    --shared-store --clustered --cluster-user "$user-cluster" --cluster-password "$password" \
    --staticCluster "tcp://127.0.0.1:$peer" --data "$dir/shared" "$@" "$dir/$name" > "$dir/$name-create.log"
  local xml="$dir/$name/etc/broker.xml"
  # The hub's address settings, before the catch-all one.
  awk -v settings="$here/hub-address-settings.xml" '
    /<address-setting match="#">/ && !done { while ((getline line < settings) > 0) print line; done = 1 }
    { print }' "$xml" > "$xml.new"
  mv "$xml.new" "$xml"
  # Durable sends wait at most 100 us for a journal write to fill (the default ~3 ms caps a producer at ~300 msg/s).
  sed -i 's|<journal-buffer-timeout>[0-9]*</journal-buffer-timeout>|<journal-buffer-timeout>100000</journal-buffer-timeout>|' "$xml"
  grep -q '<journal-buffer-timeout>' "$xml" \
    || sed -i 's|</journal-type>|</journal-type>\n      <journal-buffer-timeout>100000</journal-buffer-timeout>|' "$xml"
}

create live "$live_port" "$backup_port" --failover-on-shutdown
create backup "$backup_port" "$live_port" --backup
echo "brokers created in $dir: live on 127.0.0.1:$live_port, backup on 127.0.0.1:$backup_port"
