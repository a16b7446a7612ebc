#!/usr/bin/env bash
# Kills one recorded worker (default: the last one) with SIGKILL, to test executor loss.
#   deploy/cluster/kill-worker.sh [--state DIR] [INDEX]   (INDEX 1..N)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/spark-jobs/target/cluster"
if [ "${1:-}" = "--state" ]; then STATE=$2; shift 2; fi
mapfile -t pids < "$STATE/pids"
n=$(( ${#pids[@]} - 1 ))
idx=${1:-$n}
[ "$idx" -ge 1 ] && [ "$idx" -le "$n" ] || { echo "kill-worker: index must be 1..$n" >&2; exit 2; }
pid=${pids[$idx]}
# The worker's executors are its children: kill them too, as a lost machine would.
for child in $(pgrep -P "$pid" || true); do kill -9 "$child" 2>/dev/null || true; done
kill -9 "$pid"
echo "kill-worker: killed worker $idx (pid $pid)"
