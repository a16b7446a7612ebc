#!/usr/bin/env bash
# Stops exactly the processes start-cluster.sh recorded (workers first, then the master).
#   deploy/cluster/stop-cluster.sh [--state DIR]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/spark-jobs/target/cluster"
[ "${1:-}" = "--state" ] && STATE=$2
[ -f "$STATE/pids" ] || { echo "stop-cluster: no cluster recorded in $STATE" >&2; exit 0; }
pids=$(tac "$STATE/pids")
for pid in $pids; do kill "$pid" 2>/dev/null || true; done
for _ in $(seq 1 40); do
  left=0
  for pid in $pids; do kill -0 "$pid" 2>/dev/null && left=1; done
  [ $left = 0 ] && break
  sleep 0.25
done
for pid in $pids; do kill -9 "$pid" 2>/dev/null || true; done
: > "$STATE/pids"
echo "stop-cluster: stopped $(echo $pids | wc -w) processes"
