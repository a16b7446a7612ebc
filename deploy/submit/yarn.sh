#!/usr/bin/env bash
# Submits a sparsetune subcommand (tune unless another is named) to YARN in cluster deploy mode:
# the driver runs in the YARN application master's container, so inputs and --out must be on a
# shared file system (HDFS).
#
#   deploy/submit/yarn.sh [--] [SUBCOMMAND] ARGS...
#   deploy/submit/yarn.sh --help
#
#   export SPARK_HOME=/opt/spark HADOOP_CONF_DIR=/etc/hadoop/conf
#   deploy/submit/yarn.sh --data hdfs:///data/rcv1.libsvm.bz2 --loss logistic --method auto \
#       --seeds 0,1,2 --out hdfs:///user/$USER/sparsetune/rcv1
#   deploy/submit/yarn.sh featurize news20 --input hdfs:///data/20news-bydate.tar.xz \
#       --out hdfs:///user/$USER/news20
#   deploy/submit/yarn.sh experiment exp5-real --scale paper --datasets news20 \
#       --dataset news20=hdfs:///user/$USER/news20/libsvm --out hdfs:///user/$USER/exp5-news20
#
# SUBCOMMAND is one of sparsetune's: tune, experiment or featurize (Spark jobs on the cluster), or
# solve, hypergradient, bench-solver, bench-oracle or bench-tune (these run in the driver alone;
# the script warns). When the first argument (after an optional --) is not a subcommand name,
# every argument goes to tune, as it always has. The application is named sparsetune-SUBCOMMAND.
# tune, experiment and featurize need --out (a path without a scheme resolves against the
# cluster's fs.defaultFS, normally HDFS; experiment exp5-* also wants --data-dir or --dataset on
# it); running tune or experiment again with the same --out resumes (from tune's checkpoint, from
# experiment's unit files), and so does a second YARN application attempt. The driver's progress
# goes to its container log: yarn logs -applicationId APPLICATION_ID. spark-submit waits for the
# application and exits non-zero when it fails (0 ok; 2 for this script's own setup errors), but
# the subcommand's own exit code (2 bad input, 1 internal failure) is only in that log.
#
# Needs a Spark 4.0 distribution (SPARK_HOME) configured for the cluster; the app jar
# spark-jobs/target/sparsetune-spark-jobs-<version>-app.jar is built with
# 'mvn -B -q -DskipTests package' when missing and uploaded by spark-submit. Kerberos:
# SPARSETUNE_SUBMIT_OPTS='--principal USER@REALM --keytab FILE'.
#
# Environment:
#   SPARK_HOME                    Spark 4.0 distribution with bin/spark-submit (required)
#   HADOOP_CONF_DIR/YARN_CONF_DIR the cluster's Hadoop/YARN client configuration (one required)
#   SPARSETUNE_NUM_EXECUTORS      executors (default 4; the initial number if the cluster
#                                 enables dynamic allocation)
#   SPARSETUNE_EXECUTOR_CORES     cores per executor (default 2)
#   SPARSETUNE_EXECUTOR_MEMORY    memory per executor (default 4g)
#   SPARSETUNE_DRIVER_CORES       driver cores (default 1; also the driver's OPENBLAS_NUM_THREADS)
#   SPARSETUNE_DRIVER_MEMORY      driver memory (default 4g)
#   SPARSETUNE_QUEUE              YARN queue (default: the cluster's default queue)
#   SPARSETUNE_DRIVER_JAVA_OPTS   extra driver JVM options
#   SPARSETUNE_EXECUTOR_JAVA_OPTS extra executor JVM options
#   SPARSETUNE_SUBMIT_OPTS        extra spark-submit options, split on spaces
#   SPARSETUNE_APP_JAR            use this app jar (local file or hdfs:// URI) instead of the one
#                                 in spark-jobs/target
#   SPARSETUNE_SKIP_BUILD=1       never build; fail if the app jar is missing
#   SPARSETUNE_DRY_RUN=1          print the spark-submit command instead of running it
set -euo pipefail
SCRIPT=yarn.sh
# shellcheck source=common.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

handle_help "${BASH_SOURCE[0]}" "$@"
[ "$1" = -- ] && shift
if is_subcommand "${1:-}"; then SUBCOMMAND=$1; shift; else SUBCOMMAND=tune; fi

require_spark_submit
CONF_DIR=${HADOOP_CONF_DIR:-${YARN_CONF_DIR:-}}
[ -n "$CONF_DIR" ] \
  || die 2 "neither HADOOP_CONF_DIR nor YARN_CONF_DIR is set: point one at the cluster's Hadoop client configuration (core-site.xml, yarn-site.xml)"
[ -d "$CONF_DIR" ] || die 2 "HADOOP_CONF_DIR/YARN_CONF_DIR=$CONF_DIR is not a directory"
check_subcommand "$SUBCOMMAND"
check_master_arg "$SUBCOMMAND" "$@"
check_cluster_paths defaultfs "$SUBCOMMAND" "$@"
find_app_jar

SUBMIT_ARGS=(
  --master yarn --deploy-mode cluster
  --name "sparsetune-$SUBCOMMAND"
  --class "$MAIN_CLASS"
  --num-executors "${SPARSETUNE_NUM_EXECUTORS:-4}"
  --executor-cores "${SPARSETUNE_EXECUTOR_CORES:-2}"
  --executor-memory "${SPARSETUNE_EXECUTOR_MEMORY:-4g}"
  --driver-cores "${SPARSETUNE_DRIVER_CORES:-1}"
  --driver-memory "${SPARSETUNE_DRIVER_MEMORY:-4g}"
  "${SPARSETUNE_CONF[@]}"
  --conf "spark.yarn.appMasterEnv.OPENBLAS_NUM_THREADS=${SPARSETUNE_DRIVER_CORES:-1}"
)
[ -n "${SPARSETUNE_QUEUE:-}" ] && SUBMIT_ARGS+=(--queue "$SPARSETUNE_QUEUE")
# shellcheck disable=SC2206 # split on purpose
[ -n "${SPARSETUNE_SUBMIT_OPTS:-}" ] && SUBMIT_ARGS+=(${SPARSETUNE_SUBMIT_OPTS})

run_cmd "$SPARK_SUBMIT" "${SUBMIT_ARGS[@]}" "$APP_JAR" "$SUBCOMMAND" "$@"
