#!/usr/bin/env bash
# Stops what start-local.sh started, by the process ids it recorded (balancer, hub nodes, then the brokers).
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="${CLUSTER_DIR:-$root/data-cluster}"
for name in haproxy hub-b hub-a backup live; do
  file="$dir/pids/$name"
  [ -f "$file" ] || continue
  pid="$(cat "$file")"
  # The brokers' and hubs' process groups (started with setsid), so a launcher script's java goes too.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$file"
done
