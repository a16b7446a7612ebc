package org.sparsetune.spark.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparsetune.data.InputDataException;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.LibsvmOptions;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.linalg.DenseMatrix;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.outer.FoldProblem;
import org.sparsetune.outer.IterationRecord;
import org.sparsetune.outer.OuterResult;
import org.sparsetune.outer.TuningMethod;
import org.sparsetune.outer.TuningOptions;
import org.sparsetune.report.Charts;
import org.sparsetune.report.CsvTable;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.spark.SparsetuneKryoRegistrator;
import org.sparsetune.spark.io.HadoopFiles;
import org.sparsetune.tune.EvaluationLog;
import org.sparsetune.tune.ReplayingObjective;
import org.sparsetune.tune.SeedRun;
import org.sparsetune.tune.TuningProblem;

/**
 * The {@code tune} job: reads the data on the driver through the Hadoop FileSystem API, cuts
 * every seed's fold blocks, runs one outer loop per seed — all seeds at once, each in its own
 * driver thread, sharing the executors — checkpoints each outer iteration under {@code
 * OUT/checkpoint/}, and writes {@code summary.json}, {@code trajectory.csv}, {@code
 * penalties.csv}, {@code coefficients.csv} and {@code trajectory.png} atomically under {@code
 * OUT}. Rerunning the same command with the same {@code OUT} resumes.
 */
public final class TuneJob {
  private static final Logger LOG = LoggerFactory.getLogger(TuneJob.class);

  /**
   * Spark conf key of a test hook: the first attempt of fold 0's task of every job throws, so
   * that every job exercises Spark's task retry (use with {@code local[N,maxFailures]}).
   */
  public static final String FAIL_FIRST_ATTEMPTS = "spark.sparsetune.test.failFirstAttempts";

  private TuneJob() {}

  /**
   * The job's Spark configuration: Kryo with registration required and sparsetune's registrator,
   * one OpenBLAS thread per executor, then {@code extra}; the master from spark-submit (or
   * {@code spark.master}) when one is set, else {@code master}.
   */
  public static SparkConf sparkConf(String master, Map<String, String> extra) {
    SparkConf c = new SparkConf()
        .setIfMissing("spark.app.name", "sparsetune tune")
        .setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .setIfMissing("spark.kryo.registrationRequired", "true")
        .setIfMissing("spark.kryo.registrator", SparsetuneKryoRegistrator.class.getName())
        // sparsetune's shipped objects hold no shared references or cycles.
        .setIfMissing("spark.kryo.referenceTracking", "false")
        .setIfMissing("spark.executorEnv.OPENBLAS_NUM_THREADS", "1")
        .setIfMissing("spark.ui.showConsoleProgress", "false");
    if (!c.contains("spark.master")) {
      c.setMaster(master);
    }
    extra.forEach(c::set);
    return c;
  }

  /**
   * Everything a run needs.
   *
   * @param data the data file (or the training file when {@code val} is given)
   * @param val a separate validation file, or null
   * @param test a separate test file, or null
   * @param features the feature count, or 0 to infer it from {@code data}
   * @param layout loss, folds, ridge, intercept
   * @param options the tuning options (the seed is set per seed)
   * @param seeds the seeds, run concurrently
   * @param solver lower-level solver options
   * @param oracle oracle options (the policy is set from the method)
   * @param out the output folder (any Hadoop FS path)
   * @param failFirstAttempts test hook: fold 0's first task attempt of every job throws
   */
  public record Config(
      String data,
      String val,
      String test,
      int features,
      TuningProblem.Layout layout,
      TuningOptions options,
      long[] seeds,
      SolverOptions solver,
      OracleOptions oracle,
      String out,
      boolean failFirstAttempts) {}

  /**
   * A finished run.
   *
   * @param seeds one result per seed, in the order of {@link Config#seeds}
   * @param summary the summary.json content
   * @param sparkJobs Spark jobs run by the evaluations
   * @param roundTripSeconds their driver round-trip time
   * @param criticalComputeSeconds the longest task of each job, summed
   */
  public record Outcome(List<SeedRun.Result> seeds, Map<String, Object> summary, long sparkJobs,
      double roundTripSeconds, double criticalComputeSeconds, List<SparkObjective.JobStats> jobs) {}

  /**
   * A run whose inputs are read and checked, before any Spark context exists: bad data, a bad
   * output path or bad options fail here, on the driver, never inside a task that Spark would
   * retry.
   *
   * @param config the configuration
   * @param conf the Hadoop configuration used for every file
   * @param data the data (training rows with {@code --val})
   * @param validation the {@code --val} rows, or null
   * @param problems one per seed, in seed order
   * @param dataDigest identifies the data content (checkpoint fingerprints)
   */
  public record Prepared(Config config, Configuration conf, LabeledData data,
      LabeledData validation, List<TuningProblem> problems, String dataDigest) {}

  /** Reads and checks the inputs and the output folder; cuts every seed's blocks. */
  public static Prepared prepare(Config c, Configuration conf) {
    if (c.seeds().length == 0) {
      throw new IllegalArgumentException("--seeds needs at least one seed");
    }
    checkWritable(c.out(), conf);
    Loss loss = c.layout().loss();
    LibsvmOptions opts = loss == Loss.LOGISTIC ? LibsvmOptions.binary() : LibsvmOptions.real();
    if (c.features() > 0) {
      opts = opts.withFeatureCount(c.features());
    }
    LabeledData data = read(c.data(), opts, conf);
    LabeledData val = null;
    LabeledData test = null;
    if (c.val() != null) {
      val = readLike(c.val(), data, opts, conf);
      test = c.test() == null ? data.selectRows(new int[0]) : readLike(c.test(), data, opts, conf);
    } else if (c.test() != null) {
      throw new IllegalArgumentException("--test needs --val (without them --data is split)");
    }
    List<TuningProblem> problems = new ArrayList<>();
    for (long seed : c.seeds()) {
      problems.add(val == null
          ? TuningProblem.fromOneFile(data, c.layout(), seed)
          : TuningProblem.fromParts(data, val, test, c.layout(), seed));
    }
    return new Prepared(c, conf, data, val, List.copyOf(problems), digest(data, val, test));
  }

  /** Runs (or resumes) a prepared tuning job on Spark and writes its outputs. */
  public static Outcome run(JavaSparkContext jsc, Prepared prepared) {
    Config c = prepared.config();
    Configuration conf = prepared.conf();
    LabeledData data = prepared.data();
    List<TuningProblem> problems = prepared.problems();
    String dataDigest = prepared.dataDigest();
    TuningMethod method = c.options().method();
    OracleOptions oracleOptions = c.oracle().withPolicy(method.policy());
    UpperCriterion criterion = UpperCriterion.matching(c.layout().loss());
    String run = UUID.randomUUID().toString();
    Broadcast<TuneData> rows = jsc.broadcast(new TuneData(data, prepared.validation()));
    List<SparkObjective> objectives = new ArrayList<>();
    for (int i = 0; i < c.seeds().length; i++) {
      objectives.add(new SparkObjective(jsc, run, c.seeds()[i], problems.get(i).folds(), rows,
          c.layout(), criterion, c.solver(), oracleOptions, probes(c.options()),
          c.failFirstAttempts()));
    }
    LOG.info("sparsetune tune: {} rows × {} features from {}, method {}, seeds {}, {} fold(s)"
        + " per seed, output {}", data.rows(), data.cols(), c.data(), method.cliName(),
        java.util.Arrays.toString(c.seeds()), c.layout().folds(), c.out());
    double blockBytesPerNonzero = foldBlockBytesPerNonzero(problems);
    List<SeedRun.Result> results = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(c.seeds().length, r -> {
      Thread t = new Thread(r, "sparsetune-seed");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<SeedRun.Result>> futures = new ArrayList<>();
      for (int i = 0; i < c.seeds().length; i++) {
        long seed = c.seeds()[i];
        SparkObjective f = objectives.get(i);
        TuningProblem tp = problems.get(i);
        TuningOptions o = c.options().withSeed(seed);
        String fp = fingerprint(c, seed, dataDigest);
        futures.add(pool.submit(() -> runSeed(f, tp, o, c, fp, conf)));
      }
      for (Future<SeedRun.Result> fu : futures) {
        results.add(fu.get());
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
      objectives.forEach(SparkObjective::close);
      rows.destroy();
    }
    long jobs = 0;
    double roundTrip = 0.0;
    double critical = 0.0;
    for (SparkObjective f : objectives) {
      jobs += f.stats().jobs();
      roundTrip += f.stats().roundTripSeconds();
      critical += f.stats().criticalComputeSeconds();
    }
    Map<String, Object> summary = summary(jsc, c, data, blockBytesPerNonzero, results,
        objectives, jobs, roundTrip, critical);
    writeOutputs(c, conf, summary, results);
    return new Outcome(List.copyOf(results), summary, jobs, roundTrip, critical,
        objectives.stream().map(SparkObjective::stats).toList());
  }

  private static SeedRun.Result runSeed(SparkObjective f, TuningProblem tp, TuningOptions o,
      Config c, String fingerprint, Configuration conf) {
    long seed = o.seed();
    String group = "sparsetune-seed-" + seed;
    f.describe(group + "-iteration-1", "sparsetune seed " + seed + " · iteration 1 · start");
    String checkpoints = c.out() + "/checkpoint/seed-" + seed;
    try {
      return runSeed(f, tp, o, c, fingerprint, conf, seed, group, checkpoints);
    } catch (ReplayingObjective.CheckpointMismatch e) {
      // Another command's checkpoint in --out is bad input: say so, change nothing (exit 2).
      throw new IllegalArgumentException(checkpoints + ": " + e.getMessage() + ". Rerun the"
          + " command that wrote it to resume, or give another --out (or delete that folder to"
          + " start over)", e);
    }
  }

  private static SeedRun.Result runSeed(SparkObjective f, TuningProblem tp, TuningOptions o,
      Config c, String fingerprint, Configuration conf, long seed, String group,
      String checkpoints) {
    return SeedRun.run(f, tp, o, c.solver(), fingerprint,
        new HadoopCheckpoints(checkpoints, conf), r -> {
          int next = r.iteration() + 1;
          String desc = String.format(Locale.ROOT,
              "sparsetune seed %d · iteration %d · %s · radius %s · validation loss %.6g",
              seed, next, r.phase(), Double.isNaN(r.radius()) ? "-" : fmt(r.radius()), r.value());
          f.describe(group + "-iteration-" + next, desc);
          LOG.info(String.format(Locale.ROOT,
              "seed %d iteration %d [%s]: loss %.6g best %.6g |h| %s radius %s rho %s %s"
                  + " support %d (%.3f s)",
              seed, r.iteration(), r.phase(), r.value(), r.bestValue(), fmt(r.gradientNorm()),
              fmt(r.radius()), fmt(r.rho()), r.accepted() ? "accepted" : "rejected", r.support(),
              r.seconds()));
        });
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
  }

  private static LabeledData read(String uri, LibsvmOptions opts, Configuration conf) {
    LabeledData d = HadoopFiles.readLibsvm(uri, opts, conf);
    if (d.rows() == 0) {
      throw new InputDataException(uri, "has no rows");
    }
    return d;
  }

  /** Reads held-out rows that must fit the training data's feature count. */
  private static LabeledData readLike(String uri, LabeledData train, LibsvmOptions opts,
      Configuration conf) {
    try {
      return read(uri, opts.withFeatureCount(train.cols()), conf);
    } catch (InputDataException e) {
      if (e.problem().contains("feature count")) {
        throw new InputDataException(e.file(), e.line(), e.problem() + " (the training data "
            + train.source() + " has " + train.cols() + " features; --features P declares more)",
            e);
      }
      throw e;
    }
  }

  /** Fails early (exit code 2) when the output folder cannot be created or written. */
  static void checkWritable(String out, Configuration conf) {
    HadoopFiles.checkWritableFolder(out, conf);
  }

  /**
   * Checkpoints of one seed: {@code DIR/iteration-000001.bin}, … written atomically. A checkpoint
   * is encoded on the caller's thread, and written (temporary file, sync, rename) by one
   * background thread, in iteration order, while the next outer iteration runs: the write and its
   * sync leave the driver's critical path. A driver killed meanwhile loses at most the iterations
   * whose writes had not finished; a rerun recomputes them and ends with the same result. After a
   * failed write nothing more is written, and the failure is thrown by the next {@link #save} or
   * by {@link #flush}.
   */
  static final class HadoopCheckpoints implements SeedRun.CheckpointStore {
    private final String dir;
    private final Configuration conf;
    /** One writer thread at most (checkpoints land in order), ended after a second idle. */
    private final ExecutorService writer;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private Future<?> last;

    HadoopCheckpoints(String dir, Configuration conf) {
      this.dir = dir;
      this.conf = conf;
      this.writer = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, "sparsetune-checkpoint");
            t.setDaemon(true);
            return t;
          });
    }

    private String file(int iteration) {
      return dir + String.format(Locale.ROOT, "/iteration-%06d.bin", iteration);
    }

    @Override
    public List<EvaluationLog> load() {
      List<EvaluationLog> logs = new ArrayList<>();
      try {
        Path d = new Path(dir);
        FileSystem fs = d.getFileSystem(conf);
        if (!fs.exists(d)) {
          return logs;
        }
        for (int k = 1; ; k++) {
          Path f = new Path(file(k));
          if (!fs.exists(f)) {
            break;
          }
          try (InputStream in = new BufferedInputStream(fs.open(f), 1 << 16)) {
            logs.add(EvaluationLog.read(in));
          }
        }
      } catch (IOException e) {
        throw new InputDataException(dir, 0, "cannot read the checkpoint: " + e.getMessage()
            + " (delete the folder to start afresh)", e);
      }
      if (!logs.isEmpty()) {
        LOG.info("resuming from {} checkpointed iteration(s) in {}", logs.size(), dir);
      }
      return logs;
    }

    @Override
    public void save(int iteration, EvaluationLog log) {
      throwIfFailed();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (BufferedOutputStream out = new BufferedOutputStream(bytes, 1 << 16)) {
        log.write(out);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      byte[] encoded = bytes.toByteArray();
      String target = file(iteration);
      last = writer.submit(() -> {
        if (failure.get() != null) {
          return; // a gap would hide the later checkpoints from a resume: write nothing more
        }
        try {
          HadoopFiles.writeAtomically(target, encoded, conf);
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
        }
      });
    }

    @Override
    public void flush() {
      Future<?> pending = last;
      if (pending != null) {
        try {
          pending.get(); // one writer thread, in order: the last write ends after the others
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while writing checkpoints to " + dir, e);
        } catch (ExecutionException e) {
          throw new IllegalStateException("checkpoint writer failed", e.getCause());
        }
      }
      throwIfFailed();
    }

    private void throwIfFailed() {
      RuntimeException e = failure.get();
      if (e != null) {
        throw e;
      }
    }
  }

  /** Whether the outer loop probes (NTRBA's probing reads ∇F(ȳ) and z*): {@code auto}'s does. */
  static boolean probes(TuningOptions o) {
    return o.method() == TuningMethod.AUTO || o.ntrba().probing();
  }

  /** Identifies the command (data content, options, seed): a checkpoint of another is refused. */
  static String fingerprint(Config c, long seed, String dataDigest) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("data", dataDigest);
    m.put("loss", c.layout().loss().cliName());
    m.put("folds", c.layout().folds());
    m.put("l2", c.layout().l2());
    m.put("intercept", c.layout().fitIntercept());
    if (c.layout().guardFraction() > 0.0) {
      m.put("auto_guard", c.layout().guardFraction());
    }
    m.put("options", c.options().withSeed(seed).toMap());
    m.put("solver", c.solver().toMap());
    m.put("oracle", c.oracle().toMap());
    return sha256(m.toString()).substring(0, 16);
  }

  private static String digest(LabeledData... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (LabeledData d : parts) {
        if (d == null) {
          md.update((byte) 0);
          continue;
        }
        md.update((d.rows() + "x" + d.cols()).getBytes(StandardCharsets.UTF_8));
        update(md, d.labels());
        DesignMatrix a = d.features();
        if (a instanceof CscMatrix m) {
          update(md, m.values());
          for (int v : m.rowIdx()) {
            md.update((byte) v);
            md.update((byte) (v >>> 8));
          }
        } else if (a instanceof DenseMatrix m) {
          update(md, m.data());
        }
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest md, double[] v) {
    byte[] b = new byte[8];
    for (double x : v) {
      long bits = Double.doubleToRawLongBits(x);
      for (int i = 0; i < 8; i++) {
        b[i] = (byte) (bits >>> (8 * i));
      }
      md.update(b);
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Logs the in-memory size of every fold block (the executors cut and cache the same blocks) and
   * returns the largest bytes per nonzero among them ({@code summary.json}'s {@code
   * fold_block_bytes_per_nonzero}; {@link FoldProblem#bytesPerNonzero}).
   */
  static double foldBlockBytesPerNonzero(List<TuningProblem> problems) {
    double worst = Double.NaN;
    for (TuningProblem tp : problems) {
      for (int f = 0; f < tp.folds().size(); f++) {
        FoldProblem b = tp.folds().get(f);
        double perNonzero = b.bytesPerNonzero();
        LOG.info(String.format(Locale.ROOT,
            "seed %d fold %d block: %d + %d stored entries (train %s, validation %s), %.1f MB,"
                + " %.2f bytes per nonzero",
            tp.seed(), f, b.train().design().storedEntries(), b.validationDesign().storedEntries(),
            b.train().design().getClass().getSimpleName(),
            b.validationDesign().getClass().getSimpleName(), b.memoryBytes() / 1e6, perNonzero));
        if (Double.isNaN(worst) || perNonzero > worst) {
          worst = perNonzero;
        }
      }
    }
    return worst;
  }

  private static Map<String, Object> summary(JavaSparkContext jsc, Config c, LabeledData data,
      double blockBytesPerNonzero, List<SeedRun.Result> results, List<SparkObjective> objectives,
      long jobs, double roundTrip, double critical) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("master", jsc.master());
    s.put("executors", executors(jsc));
    s.put("application_id", jsc.sc().applicationId());
    s.put("data", c.data());
    s.put("rows", data.rows());
    s.put("features", data.cols());
    s.put("loss", c.layout().loss().cliName());
    s.put("method", c.options().method().cliName());
    s.put("folds", c.layout().folds());
    s.put("fold_block_bytes_per_nonzero", blockBytesPerNonzero);
    List<Map<String, Object>> seeds = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      SeedRun.Result r = results.get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seed", r.seed());
      m.put("method", r.outer().method());
      m.put("best_validation_loss", r.outer().best().value());
      m.put("test_metrics", r.testMetrics());
      int active = 0;
      for (double y : r.coefficients()) {
        if (y != 0.0) {
          active++;
        }
      }
      m.put("active_features", active);
      m.put("iterations", r.outer().iterations());
      m.put("evaluations", r.outer().evaluations());
      m.put("seconds_per_iteration", r.secondsPerIteration());
      m.put("stopping_reason", r.outer().stoppingReason().name().toLowerCase(Locale.ROOT));
      OuterResult.AutoChoice choice = r.outer().autoChoice();
      if (choice != null) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("selected", choice.selected());
        a.put("scalar_guard_loss", choice.scalarGuard());
        a.put("per_feature_guard_loss", choice.perFeatureGuard());
        a.put("per_feature_guard_standard_error", choice.perFeatureGuardStandardError());
        m.put("auto_choice", a);
      }
      m.put("resumed_iterations", r.resumedIterations());
      m.put("alpha_max", objectives.get(i).alphaMax());
      m.put("spark_jobs", objectives.get(i).stats().jobs());
      seeds.add(m);
    }
    s.put("seeds", seeds);
    Map<String, Object> spark = new LinkedHashMap<>();
    spark.put("jobs", jobs);
    spark.put("round_trip_seconds", roundTrip);
    spark.put("critical_compute_seconds", critical);
    spark.put("overhead_ms_per_job", jobs == 0 ? 0.0 : (roundTrip - critical) * 1e3 / jobs);
    s.put("spark", spark);
    Map<String, Object> options = new LinkedHashMap<>(c.options().toMap());
    options.remove("seed");
    options.put("seeds", c.seeds());
    options.put("l2", Double.isNaN(c.layout().l2()) ? "1/n_train" : c.layout().l2());
    options.put("intercept", c.layout().fitIntercept());
    options.put("auto_guard", c.layout().guardFraction());
    options.put("solver", c.solver().toMap());
    options.put("oracle", c.oracle().withPolicy(c.options().method().policy()).toMap());
    s.put("options", options);
    return s;
  }

  private static int executors(JavaSparkContext jsc) {
    int n = jsc.sc().statusTracker().getExecutorInfos().length - 1; // minus the driver
    return Math.max(1, n);
  }

  private static void writeOutputs(Config c, Configuration conf, Map<String, Object> summary,
      List<SeedRun.Result> results) {
    CsvTable trajectory = CsvTable.withHeader(("seed," + IterationRecord.CSV_HEADER).split(","));
    CsvTable penalties = CsvTable.withHeader("seed", "feature", "log_penalty", "penalty");
    CsvTable coefficients = CsvTable.withHeader("seed", "feature", "coefficient");
    Charts.LineChart chart = Charts.LineChart.of("sparsetune tune: validation loss per outer"
        + " iteration", "outer iteration", "validation loss");
    for (SeedRun.Result r : results) {
      double[] it = new double[r.trajectory().size()];
      double[] val = new double[it.length];
      for (int k = 0; k < it.length; k++) {
        IterationRecord row = r.trajectory().get(k);
        List<Object> cells = new ArrayList<>();
        cells.add(r.seed());
        cells.addAll(List.of(row.toCsvRow().split(",", -1)));
        trajectory.addRow(cells.toArray());
        it[k] = row.iteration();
        val[k] = row.bestValue();
      }
      if (it.length > 0) {
        chart = chart.with(Charts.Series.line("seed " + r.seed() + " (best so far)", it, val));
      }
      double[] x = r.outer().best().x();
      for (int j = 0; j < x.length; j++) {
        penalties.addRow(r.seed(), j + 1, x[j], Math.exp(x[j]));
      }
      coefficients.addRow(r.seed(), 0, r.intercept());
      double[] y = r.coefficients();
      for (int j = 0; j < y.length; j++) {
        if (y[j] != 0.0) {
          coefficients.addRow(r.seed(), j + 1, y[j]);
        }
      }
    }
    String out = c.out();
    HadoopFiles.writeTextAtomically(out + "/trajectory.csv", trajectory.toCsv(), conf);
    HadoopFiles.writeTextAtomically(out + "/penalties.csv", penalties.toCsv(), conf);
    HadoopFiles.writeTextAtomically(out + "/coefficients.csv", coefficients.toCsv(), conf);
    try {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(Charts.render(chart), "png", png);
      HadoopFiles.writeAtomically(out + "/trajectory.png", png.toByteArray(), conf);
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      HadoopFiles.writeTextAtomically(out + "/summary.json",
          json.writeValueAsString(summary) + "\n", conf);
    } catch (IOException e) {
      throw new HadoopFiles.OutputException(out, e.getMessage());
    }
  }
}
