#!/usr/bin/env bash
# Submits a sparsetune subcommand (tune unless another is named) to a Spark standalone master,
# driver in client mode (the driver runs here, logs its progress on standard error and writes
# --out itself).
#
#   deploy/submit/standalone.sh [--] [SUBCOMMAND] ARGS...
#   deploy/submit/standalone.sh --help
#
#   deploy/cluster/start-cluster.sh            # prints spark://127.0.0.1:7077
#   deploy/submit/standalone.sh --data data-samples/w8a-sample.libsvm --loss logistic \
#       --method auto --seeds 0,1 --out /tmp/sparsetune-run1
#   deploy/submit/standalone.sh featurize news20 --input ../shared/data/text/20news-bydate.tar.xz \
#       --out /tmp/news20
#   deploy/submit/standalone.sh experiment exp5-real --scale smoke --out /tmp/exp5-smoke
#
# SUBCOMMAND is one of sparsetune's: tune, experiment or featurize (Spark jobs on the master), or
# solve, hypergradient, bench-solver, bench-oracle or bench-tune (these run in the driver alone;
# the script warns). When the first argument (after an optional --) is not a subcommand name,
# every argument goes to tune, as it always has: 'standalone.sh -- --help' and
# 'standalone.sh tune --help' show tune's options, 'standalone.sh featurize --help' featurize's.
# The application is named sparsetune-SUBCOMMAND. Run tune or experiment again with the same
# --out to resume (from tune's checkpoint, from experiment's unit files). Paths may be local or
# any Hadoop URI (hdfs://, s3a://, file://). The exit code is the subcommand's: 0 ok, 2 bad
# arguments or input (also this script's own setup errors), 1 internal failure.
#
# spark-submit: $SPARK_HOME/bin/spark-submit when SPARK_HOME is set and has it. Otherwise (no
# Spark distribution, as on the project machines) the same class run from the Maven jars:
#   java JAVA17-FLAGS -cp "$(cat spark-jobs/target/runtime-classpath.txt)" \
#       org.apache.spark.deploy.SparkSubmit ...
# The app jar spark-jobs/target/sparsetune-spark-jobs-<version>-app.jar is built with
# 'mvn -B -q -DskipTests package' when missing; spark-submit ships it to the executors.
#
# Environment:
#   SPARK_MASTER                  master URL (default spark://127.0.0.1:7077, what
#                                 deploy/cluster/start-cluster.sh prints with its default port)
#   SPARK_HOME                    a Spark 4.0 distribution whose bin/spark-submit is used (optional)
#   JAVA_HOME                     the Java 17+ for the fallback (default: java on PATH)
#   SPARK_LOCAL_IP                address the driver binds to; defaults to 127.0.0.1 when the
#                                 master is on 127.0.0.1 or localhost
#   SPARSETUNE_DRIVER_MEMORY      driver heap (default 2g; -Xmx in the fallback)
#   SPARSETUNE_EXECUTOR_MEMORY    memory per executor (default 1g: fits start-cluster.sh's workers)
#   SPARSETUNE_EXECUTOR_CORES     cores per executor (default: all of a worker's cores)
#   SPARSETUNE_TOTAL_CORES        spark.cores.max, the cores of the whole application (default: all)
#   SPARSETUNE_DRIVER_JAVA_OPTS   extra driver JVM options, e.g. '-XX:+UseParallelGC'
#   SPARSETUNE_EXECUTOR_JAVA_OPTS extra executor JVM options
#   SPARSETUNE_LOG4J              log4j2 properties file for the driver in the fallback (default:
#                                 deploy/conf/log4j2.properties.template: progress at INFO, Spark at WARN)
#   SPARSETUNE_SUBMIT_OPTS        extra spark-submit options, split on spaces
#                                 (e.g. '--conf spark.task.maxFailures=8')
#   SPARSETUNE_APP_JAR            use this app jar instead of the one in spark-jobs/target
#   SPARSETUNE_SKIP_BUILD=1       never build; fail if the app jar is missing
#   SPARSETUNE_DRY_RUN=1          print the command instead of running it (never builds)
set -euo pipefail
SCRIPT=standalone.sh
# shellcheck source=common.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

handle_help "${BASH_SOURCE[0]}" "$@"
[ "$1" = -- ] && shift
if is_subcommand "${1:-}"; then SUBCOMMAND=$1; shift; else SUBCOMMAND=tune; fi
check_subcommand "$SUBCOMMAND"
check_master_arg "$SUBCOMMAND" "$@"

MASTER=${SPARK_MASTER:-spark://127.0.0.1:7077}
case "$MASTER" in
  spark://*) ;;
  *) die 2 "SPARK_MASTER=$MASTER is not a standalone master URL (spark://HOST:PORT)" ;;
esac
case "$MASTER" in
  spark://127.0.0.1:*|spark://localhost:*) export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" ;;
esac
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"

SPARK_SUBMIT=$(spark_submit_bin)
if [ -z "$SPARK_SUBMIT" ]; then NEED_CLASSPATH=1; fi
find_app_jar

SUBMIT_ARGS=(
  --master "$MASTER" --deploy-mode client
  --name "sparsetune-$SUBCOMMAND"
  --class "$MAIN_CLASS"
  --driver-memory "${SPARSETUNE_DRIVER_MEMORY:-2g}"
  --executor-memory "${SPARSETUNE_EXECUTOR_MEMORY:-1g}"
  "${SPARSETUNE_CONF[@]}"
)
[ -n "${SPARSETUNE_EXECUTOR_CORES:-}" ] && SUBMIT_ARGS+=(--executor-cores "$SPARSETUNE_EXECUTOR_CORES")
[ -n "${SPARSETUNE_TOTAL_CORES:-}" ] && SUBMIT_ARGS+=(--total-executor-cores "$SPARSETUNE_TOTAL_CORES")
# shellcheck disable=SC2206 # split on purpose
[ -n "${SPARSETUNE_SUBMIT_OPTS:-}" ] && SUBMIT_ARGS+=(${SPARSETUNE_SUBMIT_OPTS})

if [ -n "$SPARK_SUBMIT" ]; then
  run_cmd "$SPARK_SUBMIT" "${SUBMIT_ARGS[@]}" "$APP_JAR" "$SUBCOMMAND" "$@"
fi

# No distribution: SparkSubmit from the Maven jars. In client mode spark.driver.* options do not
# reach this JVM (it is already running), so the flags, heap and logging go on its command line.
LOG4J=${SPARSETUNE_LOG4J:-}
if [ -z "$LOG4J" ]; then
  # log4j2 picks its parser by file extension, so the template gets a .properties name.
  LOG4J="$ROOT/spark-jobs/target/submit/log4j2.properties"
  if [ "${SPARSETUNE_DRY_RUN:-0}" != 1 ]; then
    mkdir -p "$(dirname "$LOG4J")"
    cp "$ROOT/deploy/conf/log4j2.properties.template" "$LOG4J"
  fi
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JVM_OPTS=("${JAVA17_FLAGS[@]}" "-Xmx${SPARSETUNE_DRIVER_MEMORY:-2g}" "-Dlog4j.configurationFile=$LOG4J")
# shellcheck disable=SC2206 # split on purpose
[ -n "${SPARSETUNE_DRIVER_JAVA_OPTS:-}" ] && JVM_OPTS+=(${SPARSETUNE_DRIVER_JAVA_OPTS})
CLASSPATH_JARS="(runtime-classpath.txt)"
[ -f "$ROOT/spark-jobs/target/runtime-classpath.txt" ] \
  && CLASSPATH_JARS=$(cat "$ROOT/spark-jobs/target/runtime-classpath.txt")
run_cmd "$JAVA" "${JVM_OPTS[@]}" -cp "$CLASSPATH_JARS" org.apache.spark.deploy.SparkSubmit \
  "${SUBMIT_ARGS[@]}" "$APP_JAR" "$SUBCOMMAND" "$@"
