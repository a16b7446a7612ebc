package org.sparsetune.outer;

import java.util.ArrayList;
import java.util.List;

/**
 * NBA-wℓ₁, Algorithm 2 of the paper: the projected normalized subgradient step
 * {@code x ← P_X(x - η h/||h||)} with a fixed step η (default 0.1), stopping when ||h|| &lt; tol,
 * when the projected step vanishes, or after K iterations. Every iterate is evaluated with value
 * and subgradient; the best point visited is reported.
 */
public final class Nba {
  /** Default step η. */
  public static final double DEFAULT_STEP = 0.1;

  private final double step;
  private final double tolerance;
  private final double stepEpsilon;
  private final int maxIterations;

  /**
   * @param step η &gt; 0
   * @param tolerance stop when ||h|| &lt; tolerance
   * @param stepEpsilon stop when the projected step is shorter than this
   * @param maxIterations K
   */
  public Nba(double step, double tolerance, double stepEpsilon, int maxIterations) {
    if (!(step > 0.0) || !(tolerance >= 0.0) || !(stepEpsilon >= 0.0) || maxIterations < 0) {
      throw new IllegalArgumentException(
          "need step > 0, tolerance >= 0, stepEpsilon >= 0, maxIterations >= 0; got " + step + ", "
              + tolerance + ", " + stepEpsilon + ", " + maxIterations);
    }
    this.step = step;
    this.tolerance = tolerance;
    this.stepEpsilon = stepEpsilon;
    this.maxIterations = maxIterations;
  }

  /** η = 0.1, tolerance 1e-8, step epsilon 1e-12, K iterations. */
  public static Nba withDefaults(int maxIterations) {
    return new Nba(DEFAULT_STEP, 1e-8, 1e-12, maxIterations);
  }

  /** Runs Algorithm 2 from x0 (projected onto the box). */
  public OuterResult run(
      Objective f, double[] x0, Box box, IterationListener listener, String method) {
    long start = System.nanoTime();
    List<IterationRecord> trajectory = new ArrayList<>();
    Evaluation cur = f.evaluate(box.project(x0), true);
    f.accept(cur);
    Evaluation best = cur;
    int evaluations = 1;
    StoppingReason reason = StoppingReason.BUDGET;
    int k = 0;
    while (k < maxIterations) {
      long it0 = System.nanoTime();
      double hn = cur.gradientNorm();
      if (hn < tolerance) {
        reason = StoppingReason.TOLERANCE;
        break;
      }
      double[] x = cur.x();
      double[] h = cur.gradient();
      double[] next = new double[x.length];
      for (int j = 0; j < x.length; j++) {
        next[j] = x[j] - step * h[j] / hn;
      }
      next = box.project(next);
      double sn = 0.0;
      for (int j = 0; j < x.length; j++) {
        sn += (next[j] - x[j]) * (next[j] - x[j]);
      }
      sn = Math.sqrt(sn);
      if (sn < stepEpsilon) {
        reason = StoppingReason.STEP;
        break;
      }
      cur = f.evaluate(next, true);
      f.accept(cur);
      evaluations++;
      if (cur.value() < best.value()) {
        best = cur;
      }
      k++;
      IterationRecord r = new IterationRecord(k, "nba", cur.value(), best.value(), hn, Double.NaN,
          sn, Double.NaN, true, cur.support(), cur.biactive(), evaluations,
          (System.nanoTime() - it0) * 1e-9);
      trajectory.add(r);
      listener.onIteration(r);
    }
    Evaluation fin = Outer.finalSolve(f, best);
    return new OuterResult(method, fin, k, evaluations + 1, reason, List.copyOf(trajectory),
        (System.nanoTime() - start) * 1e-9);
  }
}
