package org.sparsetune.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparsetune.data.HeavyTailedSparseDesign;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.Splits;
import org.sparsetune.data.Split;
import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.ProximalCoordinateDescent;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.WarmStart;
import org.sparsetune.spark.io.HadoopFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparsetune bench-solver}: cold and warm-started logistic solves on w8a, mnist01 (the
 * 60% training rows of a seeded stratified 60/20/20 split) and a generated NEWS20-shaped matrix,
 * at {@code w = f·w_max} for each fraction f. Prints a Markdown table (and JSON with
 * {@code --out}); docs/benchmarks.md records the figures.
 */
@Command(
    name = "bench-solver",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Benchmarks the lower-level solver: cold and warm-started (after a 1%% penalty increase)"
          + " logistic solves after untimed warm-up solves (at least 3 rounds and 1 s per dataset),"
          + " fastest of --repeat runs (more, up to 500, until a measurement has run 0.3 s), with"
          + " passes, final KKT violation and peak heap.",
      "Datasets: w8a and mnist01 from --data-dir (60%% training rows), news20 (generated"
          + " 12,000 x 1,355,191, ~5.4M nonzeros, Zipf column frequencies)."
    })
final class BenchSolverCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Folder holding w8a.xz and mnist01_train.libsvm.xz (default: the"
          + " sparsetune.shared.data property, else ../shared/data).")
  String dataDir;

  @Option(names = "--datasets", split = ",", defaultValue = "w8a,mnist01,news20",
      paramLabel = "NAME", description = "Any of w8a, mnist01, news20 (default: ${DEFAULT-VALUE}).")
  List<String> datasets;

  @Option(names = "--fractions", split = ",", defaultValue = "0.1,0.01", paramLabel = "F",
      description = "Penalties as fractions of w_max (default: ${DEFAULT-VALUE}).")
  List<Double> fractions;

  @Option(names = "--tol", defaultValue = "1e-7", paramLabel = "V",
      description = "KKT tolerance (default: ${DEFAULT-VALUE}, the liblinear comparison).")
  double tol;

  @Option(names = "--repeat", defaultValue = "7", paramLabel = "K",
      description = "Runs per measurement at least, fastest reported; short solves run more"
          + " times, up to 500, until the measurement has taken 0.3 s (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
      description = "Split and generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the rows as JSON.")
  String out;

  @Option(names = "--export-rows", paramLabel = "DIR",
      description = "Write each shared dataset's training row indices (0-based, one per line) to"
          + " DIR/NAME_train_rows.txt, for reference measurements on the same rows"
          + " (docs/bench/liblinear_reference.py).")
  String exportRows;

  @Override
  public Integer call() {
    if (repeat < 1) {
      throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    var w = spec.commandLine().getOut();
    w.println("| dataset | rows x cols | nonzeros | w/w_max | cold s | cold passes | full | cold KKT"
        + " | nnz(y) | warm s | warm passes | cold/warm | warm s, new solver | cold/warm, new solver"
        + " | peak heap MB |");
    w.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (String name : datasets) {
      resetPeakHeap();
      long t0 = System.nanoTime();
      LabeledData train = load(name);
      double loadSeconds = (System.nanoTime() - t0) * 1e-9;
      int n = train.rows();
      LowerLevelProblem base =
          new LowerLevelProblem(train.features(), train.labels(), Loss.LOGISTIC, 1.0 / n,
              new double[train.cols()], false);
      double wMax = Kkt.maxUniformPenalty(base);
      SolverOptions options = SolverOptions.DEFAULTS.withTolerance(tol);
      warmUp(options, base, wMax, fractions);
      for (double f : fractions) {
        double[] penalties = new double[train.cols()];
        Arrays.fill(penalties, f * wMax);
        LowerLevelProblem cold = base.withPenalties(penalties);
        SolverResult c = fastest(options, cold, null, WarmStart.COLD, repeat);
        double[] moved = penalties.clone();
        for (int j = 0; j < moved.length; j++) {
          moved[j] *= 1.01;
        }
        LowerLevelProblem step = base.withPenalties(moved);
        // As in a tuning loop, whose solver has just solved a nearby problem and hands its last
        // working set on; and as the first solve of a new solver, which has nothing to hand on.
        SolverResult h = fastest(options, step, step, WarmStart.from(c), repeat);
        SolverResult first = fastest(options, step, null, WarmStart.from(c), repeat);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("dataset", name);
        r.put("rows", n);
        r.put("cols", train.cols());
        r.put("nonzeros", train.features().storedEntries());
        r.put("load_seconds", loadSeconds);
        r.put("fraction_of_wmax", f);
        r.put("w_max", wMax);
        r.put("tolerance", tol);
        r.put("cold_seconds", c.seconds());
        r.put("cold_passes", c.passes());
        r.put("cold_full_passes", c.fullPasses());
        r.put("cold_kkt", c.kktViolation());
        r.put("cold_termination", c.termination().name().toLowerCase(Locale.ROOT));
        r.put("solution_nonzeros", c.nonzeros());
        r.put("warm_seconds", h.seconds());
        r.put("warm_passes", h.passes());
        r.put("warm_full_passes", h.fullPasses());
        r.put("warm_kkt", h.kktViolation());
        r.put("warm_termination", h.termination().name().toLowerCase(Locale.ROOT));
        r.put("cold_over_warm", c.seconds() / h.seconds());
        r.put("warm_new_solver_seconds", first.seconds());
        r.put("cold_over_warm_new_solver", c.seconds() / first.seconds());
        r.put("peak_heap_mb", peakHeapBytes() / (1024.0 * 1024.0));
        rows.add(r);
        w.printf(Locale.ROOT, "| %s | %d x %d | %d | %.2g | %.4f | %d | %d | %.1e | %d | %.4f | %d |"
                + " %.1f | %.4f | %.1f | %.0f |%n",
            name, n, train.cols(), train.features().storedEntries(), f, c.seconds(), c.passes(),
            c.fullPasses(), c.kktViolation(), c.nonzeros(), h.seconds(), h.passes(),
            c.seconds() / h.seconds(), first.seconds(), c.seconds() / first.seconds(),
            peakHeapBytes() / (1024.0 * 1024.0));
        w.flush();
      }
    }
    if (out != null) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("benchmark", "bench-solver");
      doc.put("java", System.getProperty("java.version"));
      doc.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
      doc.put("processors", Runtime.getRuntime().availableProcessors());
      doc.put("rows", rows);
      HadoopFiles.writeTextAtomically(out, Json.pretty(doc), HadoopFiles.configuration());
    }
    return 0;
  }

  private static final long WARM_UP_NANOS = 1_000_000_000L;
  private static final long WARM_UP_MAX_NANOS = 10_000_000_000L;
  private static final int WARM_UP_ROUNDS = 3;

  /**
   * Untimed cold and warm solves on the dataset at every fraction, for at least
   * {@link #WARM_UP_NANOS} and {@link #WARM_UP_ROUNDS} rounds (no round starts after
   * {@link #WARM_UP_MAX_NANOS}): the first dataset's first measurements otherwise ran while the
   * JIT was still compiling the solver (w8a's cold solve at 0.01·w_max measured 0.029–0.042 s
   * in one JVM or the next).
   */
  private static void warmUp(SolverOptions options, LowerLevelProblem base, double wMax,
      List<Double> fractions) {
    long start = System.nanoTime();
    for (int round = 0;
        round < WARM_UP_ROUNDS || System.nanoTime() - start < WARM_UP_NANOS; round++) {
      for (double f : fractions) {
        double[] penalties = new double[base.design().cols()];
        Arrays.fill(penalties, f * wMax);
        SolverResult c = new ProximalCoordinateDescent(options)
            .solve(base.withPenalties(penalties), WarmStart.COLD);
        for (int j = 0; j < penalties.length; j++) {
          penalties[j] *= 1.01;
        }
        new ProximalCoordinateDescent(options)
            .solve(base.withPenalties(penalties), WarmStart.from(c));
      }
      if (System.nanoTime() - start > WARM_UP_MAX_NANOS) {
        break; // solves of seconds each (NEWS20-shaped at 0.003·w_max) warm the JIT in one round
      }
    }
  }

  /**
   * A measurement runs at least this long (up to {@link #MAX_RUNS} runs): one JVM's fastest of a
   * few 2–5 ms solves could sit at twice another's on this host, and more samples settle it.
   */
  private static final long MIN_MEASURE_NANOS = 300_000_000L;
  private static final int MAX_RUNS = 500;

  /**
   * The fastest of at least {@code reps} solves (more for short ones, see
   * {@link #MIN_MEASURE_NANOS}), each by a new solver (a solver hands its last working set to its
   * next solve, so no repetition inherits from the one before), after an untimed solve of
   * {@code previous} from the same start by that solver when it is given.
   */
  private static SolverResult fastest(SolverOptions options, LowerLevelProblem problem,
      LowerLevelProblem previous, WarmStart warm, int reps) {
    SolverResult best = null;
    long start = System.nanoTime();
    for (int k = 0;
        k < reps || (k < MAX_RUNS && System.nanoTime() - start < MIN_MEASURE_NANOS); k++) {
      ProximalCoordinateDescent solver = new ProximalCoordinateDescent(options);
      if (previous != null) {
        solver.solve(previous, warm);
      }
      SolverResult r = solver.solve(problem, warm);
      if (best == null || r.nanos() < best.nanos()) {
        best = r;
      }
    }
    return best;
  }

  /** The training rows (60% of a stratified seeded split) of a named dataset. */
  private LabeledData load(String name) {
    switch (name) {
      case "w8a":
        return trainRows("w8a", Inputs.readShared(dataDir, "w8a.xz"));
      case "mnist01":
        return trainRows("mnist01", Inputs.readShared(dataDir, "mnist01_train.libsvm.xz"));
      case "news20":
        return HeavyTailedSparseDesign.news20Shaped(seed).generate();
      default:
        throw new IllegalArgumentException(
            "unknown dataset '" + name + "': expected w8a, mnist01 or news20");
    }
  }

  private LabeledData trainRows(String name, LabeledData all) {
    Split split = Splits.splitStratified(all.labels(), Splits.Fractions.DEFAULT, seed);
    if (exportRows != null) {
      StringBuilder sb = new StringBuilder();
      for (int r : split.train()) {
        sb.append(r).append('\n');
      }
      HadoopFiles.writeTextAtomically(exportRows + "/" + name + "_train_rows.txt", sb.toString(),
          HadoopFiles.configuration());
    }
    return all.selectRows(split.train());
  }

  private static void resetPeakHeap() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The sum of the heap pools' peak usage since the last reset (an upper bound of the peak). */
  private static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
