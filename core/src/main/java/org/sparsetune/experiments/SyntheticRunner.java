package org.sparsetune.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sparsetune.oracle.BiactivePolicy;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.outer.BilevelObjective;
import org.sparsetune.outer.Box;
import org.sparsetune.outer.Evaluation;
import org.sparsetune.outer.ForwardingObjective;
import org.sparsetune.outer.IterationListener;
import org.sparsetune.outer.Nba;
import org.sparsetune.outer.Ntrba;
import org.sparsetune.outer.NtrbaOptions;
import org.sparsetune.outer.Objective;
import org.sparsetune.outer.OuterResult;
import org.sparsetune.outer.ScalarGrid;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.tune.TestMetrics;

/**
 * Runs one {@link SyntheticUnit} in-process: generates the instance, calibrates the degenerate
 * design's starting point, runs the method, re-solves at the best point visited and measures the
 * final model on the test rows. Deterministic (the timings aside): the same unit gives the same
 * metrics on any machine, so a unit can run on any Spark executor, be retried or be skipped on a
 * restart.
 *
 * <p>Setup common to all methods (paper section 5): weighted elastic net with {@code l2 = 1/n_train}
 * on the training rows, validation MSE as the upper level, lower-level tolerance 1e-8. Starting
 * points: the calibrated x⁰ of {@link DegenerateDesign#calibrate} for exp3/exp4,
 * {@code log(0.1·α_max)} in every coordinate for exp2. Bilevel methods stay in the default box
 * around α_max ({@link Box#aroundAlphaMax}), widened where needed to contain x⁰. Biactive band:
 * {@link DegenerateDesign#BIACTIVE_TOL_REL} on the degenerate design, the oracle's default
 * elsewhere. The scalar grid is {@link ScalarGrid#DEFAULTS} (100 values from 0.9·α_max down to
 * 1e-3·α_max, extended while the validation loss improves).
 */
public final class SyntheticRunner {
  private SyntheticRunner() {}

  /** Runs a unit with the paper's solver settings. */
  public static UnitOutcome run(SyntheticUnit u) {
    return run(u, SolverOptions.DEFAULTS);
  }

  /** Runs a unit. */
  public static UnitOutcome run(SyntheticUnit u, SolverOptions solver) {
    long start = System.nanoTime();
    SyntheticInstance inst = u.degenerate()
        ? DegenerateDesign.generate(u.n(), u.p(), u.rho(), u.seed())
        : ThreeGroupDesign.generate(u.p(), u.nOverP(), u.nnz(), u.seed());
    double[] x0 = u.degenerate() ? DegenerateDesign.calibrate(inst, solver).x0() : null;
    return runInstance(u, inst, x0, UpperCriterion.MSE,
        u.degenerate() ? DegenerateDesign.BIACTIVE_TOL_REL : Double.NaN, solver, start);
  }

  /**
   * Runs a unit's method on a generated instance.
   *
   * @param u the unit (method, iteration budget)
   * @param inst the instance
   * @param x0 the calibrated start, or null for log(0.1·α_max) in every coordinate
   * @param criterion the upper level: MSE (regression; {@code f1} is support recovery) or the
   *     logistic loss (classification; {@code f1} is the test classification F1, and the test
   *     log-loss is reported)
   * @param bandTolRel the biactive band, or NaN for the oracle's default
   * @param solver lower-level solver options
   * @param startNanos when the unit started (generation included in its seconds)
   */
  public static UnitOutcome runInstance(SyntheticUnit u, SyntheticInstance inst, double[] x0,
      UpperCriterion criterion, double bandTolRel, SolverOptions solver, long startNanos) {
    long start = startNanos;
    int p = inst.cols();
    int[] hidden = inst.groupNames().contains("hidden") ? inst.featuresOf("hidden") : new int[0];
    boolean[] truth = inst.truthSupport();

    BiactivePolicy policy = u.method().endsWith("-null") || u.method().equals("sparse-ho")
        ? BiactivePolicy.NULL : BiactivePolicy.SELF_CONSISTENT;
    OracleOptions oracle = OracleOptions.DEFAULTS.withPolicy(policy);
    if (!Double.isNaN(bandTolRel)) {
      oracle = oracle.withBiactiveTolRel(bandTolRel);
    }
    BilevelObjective objective = new BilevelObjective(List.of(inst.fold(new double[p])),
        criterion, solver, oracle);
    Recorder f = new Recorder(objective, truth, hidden);
    double alphaMax = objective.alphaMax();
    if (x0 == null) {
      x0 = new double[p];
      Arrays.fill(x0, Math.log(0.1 * alphaMax));
    }
    Box box = widened(Box.aroundAlphaMax(p, alphaMax), x0);
    IterationListener listener = r -> f.record(r.value(), r.bestValue());

    OuterResult result = switch (u.method()) {
      case "scalar-grid" -> ScalarGrid.DEFAULTS.run(f, listener);
      case "ntrba-sc", "ntrba-null" -> new Ntrba(
          NtrbaOptions.DEFAULTS.withMaxIterations(u.maxIterations()))
          .run(f, x0, box, listener, u.method());
      case "nba-sc", "nba-null", "sparse-ho" -> Nba.withDefaults(u.maxIterations())
          .run(f, x0, box, listener, u.method());
      default -> throw new IllegalArgumentException("unknown method '" + u.method() + "'");
    };

    Evaluation best = result.best();
    double[] y = BilevelObjective.coefficientsOf(best)[0];
    boolean classification = criterion == UpperCriterion.LOGISTIC;
    double testMse = classification ? Double.NaN : UpperCriterion.MSE.value(
        inst.test().features(), inst.test().labels(), y, 0.0);
    double testLogLoss = Double.NaN;
    double f1 = f1(y, truth);
    if (classification) {
      Map<String, Object> m = TestMetrics.of(Loss.LOGISTIC, inst.test().features(),
          inst.test().labels(), y, 0.0);
      testLogLoss = ((Number) m.get("log_loss")).doubleValue();
      f1 = ((Number) m.get("f1")).doubleValue();
    }
    double[] w = new double[p];
    for (int j = 0; j < p; j++) {
      w[j] = Math.exp(best.x()[j]);
    }
    int active = 0;
    for (double v : y) {
      if (v != 0.0) {
        active++;
      }
    }
    double hiddenRecall = Double.NaN;
    if (hidden.length > 0) {
      int on = 0;
      for (int j : hidden) {
        if (y[j] != 0.0) {
          on++;
        }
      }
      hiddenRecall = on / (double) hidden.length;
    }
    boolean scalar = u.method().equals("scalar-grid");
    return new UnitOutcome(u, f1, testMse, best.value(), hiddenRecall,
        scalar || hidden.length == 0 ? Double.NaN : f.hiddenGradNormK0,
        scalar ? Double.NaN : best.gradientNorm(),
        result.secondsPerIteration(), result.iterations(), active,
        result.stoppingReason().name().toLowerCase(java.util.Locale.ROOT),
        (System.nanoTime() - start) * 1e-9,
        f.values(), f.bestValues(), f.hiddenPenalties(), f.f1s(), w, testLogLoss);
  }

  /** Support-recovery F1 of y's nonzeros against the true support (1 when both are empty). */
  public static double f1(double[] y, boolean[] truth) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (int j = 0; j < y.length; j++) {
      boolean on = y[j] != 0.0;
      if (on && truth[j]) {
        tp++;
      } else if (on) {
        fp++;
      } else if (truth[j]) {
        fn++;
      }
    }
    return tp + fp + fn == 0 ? 1.0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }

  private static Box widened(Box b, double[] x0) {
    double[] lo = b.lower().clone();
    double[] hi = b.upper().clone();
    for (int j = 0; j < x0.length; j++) {
      lo[j] = Math.min(lo[j], x0[j]);
      hi[j] = Math.max(hi[j], x0[j]);
    }
    return new Box(lo, hi);
  }

  /**
   * Passes evaluations through and remembers the current iterate (the last accepted evaluation),
   * so that every iteration can record the iterate's support F1 and hidden penalties.
   */
  private static final class Recorder extends ForwardingObjective {
    private final boolean[] truth;
    private final int[] hidden;
    private Evaluation current;
    private double hiddenGradNormK0 = Double.NaN;
    private final List<double[]> rows = new ArrayList<>();

    Recorder(BilevelObjective f, boolean[] truth, int[] hidden) {
      super(f);
      this.truth = truth;
      this.hidden = hidden;
    }

    /** The path point by point through {@link #accept}, so that every point is recorded. */
    @Override
    public List<Evaluation> evaluatePath(List<double[]> points, int segments) {
      if (segments != 1) {
        throw new IllegalArgumentException("experiments record one sequential path");
      }
      return Objective.sequentialPath(this, points);
    }

    @Override
    public void accept(Evaluation e) {
      delegate.accept(e);
      boolean first = current == null;
      current = e;
      if (first && e.hasGradient()) {
        double s = 0.0;
        for (int j : hidden) {
          s += e.gradient()[j] * e.gradient()[j];
        }
        hiddenGradNormK0 = Math.sqrt(s);
        // The starting point is iteration 0 of the trajectories.
        record(e.value(), e.value());
      }
    }

    void record(double value, double best) {
      double[] y = BilevelObjective.coefficientsOf(current)[0];
      double logMean = Double.NaN;
      if (hidden.length > 0) {
        double s = 0.0;
        for (int j : hidden) {
          s += current.x()[j];
        }
        logMean = Math.exp(s / hidden.length);
      }
      rows.add(new double[] {value, best, logMean, f1(y, truth)});
    }

    double[] column(int c) {
      double[] out = new double[rows.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = rows.get(i)[c];
      }
      return out;
    }

    double[] values() {
      return column(0);
    }

    double[] bestValues() {
      return column(1);
    }

    double[] hiddenPenalties() {
      return column(2);
    }

    double[] f1s() {
      return column(3);
    }
  }
}
