package org.sparsetune.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparsetune.data.LabeledData;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.outer.BilevelObjective;
import org.sparsetune.outer.Evaluation;
import org.sparsetune.outer.OuterResult;
import org.sparsetune.outer.Tuner;
import org.sparsetune.outer.TuningMethod;
import org.sparsetune.outer.TuningOptions;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.tune.TestMetrics;
import org.sparsetune.tune.TuningProblem;

/**
 * Experiment 5, Setting 2 (paper §5.5.2): one (data set, seed, method) unit on a real binary
 * classification data set. The setting is the paper's: weighted sparse logistic regression,
 * 60/20/20 stratified split by the seed, {@code l2 = 1/n_train}, dense data standardized with the
 * training rows' statistics and sparse data kept as they are ({@link TuningProblem}), held-out
 * logistic loss as the upper level, uniform start at 0.1·α_max, the oracle's default biactive band
 * (1e-3), the method's defaults otherwise ({@link TuningOptions#defaults}) — the same code path as
 * {@code sparsetune tune}. The final model is the lower-level solution at the best point visited,
 * measured on the test rows.
 */
public final class RealDataRunner {
  private RealDataRunner() {}

  /** {@code auto}'s guard fraction here: the {@code tune --auto-guard} default. */
  public static final double AUTO_GUARD = 0.5;

  /** Runs a unit on its (already read) data set. */
  public static UnitOutcome run(SyntheticUnit u, LabeledData data) {
    return run(u, data, SolverOptions.DEFAULTS);
  }

  /** Runs a unit on its (already read) data set with the given solver options. */
  public static UnitOutcome run(SyntheticUnit u, LabeledData data, SolverOptions solver) {
    long start = System.nanoTime();
    TuningMethod method = TuningMethod.parse(u.method());
    TuningProblem problem = TuningProblem.fromOneFile(data,
        new TuningProblem.Layout(Loss.LOGISTIC, 1, Double.NaN, false,
            method == TuningMethod.AUTO ? AUTO_GUARD : 0.0), u.seed());
    BilevelObjective f = new BilevelObjective(problem.folds(), UpperCriterion.LOGISTIC, solver,
        OracleOptions.DEFAULTS.withPolicy(method.policy()));
    TuningOptions options = TuningOptions.defaults(method)
        .withMaxIterations(u.maxIterations()).withSeed(u.seed());
    List<double[]> rows = new ArrayList<>();
    OuterResult r = Tuner.run(f, options,
        rec -> rows.add(new double[] {rec.value(), rec.bestValue()}));
    Evaluation best = r.best();
    double[] y = BilevelObjective.coefficientsOf(best)[0];
    Map<String, Object> test = TestMetrics.of(Loss.LOGISTIC, problem.test().features(),
        problem.test().labels(), y, 0.0);
    int p = y.length;
    int active = 0;
    for (double v : y) {
      if (v != 0.0) {
        active++;
      }
    }
    double[] w = new double[p];
    for (int j = 0; j < p; j++) {
      w[j] = Math.exp(best.x()[j]);
    }
    double[] value = new double[rows.size()];
    double[] bestValue = new double[rows.size()];
    double[] none = new double[rows.size()];
    for (int i = 0; i < value.length; i++) {
      value[i] = rows.get(i)[0];
      bestValue[i] = rows.get(i)[1];
      none[i] = Double.NaN;
    }
    boolean usesOracle = method.usesOracle();
    return new UnitOutcome(u, number(test, "f1"), Double.NaN, best.value(), Double.NaN,
        Double.NaN, usesOracle && best.hasGradient() ? best.gradientNorm() : Double.NaN,
        r.secondsPerIteration(), r.iterations(), active,
        r.stoppingReason().name().toLowerCase(Locale.ROOT), (System.nanoTime() - start) * 1e-9,
        value, bestValue, none, none, w, number(test, "log_loss"),
        r.autoChoice() == null ? null : r.autoChoice().selected());
  }

  private static double number(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
