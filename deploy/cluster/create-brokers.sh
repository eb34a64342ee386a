#!/usr/bin/env bash
# Creates the cluster's two ActiveMQ Artemis brokers, a live/backup pair on a shared store, from the Artemis
# distribution (Maven Central, org.apache.activemq:apache-artemis:<version>:bin:tar.gz; the hub's build unpacks it into
# hub/target/artemis-dist). Each broker gets the hub's address settings (hub-address-settings.xml beside this script)
# and a 100 us journal buffer timeout.
#
#   create-brokers.sh ARTEMIS_HOME DIR [LIVE_PORT] [BACKUP_PORT] [USER] [PASSWORD]
#
# makes DIR/live and DIR/backup (Artemis instances; start each with DIR/<name>/bin/artemis run) sharing DIR/shared.
# Their core acceptor speaks CORE only (the hub nodes). Participants on AMQP 1.0 get an acceptor of their own when
# BROKER_LIB names the hub's broker plugin directory (hub/target/broker-lib): TLS with a client certificate required,
# SASL EXTERNAL, on AMQP_LIVE_PORT / AMQP_BACKUP_PORT (default 61726 / 61727), with
#   BROKER_TLS_DIR       broker.p12 and broker-trust.p12 from `hub-cli broker-tls` (password BROKER_TLS_PASSWORD, demo)
#   BROKER_DATABASE_URL  the hubs' database (JDBC URL; BROKER_DATABASE_USER, BROKER_DATABASE_PASSWORD: a role that may
#                        only read issued_certificate, docs/cluster.md), where the security manager checks each
#                        participant's certificate (hub-broker-amqp.xml says the rest).
# BROKER_HOST (default 127.0.0.1) is the address both brokers' acceptors listen on and the address each reaches its peer
# at: this script makes both brokers on one machine. On two machines, create each there with its own BROKER_HOST, then
# point the peer connector of each broker.xml at the other machine (docs/cluster.md).
# On separate machines the shared store is a shared file system (NFSv4) or, instead, use replication
# (artemis create --replicated); see docs/cluster.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
artemis_home="$1"; dir="$2"; live_port="${3:-61716}"; backup_port="${4:-61717}"
user="${5:-hub}"; password="${6:-hub}"
amqp_live_port="${AMQP_LIVE_PORT:-61726}"; amqp_backup_port="${AMQP_BACKUP_PORT:-61727}"
host="${BROKER_HOST:-127.0.0.1}"
if [ -n "${BROKER_LIB:-}" ]; then
  : "${BROKER_DATABASE_URL:?BROKER_DATABASE_URL names the hubs database}" "${BROKER_TLS_DIR:?BROKER_TLS_DIR: see hub-cli broker-tls}"
  : "${BROKER_DATABASE_USER:?BROKER_DATABASE_USER: the brokers own read-only role, docs/cluster.md}"
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

create() { # name port peer_port amqp_port extra...
  local name="$1" port="$2" peer="$3" amqp_port="$4"; shift 4
  "$artemis_home/bin/artemis" create --silent --force --name "$name" --host "$host" --default-port "$port" \
    --user "$user" --password "$password" --require-login --no-web --nio --java-memory 512M \
    --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
    --shared-store --clustered --cluster-user "$user-cluster" --cluster-password "$password" \
    --staticCluster "tcp://$host:$peer" --data "$dir/shared" "$@" "$dir/$name" > "$dir/$name-create.log"
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
  # The hub nodes speak core; nothing else reaches the broker but through the participants' acceptor below.
  sed -i 's|protocols=CORE,AMQP,STOMP,HORNETQ,MQTT,OPENWIRE|protocols=CORE|' "$xml"
  if [ -n "${BROKER_LIB:-}" ]; then participants_amqp "$dir/$name" "$amqp_port"; fi
}

xml_escape() { local v="$1"; v="${v//&/&amp;}"; v="${v//\"/&quot;}"; v="${v//</&lt;}"; printf '%s' "$v"; }

participants_amqp() { # instance amqp_port
  local instance="$1" port="$2" xml="$1/etc/broker.xml" tls="$BROKER_TLS_DIR"
  local tls_password="${BROKER_TLS_PASSWORD:-demo}"
  cp "$BROKER_LIB"/*.jar "$instance/lib/"
  local url="tcp://$host:$port?protocols=AMQP;sslEnabled=true;needClientAuth=true;enabledProtocols=TLSv1.3,TLSv1.2"
  url="$url;keyStoreType=PKCS12;keyStorePath=$tls/broker.p12;keyStorePassword=$tls_password"
  url="$url;trustStoreType=PKCS12;trustStorePath=$tls/broker-trust.p12;trustStorePassword=$tls_password"
  url="$url;sslAutoReload=true;saslMechanisms=EXTERNAL;amqpCredits=1000;amqpLowCredits=300"
  awk -v acceptor="         <acceptor name=\"participants-amqp\">$(xml_escape "$url")</acceptor>" '
    { print }
    /<acceptors>/ { print acceptor }' "$xml" > "$xml.new"
  awk -v plugins="$here/hub-broker-amqp.xml" '
    /<\/core>/ { while ((getline line < plugins) > 0) print line }
    { print }' "$xml.new" > "$xml"
  # The receipts queue exists from the start: an acknowledgement over AMQP never finds it missing. So does the queue
  # on hub.dead the hub sends a receipt it can never record to, by its fully qualified name (named, filtered and anycast
  # as Artemis makes a dead-letter queue under hub-address-settings.xml). The names are the hub's defaults
  # (hub.routes.*).
  awk -v receipts="hub.receipts.amqp" '
    { print }
    /<addresses>/ {
      print "         <address name=\"" receipts "\"><anycast><queue name=\"" receipts "\"/></anycast></address>"
      print "         <address name=\"hub.dead\"><anycast><queue name=\"DLQ." receipts "\">" \
        "<filter string=\"_AMQ_ORIG_ADDRESS = &apos;" receipts "&apos;\"/></queue></anycast></address>"
    }' \
    "$xml" > "$xml.new"
  mv "$xml.new" "$xml"
  # The security manager replaces the JAAS one (which it still asks for everyone without a certificate).
  {
    echo '   <security-manager class-name="org.vanguard.hub.broker.plugin.CertificateSecurityManager">'
    printf '      <property key="jdbc-url" value="%s"/>\n' "$(xml_escape "$BROKER_DATABASE_URL")"
    printf '      <property key="jdbc-user" value="%s"/>\n' "$(xml_escape "$BROKER_DATABASE_USER")"
    printf '      <property key="jdbc-password" value="%s"/>\n' "$(xml_escape "${BROKER_DATABASE_PASSWORD:-}")"
    echo '   </security-manager>'
  } > "$instance/etc/security-manager.xml"
  awk -v manager="$instance/etc/security-manager.xml" '
    /<jaas-security / { while ((getline line < manager) > 0) print line; next }
    { print }' "$instance/etc/bootstrap.xml" > "$instance/etc/bootstrap.xml.new"
  mv "$instance/etc/bootstrap.xml.new" "$instance/etc/bootstrap.xml"
  rm "$instance/etc/security-manager.xml"
}

create live "$live_port" "$backup_port" "$amqp_live_port" --failover-on-shutdown
create backup "$backup_port" "$live_port" "$amqp_backup_port" --backup
echo "brokers created in $dir: live on $host:$live_port, backup on $host:$backup_port"
