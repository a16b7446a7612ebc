package org.sparsetune.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.VectorFile;
import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.ProximalCoordinateDescent;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.WarmStart;
import org.sparsetune.spark.io.HadoopFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparsetune solve}: one lower-level solve on a LIBSVM file, reported as one JSON object. */
@Command(
    name = "solve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Solves min_y F(y) + sum_j w_j |y_j| once on a LIBSVM file (all rows) and prints one JSON"
          + " object: iterations, kkt, nonzeros, termination, seconds, objective, ...",
      "F is the quadratic loss 1/(2n)||b - Ay||^2 or the logistic loss 1/n sum log(1+exp(-b a.y)),"
          + " plus l2/2 ||y||^2."
    })
final class SolveCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "LIBSVM file (plain, .gz, .bz2, .xz; local path or Hadoop URI).")
  String data;

  @Option(names = "--loss", defaultValue = "logistic", paramLabel = "logistic|quadratic",
      description = "Data-fit term (default: ${DEFAULT-VALUE}). Logistic needs labels -1/+1 or 0/1.")
  String loss;

  @ArgGroup(exclusive = true, multiplicity = "1")
  PenaltyChoice penalty;

  static final class PenaltyChoice {
    @Option(names = "--penalty", paramLabel = "V",
        description = "The same penalty V for every feature.")
    Double value;

    @Option(names = "--log-penalties", paramLabel = "FILE",
        description = "One log-penalty x_j per line; feature j gets penalty exp(x_j).")
    String logPenaltiesFile;

    @Option(names = "--penalty-fraction", paramLabel = "F",
        description = "Every feature gets F * alpha_max, where alpha_max is the smallest uniform"
            + " penalty whose solution is zero.")
    Double fraction;
  }

  @Option(names = "--l2", paramLabel = "V",
      description = "Ridge stabilizer l2 (default: 1/n, the papers' choice).")
  Double l2;

  @Option(names = "--tol", defaultValue = "1e-8", paramLabel = "V",
      description = "Stop when the maximum KKT violation is at most V (default: ${DEFAULT-VALUE}).")
  double tol;

  @Option(names = "--max-passes", defaultValue = "100000", paramLabel = "N",
      description = "Budget of coordinate-descent passes (default: ${DEFAULT-VALUE}).")
  int maxPasses;

  @Option(names = "--intercept", description = "Fit an unpenalized intercept (off by default).")
  boolean intercept;

  @Option(names = "--features", defaultValue = "0", paramLabel = "P",
      description = "Number of features; 0 infers it from the largest index (default).")
  int features;

  @Option(names = "--coefficients", paramLabel = "FILE",
      description = "Write the solution there, one value per line (written atomically).")
  String coefficientsFile;

  @Option(names = "--repeat", defaultValue = "1", paramLabel = "K",
      description = "Run the same cold solve K times in this JVM and report the fastest"
          + " (excludes JIT warm-up, as a benchmark should).")
  int repeat;

  @Override
  public Integer call() {
    if (repeat < 1) {
      throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
    }
    Loss lossKind = Loss.parse(loss);
    Configuration conf = HadoopFiles.configuration();
    LabeledData d = Inputs.readLibsvm(data, Inputs.libsvmOptions(lossKind, features), conf);
    int n = d.rows();
    int p = d.cols();
    double ridge = l2 == null ? 1.0 / n : l2;
    LowerLevelProblem problem =
        new LowerLevelProblem(d.features(), d.labels(), lossKind, ridge, new double[p], intercept);
    double[] w;
    if (penalty.value != null) {
      w = Inputs.uniform(p, penalty.value);
    } else if (penalty.fraction != null) {
      w = Inputs.uniform(p, penalty.fraction * Kkt.maxUniformPenalty(problem));
    } else {
      w = Inputs.penaltiesFromLogFile(penalty.logPenaltiesFile, p, conf);
    }
    problem = problem.withPenalties(w);
    SolverOptions options = SolverOptions.DEFAULTS.withTolerance(tol).withMaxPasses(maxPasses);
    SolverResult best = null;
    for (int k = 0; k < repeat; k++) {
      // A new solver each time: a solver hands its last working set to its next solve, and a
      // repeated cold solve must not start from the previous repetition's.
      SolverResult r = new ProximalCoordinateDescent(options).solve(problem, WarmStart.COLD);
      if (best == null || r.nanos() < best.nanos()) {
        best = r;
      }
    }
    if (coefficientsFile != null) {
      HadoopFiles.writeTextAtomically(coefficientsFile, VectorFile.format(best.coefficients()), conf);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", data);
    out.put("rows", n);
    out.put("features", p);
    out.put("loss", lossKind.cliName());
    out.put("l2", ridge);
    out.put("tolerance", tol);
    out.put("iterations", best.passes());
    out.put("full_passes", best.fullPasses());
    out.put("kkt", best.kktViolation());
    out.put("nonzeros", best.nonzeros());
    out.put("termination", best.termination().name().toLowerCase(Locale.ROOT));
    out.put("seconds", best.seconds());
    out.put("objective", best.objective());
    if (intercept) {
      out.put("intercept", best.intercept());
    }
    out.put("repeat", repeat);
    spec.commandLine().getOut().println(Json.compact(out));
    return 0;
  }
}
