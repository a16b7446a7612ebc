package org.sparsetune.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.outer.TuningMethod;
import org.sparsetune.outer.TuningOptions;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.spark.tune.TuneJob;
import org.sparsetune.tune.TuningProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparsetune tune}: the Spark tuning job (DESIGN.md "Data flow"); also the entry point of
 * {@code spark-submit --class org.sparsetune.cli.SparsetuneCli APP.jar tune ...}.
 */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Learns one L1 penalty per feature on Spark: the driver runs the outer loop of --method for"
          + " every seed at once, executors solve the lower-level problems and run the"
          + " subgradient oracle on the fold blocks.",
      "Writes summary.json, trajectory.csv, penalties.csv, coefficients.csv and trajectory.png"
          + " under --out and checkpoints every outer iteration under OUT/checkpoint; the same"
          + " command with the same --out resumes where it stopped.",
      "Without --val the data is split per seed 60/20/20 (train/validation/test, stratified for"
          + " logistic); --folds K deals train+validation into K folds."
    })
final class TuneCommand implements Callable<Integer> {
  /** Spark conf key of the test hook that fails fold 0's first task attempt of every job. */
  static final String FAIL_FIRST_ATTEMPTS = TuneJob.FAIL_FIRST_ATTEMPTS;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "LIBSVM data (plain, .gz, .bz2, .xz; local path or Hadoop FS URI); the"
          + " training rows when --val is given.")
  String data;

  @Option(names = "--val", paramLabel = "FILE", description = "Separate validation rows.")
  String val;

  @Option(names = "--test", paramLabel = "FILE", description = "Separate test rows (with --val).")
  String test;

  @Option(names = "--loss", defaultValue = "logistic", paramLabel = "logistic|quadratic",
      description = "Lower-level loss (default: ${DEFAULT-VALUE}).")
  String loss;

  @Option(names = "--method", defaultValue = "auto", paramLabel = "NAME",
      description = "auto|ntrba-sc|nba-sc|ntrba-null|nba-null|sparse-ho|scalar-grid|random|tpe"
          + " (default: ${DEFAULT-VALUE}: scalar path, then NTRBA-SC with probing).")
  String method;

  @Option(names = "--seeds", defaultValue = "0", split = ",", paramLabel = "S,S,...",
      description = "Seeds, run as concurrent outer loops (default: ${DEFAULT-VALUE}).")
  List<Long> seeds;

  @Option(names = "--folds", defaultValue = "1", paramLabel = "K",
      description = "1: one train/validation split; K ≥ 2: the K-fold mean (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--max-iter", defaultValue = "30", paramLabel = "N",
      description = "Outer iterations (evaluations for random/tpe) (default: ${DEFAULT-VALUE}).")
  int maxIter;

  @Option(names = "--l2", paramLabel = "V", description = "Ridge stabilizer (default: 1/n_train).")
  Double l2;

  @Option(names = "--intercept", description = "Fit an unpenalized intercept.")
  boolean intercept;

  @Option(names = "--features", defaultValue = "0", paramLabel = "P",
      description = "Number of features (default: inferred from --data).")
  int features;

  @Option(names = "--tol", defaultValue = "1e-8", paramLabel = "V",
      description = "Lower-level KKT tolerance (default: ${DEFAULT-VALUE}).")
  double tol;

  @Option(names = "--biactive-tol", defaultValue = "1e-3", paramLabel = "V",
      description = "Relative width of the biactive band (default: ${DEFAULT-VALUE}).")
  double biactiveTol;

  @Option(names = "--radii", defaultValue = "1", paramLabel = "M",
      description = "NTRBA trial radii Δ, Δ/4, … evaluated in one Spark job; the largest accepted"
          + " is taken (default: ${DEFAULT-VALUE}, the sequential algorithm).")
  int radii;

  @Option(names = "--batch-size", defaultValue = "8", paramLabel = "B",
      description = "Candidates per Spark job for random/tpe (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--out", defaultValue = "sparsetune-out", paramLabel = "DIR",
      description = "Output folder, any Hadoop FS path (default: ${DEFAULT-VALUE}).")
  String out;

  @Option(names = "--grid-segments", defaultValue = "1", paramLabel = "S",
      description = "Cut the scalar grid (scalar-grid, and auto's first phase) into S warm-started"
          + " pieces evaluated side by side on the executors (default: ${DEFAULT-VALUE}: one"
          + " sequential path).")
  int gridSegments;

  @Option(names = "--auto-guard", defaultValue = "0.5", paramLabel = "F",
      description = "auto only: the fraction of the validation rows set aside as guard rows;"
          + " the per-feature refinement fits the rest, and its point replaces the scalar path's"
          + " best only when it is better on the guard rows (default: ${DEFAULT-VALUE}; 0: no"
          + " guard, auto returns the point with the lower validation value).")
  double autoGuard;

  @Option(names = "--auto-patience", defaultValue = "" + TuningOptions.DEFAULT_AUTO_PATIENCE,
      paramLabel = "N",
      description = "auto with guard rows only: stop the per-feature refinement once N accepted"
          + " points in a row have not improved its best criterion on the guard rows"
          + " (default: ${DEFAULT-VALUE}; 0: run all --max-iter iterations).")
  int autoPatience;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    Loss lossKind = Loss.parse(loss);
    TuningMethod m = TuningMethod.parse(method);
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("--seeds needs at least one seed");
    }
    if (val == null && test != null) {
      throw new IllegalArgumentException("--test needs --val (without them --data is split)");
    }
    TuningProblem.Layout layout =
        new TuningProblem.Layout(lossKind, folds, l2 == null ? Double.NaN : l2, intercept,
            m == TuningMethod.AUTO ? autoGuard : 0.0);
    TuningOptions defaults = TuningOptions.defaults(m);
    TuningOptions options = new TuningOptions(m, maxIter, defaults.startFraction(),
        defaults.nbaStep(), defaults.ntrba().withParallelRadii(radii),
        defaults.grid().withSegments(gridSegments),
        defaults.searchLowFraction(), defaults.searchHighFraction(), batchSize, 0L,
        autoPatience);
    SolverOptions solver = SolverOptions.DEFAULTS.withTolerance(tol);
    OracleOptions oracle = OracleOptions.DEFAULTS.withBiactiveTolRel(biactiveTol);
    long[] seedArray = seeds.stream().mapToLong(Long::longValue).toArray();

    SparkConf sc = TuneJob.sparkConf(spark.master, spark.conf);
    boolean failFirst = sc.getBoolean(FAIL_FIRST_ATTEMPTS, false);
    TuneJob.Config config = new TuneJob.Config(data, val, test, features, layout, options,
        seedArray, solver, oracle, out, failFirst);
    // Inputs are read and checked before Spark starts (bad input: exit 2, nothing retried).
    TuneJob.Prepared prepared =
        TuneJob.prepare(config, SparkHadoopUtil.get().newConfiguration(sc));
    // In a notebook or an application that already holds a session, reuse its context, leave it
    // running; otherwise the context is this command's own and is stopped at the end.
    boolean ownContext = SparkSession.getDefaultSession().isEmpty()
        && SparkSession.getActiveSession().isEmpty();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(sc));
    try {
      TuneJob.Outcome o = TuneJob.run(jsc, prepared);
      Map<String, Object> brief = new LinkedHashMap<>();
      brief.put("out", out);
      brief.put("master", o.summary().get("master"));
      brief.put("seeds", o.summary().get("seeds"));
      spec.commandLine().getOut().println(Json.pretty(brief));
      return 0;
    } finally {
      if (ownContext) {
        jsc.stop();
      }
    }
  }
}
