# Shared by deploy/submit/{standalone,yarn,kubernetes}.sh; sourced, never run on its own.
#
# Defines: ROOT, MAIN_CLASS, SUBCOMMANDS and SPARK_SUBCOMMANDS (its subcommands), JAVA17_FLAGS (the
# Java 17 flags Spark's own launcher adds; the same list as deploy/bin/sparsetune, pom.xml
# <spark.jvm.flags> and conf/spark-defaults.conf.template — keep the four in step),
# SPARSETUNE_CONF (the --conf pairs every sparsetune job needs) and the helpers below. Reads
# SPARSETUNE_DRIVER_JAVA_OPTS, SPARSETUNE_EXECUTOR_JAVA_OPTS, SPARSETUNE_SKIP_BUILD and
# SPARSETUNE_DRY_RUN (documented in each script's header).
# shellcheck shell=bash

SCRIPT=${SCRIPT:-$(basename "$0")}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck disable=SC2034 # MAIN_CLASS and SPARSETUNE_CONF are used by the sourcing scripts
MAIN_CLASS=org.sparsetune.cli.SparsetuneCli
# Every subcommand of MAIN_CLASS (SubmitScriptsTest checks the list against the CLI's), and those
# of them that run Spark jobs on the submitted master; the others run in the driver JVM alone.
SUBCOMMANDS=(tune experiment featurize solve hypergradient bench-solver bench-oracle bench-tune)
SPARK_SUBCOMMANDS=(tune experiment featurize)

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
# it on stderr and exits 2. Everything else goes to the app: the caller drops a leading "--",
# then takes the first argument as the subcommand if is_subcommand says it names one, and
# otherwise passes every argument to tune.
handle_help() {
  local file=$1
  shift
  if [ $# -eq 0 ]; then
    usage "$file" >&2
    echo >&2
    die 2 "no arguments: give a subcommand and its arguments (${SUBCOMMANDS[*]}), or tune's alone (at least --data FILE --loss logistic|quadratic)"
  fi
  case "$1" in
    -h|--help) usage "$file"; exit 0 ;;
  esac
}

# is_subcommand WORD: true when WORD names a subcommand of MAIN_CLASS.
is_subcommand() {
  local s
  for s in "${SUBCOMMANDS[@]}"; do
    [ "$1" = "$s" ] && return 0
  done
  return 1
}

# check_subcommand SUB: warns when SUB runs no Spark job (solve, hypergradient, bench-*): under
# spark-submit it runs in the driver JVM alone and prints its result on the driver's standard
# output (the driver's log in cluster mode).
check_subcommand() {
  local s
  for s in "${SPARK_SUBCOMMANDS[@]}"; do
    [ "$1" = "$s" ] && return 0
  done
  warn "$1 runs no Spark job: it runs in the driver JVM alone, not on the executors, and prints its result on the driver's standard output (deploy/bin/sparsetune $1 does the same without a cluster)"
}

# opt_values NAME ARGS...: prints every value of option NAME (--name V or --name=V), one a line.
opt_values() {
  local name=$1
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      "$name") [ $# -ge 2 ] && { printf '%s\n' "$2"; shift; } ;;
      "$name"=*) printf '%s\n' "${1#"$name"=}" ;;
    esac
    shift
  done
}

# tune_opt NAME ARGS...: prints the value of option NAME (--name V or --name=V), if given (the
# first one). Named for tune; used for every subcommand.
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

# wants_help ARGS...: true when the app's arguments ask the subcommand for help or its version.
wants_help() {
  local a
  for a in "$@"; do
    case "$a" in -h|--help|-V|--version) return 0 ;; esac
  done
  return 1
}

# check_master_arg SUB ARGS...: the script's spark-submit --master always wins over the
# subcommand's own --master.
check_master_arg() {
  local sub=$1
  shift
  if tune_opt --master "$@" >/dev/null; then
    warn "$sub's --master $(tune_opt --master "$@") is ignored: spark-submit's --master (set by this script) wins"
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

# path_opts SUB: the options of subcommand SUB whose values are paths (inputs and outputs);
# experiment's --dataset values are NAME=PATH.
path_opts() {
  case "$1" in
    tune) echo --data --val --test --out ;;
    experiment) echo --data-dir --dataset --out ;;
    featurize) echo --input --out ;;
    solve) echo --data --log-penalties --coefficients ;;
    hypergradient) echo --train --val --log-penalties ;;
    bench-solver) echo --data-dir --out --export-rows ;;
    bench-oracle) echo --data-dir --out ;;
    bench-tune) echo --data-dir ;;
  esac
}

# check_cluster_paths KIND SUB ARGS...: in cluster deploy mode the driver runs on a cluster
# machine, so tune, experiment and featurize need --out, on a shared file system; their inputs
# (and the path options of the other subcommands) likewise. KIND says what a path without a
# scheme means there: "defaultfs" (it resolves against the cluster's fs.defaultFS, HDFS on a
# YARN cluster) or "pod" (a path inside the driver's container).
check_cluster_paths() {
  local kind=$1 sub=$2 opt shown value
  shift 2
  wants_help "$@" && return 0
  case "$sub" in
    tune|experiment|featurize)
      if ! tune_opt --out "$@" >/dev/null; then
        if [ "$kind" = pod ]; then
          die 2 "--out DIR is required in cluster mode (e.g. --out s3a://BUCKET/sparsetune/run1)"
        fi
        die 2 "--out DIR is required in cluster mode (e.g. --out hdfs:///user/${USER:-me}/sparsetune/run1)"
      fi
      ;;
  esac
  for opt in $(path_opts "$sub"); do
    while IFS= read -r shown; do
      value=$shown
      [ "$opt" = --dataset ] && value=${shown#*=}
      case "$value" in
        file:*) warn "$opt $shown is on the local disk of whichever machine runs the driver" ;;
        *://*) ;;
        *)
          if [ "$kind" = pod ]; then
            [ "$opt" = --out ] && warn "--out $value is inside the driver pod and lost with it unless it is a mounted volume; prefer s3a:// or hdfs://"
          elif [ -e "$value" ]; then
            warn "$opt $shown exists here, but in cluster mode it resolves against the cluster's fs.defaultFS (usually HDFS)"
          fi
          ;;
      esac
    done < <(opt_values "$opt" "$@")
  done
  if [ "$sub" = experiment ] && needs_default_data "$@"; then
    warn "experiment exp5-* without --data-dir reads its default data sets from data-samples (--scale smoke) or ../shared/data (--scale paper) relative to the driver's working directory, which in cluster mode is on a cluster machine; give --data-dir DIR on shared storage, or --datasets with a --dataset NAME=PATH for each"
  fi
}

# needs_default_data ARGS...: true when experiment's arguments name exp5-real or exp5-semi and a
# data set may come from the default data folder: no --data-dir, and either no --datasets or one
# named in it without a --dataset NAME=PATH.
needs_default_data() {
  local a name names given=" " found=0
  for a in "$@"; do
    case "$a" in exp5-real|exp5-semi) found=1 ;; esac
  done
  [ "$found" = 1 ] || return 1
  tune_opt --data-dir "$@" >/dev/null && return 1
  while IFS= read -r a; do
    given="$given${a%%=*} "
  done < <(opt_values --dataset "$@")
  a=$(tune_opt --datasets "$@") || return 0
  IFS=, read -ra names <<<"$a"
  for name in "${names[@]}"; do
    case "$given" in *" $name "*) ;; *) return 0 ;; esac
  done
  return 1
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
