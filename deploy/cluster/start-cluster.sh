#!/usr/bin/env bash
# Starts a real Spark standalone cluster on 127.0.0.1 from the project's Maven jars: one master and
# N workers (default 2), for tests and demos. Records the PIDs it started in $STATE/pids and stops
# exactly those with stop-cluster.sh — never anything else.
#
#   deploy/cluster/start-cluster.sh [--workers N] [--cores C] [--memory 1g] [--port 7077]
#                                   [--webui-port 8080] [--state DIR]
#   → prints the master URL (spark://127.0.0.1:7077) once every worker has registered.
#
# SPARK-NOTES.md: a SPARK_HOME whose jars/ holds the runtime jars plus SPARK_SCALA_VERSION=2.13 in
# the workers' environment is all a standalone cluster needs; everything binds to 127.0.0.1.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORKERS=2 CORES=1 MEMORY=1g PORT=7077 WEBUI=8080 STATE="$ROOT/spark-jobs/target/cluster"
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) WORKERS=$2; shift 2 ;;
    --cores) CORES=$2; shift 2 ;;
    --memory) MEMORY=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --webui-port) WEBUI=$2; shift 2 ;;
    --state) STATE=$2; shift 2 ;;
    *) echo "start-cluster: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ -f "$STATE/pids" ] && [ -n "$(cat "$STATE/pids")" ]; then
  for pid in $(cat "$STATE/pids"); do
    if kill -0 "$pid" 2>/dev/null; then
      echo "start-cluster: a cluster started from $STATE is still running (pid $pid); stop it first" >&2
      exit 2
    fi
  done
fi

CP_FILE="$ROOT/spark-jobs/target/runtime-classpath.txt"
if [ ! -f "$CP_FILE" ]; then
  "$ROOT/deploy/bin/sparsetune" --version >/dev/null
fi

# A SPARK_HOME made of links to the Maven jars: Spark and its dependencies only. sparsetune's own
# jars are left out, as on a real cluster, so an application must ship its jar (spark-submit's
# app jar or spark.jars) for its tasks to run.
SH="$STATE/spark-home"
rm -rf "$STATE"
mkdir -p "$SH/jars" "$SH/conf" "$STATE/logs" "$STATE/work"
tr ':' '\n' < "$CP_FILE" | while read -r jar; do
  case "$jar" in ""|*/sparsetune-*|*/target/classes) ;; *) ln -sf "$jar" "$SH/jars/$(basename "$jar")" ;; esac
done
cp "$ROOT/deploy/conf/log4j2.properties.template" "$SH/conf/log4j2.properties"
mkdir -p "$SH/launcher/target/scala-2.13"

FLAGS=(
  -XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true
  -Dlog4j.configurationFile="$SH/conf/log4j2.properties"
)
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
export SPARK_HOME="$SH" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 OPENBLAS_NUM_THREADS=1
: > "$STATE/pids"

"$JAVA" -Xmx512m "${FLAGS[@]}" -cp "$SH/jars/*" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$PORT" --webui-port "$WEBUI" > "$STATE/logs/master.log" 2>&1 &
echo $! >> "$STATE/pids"
MASTER="spark://127.0.0.1:$PORT"

# Wait for the master's web UI, then start the workers.
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$WEBUI/json/" >/dev/null 2>&1 && break
  sleep 0.5
done
for i in $(seq 1 "$WORKERS"); do
  "$JAVA" -Xmx256m "${FLAGS[@]}" -cp "$SH/jars/*" org.apache.spark.deploy.worker.Worker "$MASTER" \
    --host 127.0.0.1 --cores "$CORES" --memory "$MEMORY" --webui-port 0 \
    --work-dir "$STATE/work/worker-$i" > "$STATE/logs/worker-$i.log" 2>&1 &
  echo $! >> "$STATE/pids"
done
for _ in $(seq 1 120); do
  # Workers report "state" : "ALIVE" in the master's JSON (the master itself reports "status").
  alive=$(curl -fs "http://127.0.0.1:$WEBUI/json/" 2>/dev/null | grep -o '"state" *: *"ALIVE"' | wc -l || true)
  if [ "${alive:-0}" -ge "$WORKERS" ]; then
    echo "$MASTER"
    exit 0
  fi
  sleep 0.5
done
echo "start-cluster: workers did not register within 60 s; logs in $STATE/logs" >&2
"$ROOT/deploy/cluster/stop-cluster.sh" --state "$STATE" >&2 || true
exit 1
