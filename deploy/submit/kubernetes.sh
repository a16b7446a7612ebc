#!/usr/bin/env bash
# Submits a sparsetune subcommand (tune unless another is named) to Kubernetes in cluster deploy
# mode: the driver and the executors run as pods from one container image, which must hold the
# app jar at /opt/sparsetune/sparsetune-spark-jobs-app.jar (it is referenced as local://, not
# uploaded).
#
#   deploy/submit/kubernetes.sh [--] [SUBCOMMAND] ARGS...
#   deploy/submit/kubernetes.sh --help
#
#   export SPARK_HOME=/opt/spark K8S_API=10.0.0.1:6443 SPARSETUNE_IMAGE=registry.example/sparsetune:0.1.0
#   deploy/submit/kubernetes.sh --data s3a://bucket/rcv1.libsvm.bz2 --loss logistic \
#       --method auto --seeds 0,1,2 --out s3a://bucket/sparsetune/rcv1
#   deploy/submit/kubernetes.sh featurize news20 --input s3a://bucket/20news-bydate.tar.xz \
#       --out s3a://bucket/news20
#   deploy/submit/kubernetes.sh experiment exp5-real --scale paper --datasets news20 \
#       --dataset news20=s3a://bucket/news20/libsvm --out s3a://bucket/sparsetune/exp5-news20
#
# SUBCOMMAND is one of sparsetune's: tune, experiment or featurize (Spark jobs on the executor
# pods), or solve, hypergradient, bench-solver, bench-oracle or bench-tune (these run in the
# driver pod alone; the script warns). When the first argument (after an optional --) is not a
# subcommand name, every argument goes to tune, as it always has. The application is named
# sparsetune-SUBCOMMAND. tune, experiment and featurize need --out, which should be on shared
# storage (s3a://, hdfs://, or a persistent volume mounted into the driver pod): a plain path is
# inside the driver pod and disappears with it. Running tune or experiment again with the same
# --out resumes (from tune's checkpoint, from experiment's unit files). The driver's progress:
# kubectl logs -n NAMESPACE -l spark-role=driver (the pod stays after it ends). spark-submit's
# exit code may not be the driver's (it depends on the Spark version); the driver pod's own exit
# code is the subcommand's: 0 ok, 2 bad arguments or input, 1 internal failure (this script exits
# 2 for its own setup errors).
#
# The image: any Spark 4.0 / Scala 2.13 / Java 17 image plus the app jar, e.g.
#   FROM apache/spark:4.0.1-scala2.13-java17-ubuntu
#   USER root
#   RUN apt-get update && apt-get install -y --no-install-recommends libopenblas0 \
#       && rm -rf /var/lib/apt/lists/*
#   COPY spark-jobs/target/sparsetune-spark-jobs-*-app.jar /opt/sparsetune/sparsetune-spark-jobs-app.jar
#   USER 185
# (libopenblas0 gives netlib native BLAS; without it the pure-Java fallback is used. s3a://
# needs hadoop-aws and its AWS SDK in the image's /opt/spark/jars and credentials, e.g. through
# SPARSETUNE_SUBMIT_OPTS='--conf spark.hadoop.fs.s3a.aws.credentials.provider=...'.)
# spark-submit talks to the API server with your kubeconfig (~/.kube/config or KUBECONFIG);
# the driver's service account must be allowed to create pods, services and config maps in
# the namespace (kubectl create serviceaccount spark; kubectl create rolebinding spark-edit
# --clusterrole=edit --serviceaccount=NAMESPACE:spark).
#
# Environment:
#   SPARK_HOME                     Spark 4.0 distribution with bin/spark-submit (required)
#   K8S_API                        the API server, HOST:PORT (used as k8s://https://HOST:PORT;
#                                  a full k8s:// or https:// URL is taken as given) (required)
#   SPARSETUNE_IMAGE               spark.kubernetes.container.image for driver and executors (required)
#   SPARSETUNE_NAMESPACE           namespace (default: default)
#   SPARSETUNE_SERVICE_ACCOUNT     the driver's service account (default: spark)
#   SPARSETUNE_EXECUTOR_INSTANCES  executor pods (default 4)
#   SPARSETUNE_EXECUTOR_CORES      cores per executor (default 2)
#   SPARSETUNE_EXECUTOR_MEMORY     memory per executor (default 4g)
#   SPARSETUNE_DRIVER_CORES        driver cores (default 1; also the driver's OPENBLAS_NUM_THREADS)
#   SPARSETUNE_DRIVER_MEMORY       driver memory (default 4g)
#   SPARSETUNE_IMAGE_PULL_POLICY   Always, IfNotPresent or Never (default IfNotPresent)
#   SPARSETUNE_IMAGE_PULL_SECRETS  comma-separated pull secrets for a private registry (optional)
#   SPARSETUNE_APP_JAR             the app jar's URI (default
#                                  local:///opt/sparsetune/sparsetune-spark-jobs-app.jar)
#   SPARSETUNE_DRIVER_JAVA_OPTS    extra driver JVM options
#   SPARSETUNE_EXECUTOR_JAVA_OPTS  extra executor JVM options
#   SPARSETUNE_SUBMIT_OPTS         extra spark-submit options, split on spaces
#   SPARSETUNE_DRY_RUN=1           print the spark-submit command instead of running it
set -euo pipefail
SCRIPT=kubernetes.sh
# shellcheck source=common.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

handle_help "${BASH_SOURCE[0]}" "$@"
[ "$1" = -- ] && shift
if is_subcommand "${1:-}"; then SUBCOMMAND=$1; shift; else SUBCOMMAND=tune; fi

require_spark_submit
[ -n "${K8S_API:-}" ] || die 2 "K8S_API is not set: the Kubernetes API server as HOST:PORT (see 'kubectl cluster-info')"
[ -n "${SPARSETUNE_IMAGE:-}" ] \
  || die 2 "SPARSETUNE_IMAGE is not set: a Spark 4.0 image holding /opt/sparsetune/sparsetune-spark-jobs-app.jar (see --help)"
case "$K8S_API" in
  k8s://*) MASTER=$K8S_API ;;
  https://*|http://*) MASTER="k8s://$K8S_API" ;;
  *) MASTER="k8s://https://$K8S_API" ;;
esac
case "${SPARSETUNE_IMAGE_PULL_POLICY:-IfNotPresent}" in
  Always|IfNotPresent|Never) ;;
  *) die 2 "SPARSETUNE_IMAGE_PULL_POLICY=$SPARSETUNE_IMAGE_PULL_POLICY: expected Always, IfNotPresent or Never" ;;
esac
check_subcommand "$SUBCOMMAND"
check_master_arg "$SUBCOMMAND" "$@"
check_cluster_paths pod "$SUBCOMMAND" "$@"

SUBMIT_ARGS=(
  --master "$MASTER" --deploy-mode cluster
  --name "sparsetune-$SUBCOMMAND"
  --class "$MAIN_CLASS"
  --executor-cores "${SPARSETUNE_EXECUTOR_CORES:-2}"
  --executor-memory "${SPARSETUNE_EXECUTOR_MEMORY:-4g}"
  --driver-cores "${SPARSETUNE_DRIVER_CORES:-1}"
  --driver-memory "${SPARSETUNE_DRIVER_MEMORY:-4g}"
  --conf "spark.executor.instances=${SPARSETUNE_EXECUTOR_INSTANCES:-4}"
  --conf "spark.kubernetes.container.image=$SPARSETUNE_IMAGE"
  --conf "spark.kubernetes.container.image.pullPolicy=${SPARSETUNE_IMAGE_PULL_POLICY:-IfNotPresent}"
  --conf "spark.kubernetes.namespace=${SPARSETUNE_NAMESPACE:-default}"
  --conf "spark.kubernetes.authenticate.driver.serviceAccountName=${SPARSETUNE_SERVICE_ACCOUNT:-spark}"
  "${SPARSETUNE_CONF[@]}"
  --conf "spark.kubernetes.driverEnv.OPENBLAS_NUM_THREADS=${SPARSETUNE_DRIVER_CORES:-1}"
)
[ -n "${SPARSETUNE_IMAGE_PULL_SECRETS:-}" ] \
  && SUBMIT_ARGS+=(--conf "spark.kubernetes.container.image.pullSecrets=$SPARSETUNE_IMAGE_PULL_SECRETS")
# shellcheck disable=SC2206 # split on purpose
[ -n "${SPARSETUNE_SUBMIT_OPTS:-}" ] && SUBMIT_ARGS+=(${SPARSETUNE_SUBMIT_OPTS})

run_cmd "$SPARK_SUBMIT" "${SUBMIT_ARGS[@]}" \
  "${SPARSETUNE_APP_JAR:-local:///opt/sparsetune/sparsetune-spark-jobs-app.jar}" "$SUBCOMMAND" "$@"
