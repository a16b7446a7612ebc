# Shared by deploy/submit/{standalone,yarn,kubernetes}.sh; sourced, never run on its own.
#
# Defines: ROOT, MAIN_CLASS, JAVA17_FLAGS (the Java 17 flags Spark's own launcher adds; the same
# list as deploy/bin/sparsetune, pom.xml <spark.jvm.flags> and conf/spark-defaults.conf.template —
# keep the four in step), SPARSETUNE_CONF (the --conf pairs every sparsetune job needs) and the
# helpers below. Reads SPARSETUNE_DRIVER_JAVA_OPTS, SPARSETUNE_EXECUTOR_JAVA_OPTS,
# SPARSETUNE_SKIP_BUILD and SPARSETUNE_DRY_RUN (documented in each script's header).
# shellcheck shell=bash

SCRIPT=${SCRIPT:-$(basename "$0")}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck disable=SC2034 # MAIN_CLASS and SPARSETUNE_CONF are used by the sourcing scripts
MAIN_CLASS=org.sparsetune.cli.SparsetuneCli

JAVA17_FLAGS=(
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
)

# Setting spark.{driver,executor}.extraJavaOptions replaces a value from the cluster's
# spark-defaults.conf; SPARSETUNE_{DRIVER,EXECUTOR}_JAVA_OPTS append your own options.
# shellcheck disable=SC2034
SPARSETUNE_CONF=(
  --conf spark.serializer=org.apache.spark.serializer.KryoSerializer
  --conf spark.kryo.registrationRequired=true
  --conf spark.kryo.registrator=org.sparsetune.spark.SparsetuneKryoRegistrator
  --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1
  --conf "spark.driver.extraJavaOptions=${JAVA17_FLAGS[*]}${SPARSETUNE_DRIVER_JAVA_OPTS:+ $SPARSETUNE_DRIVER_JAVA_OPTS}"
  --conf "spark.executor.extraJavaOptions=${JAVA17_FLAGS[*]}${SPARSETUNE_EXECUTOR_JAVA_OPTS:+ $SPARSETUNE_EXECUTOR_JAVA_OPTS}"
)

# die CODE MESSAGE: the contract's exit codes — 2 for bad arguments or setup, 1 for failures.
die() {
  local code=$1
  shift
  echo "$SCRIPT: $*" >&2
  exit "$code"
}

warn() { echo "$SCRIPT: warning: $*" >&2; }

# usage FILE: prints FILE's header comment (the lines after the shebang up to the first line
# that is not a comment).
usage() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$1"
}

# handle_help FILE ARGS...: --help/-h first prints the header and exits 0; no arguments prints
# it on stderr and exits 2. Everything else (a leading "--" is dropped by the caller) goes to tune.
handle_help() {
  local file=$1
  shift
  if [ $# -eq 0 ]; then
    usage "$file" >&2
    echo >&2
    die 2 "no arguments for tune (at least --data FILE --loss logistic|quadratic)"
  fi
  case "$1" in
    -h|--help) usage "$file"; exit 0 ;;
  esac
}

# tune_opt NAME ARGS...: prints the value of tune option NAME (--name V or --name=V), if given.
tune_opt() {
  local name=$1
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      "$name") [ $# -ge 2 ] && { printf '%s\n' "$2"; return 0; } ;;
      "$name"=*) printf '%s\n' "${1#"$name"=}"; return 0 ;;
    esac
    shift
  done
  return 1
}

# wants_help ARGS...: true when the tune arguments ask tune itself for help or its version.
wants_help() {
  local a
  for a in "$@"; do
    case "$a" in -h|--help|-V|--version) return 0 ;; esac
  done
  return 1
}

# check_master_arg ARGS...: the script's spark-submit --master always wins over tune's --master.
check_master_arg() {
  if tune_opt --master "$@" >/dev/null; then
    warn "tune's --master $(tune_opt --master "$@") is ignored: spark-submit's --master (set by this script) wins"
  fi
}

# find_app_jar: sets APP_JAR to spark-jobs/target/sparsetune-spark-jobs-<version>-app.jar
# (SPARSETUNE_APP_JAR overrides), running 'mvn -B -q -DskipTests package' when it is missing
# (never with SPARSETUNE_SKIP_BUILD=1 or SPARSETUNE_DRY_RUN=1). NEED_CLASSPATH=1 also requires
# spark-jobs/target/runtime-classpath.txt (the Spark jars for the java fallback).
find_app_jar() {
  local jobs="$ROOT/spark-jobs/target" cp_file="$ROOT/spark-jobs/target/runtime-classpath.txt"
  if [ -n "${SPARSETUNE_APP_JAR:-}" ]; then
    APP_JAR=$SPARSETUNE_APP_JAR
    case "$APP_JAR" in
      *://*) ;;
      *) [ -f "$APP_JAR" ] || die 2 "SPARSETUNE_APP_JAR=$APP_JAR: no such file" ;;
    esac
  else
    APP_JAR=$(find "$jobs" -maxdepth 1 -name 'sparsetune-spark-jobs-*-app.jar' 2>/dev/null | sort | tail -n 1 || true)
  fi
  if { [ -z "$APP_JAR" ] || { [ "${NEED_CLASSPATH:-0}" = 1 ] && [ ! -f "$cp_file" ]; }; } \
      && [ "${SPARSETUNE_SKIP_BUILD:-0}" != 1 ] && [ "${SPARSETUNE_DRY_RUN:-0}" != 1 ]; then
    command -v mvn >/dev/null || die 1 "Maven (mvn) is needed to build the app jar"
    echo "$SCRIPT: building the app jar (mvn -B -q -DskipTests package) ..." >&2
    (cd "$ROOT" && mvn -B -q -DskipTests package >&2) || die 1 "build failed (run 'mvn -B -DskipTests package' in $ROOT)"
    [ -n "${SPARSETUNE_APP_JAR:-}" ] \
      || APP_JAR=$(find "$jobs" -maxdepth 1 -name 'sparsetune-spark-jobs-*-app.jar' 2>/dev/null | sort | tail -n 1 || true)
  fi
  if [ -z "$APP_JAR" ]; then
    if [ "${SPARSETUNE_DRY_RUN:-0}" = 1 ]; then
      APP_JAR="$jobs/sparsetune-spark-jobs-VERSION-app.jar"
      warn "app jar not built yet (dry run: not building)"
    else
      die 1 "no app jar in $jobs (run 'mvn -B -DskipTests package' in $ROOT)"
    fi
  elif [ -z "${SPARSETUNE_APP_JAR:-}" ] && [ -n "$(find "$ROOT/pom.xml" "$ROOT/core/pom.xml" \
      "$ROOT/spark-jobs/pom.xml" "$ROOT/core/src/main" "$ROOT/spark-jobs/src/main" \
      -newer "$APP_JAR" -print -quit 2>/dev/null)" ]; then
    warn "sources changed since $(basename "$APP_JAR") was built; rebuild with 'mvn -B -DskipTests package'"
  fi
  if [ "${NEED_CLASSPATH:-0}" = 1 ] && [ ! -f "$cp_file" ] && [ "${SPARSETUNE_DRY_RUN:-0}" != 1 ]; then
    die 1 "no $cp_file (run 'mvn -B -DskipTests package' in $ROOT)"
  fi
}

# spark_submit_bin: prints $SPARK_HOME/bin/spark-submit when SPARK_HOME has it, else nothing.
spark_submit_bin() {
  if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
    printf '%s\n' "$SPARK_HOME/bin/spark-submit"
  fi
}

# require_spark_submit: sets SPARK_SUBMIT, or exits 2 saying what is missing (YARN, Kubernetes).
require_spark_submit() {
  [ -n "${SPARK_HOME:-}" ] \
    || die 2 "SPARK_HOME is not set: point it at a Spark 4.0 distribution (bin/spark-submit)"
  SPARK_SUBMIT=$(spark_submit_bin)
  [ -n "$SPARK_SUBMIT" ] || die 2 "SPARK_HOME=$SPARK_HOME has no executable bin/spark-submit"
}

# check_cluster_paths ARGS...: in cluster deploy mode the driver runs on a cluster machine, so
# --out is required and must be on a shared file system; --data/--val/--test likewise.
# KIND says what a path without a scheme means there: "defaultfs" (it resolves against the
# cluster's fs.defaultFS, HDFS on a YARN cluster) or "pod" (a path inside the driver's container).
check_cluster_paths() {
  local kind=$1 opt value
  shift
  wants_help "$@" && return 0
  if ! tune_opt --out "$@" >/dev/null; then
    if [ "$kind" = pod ]; then
      die 2 "--out DIR is required in cluster mode (e.g. --out s3a://BUCKET/sparsetune/run1)"
    fi
    die 2 "--out DIR is required in cluster mode (e.g. --out hdfs:///user/${USER:-me}/sparsetune/run1)"
  fi
  for opt in --data --val --test --out; do
    value=$(tune_opt "$opt" "$@") || continue
    case "$value" in
      file:*) warn "$opt $value is on the local disk of whichever machine runs the driver" ;;
      *://*) ;;
      *)
        if [ "$kind" = pod ]; then
          [ "$opt" = --out ] && warn "--out $value is inside the driver pod and lost with it unless it is a mounted volume; prefer s3a:// or hdfs://"
        elif [ -e "$value" ]; then
          warn "$opt $value exists here, but in cluster mode it resolves against the cluster's fs.defaultFS (usually HDFS)"
        fi
        ;;
    esac
  done
}

# run_cmd CMD...: runs CMD (exec, so its exit code is the script's), or prints it when
# SPARSETUNE_DRY_RUN=1.
run_cmd() {
  if [ "${SPARSETUNE_DRY_RUN:-0}" = 1 ]; then
    printf '%q ' "$@"
    printf '\n'
    exit 0
  fi
  exec "$@"
}
