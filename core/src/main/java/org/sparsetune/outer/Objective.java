package org.sparsetune.outer;

import java.util.ArrayList;
import java.util.List;

/**
 * The upper-level function Φ(x) = L(y*(x)) as the outer loops see it: values and subgradients at
 * points, several points at once (one Spark job in the distributed implementation), and an anchor
 * that warm-starts later evaluations. The loops never know whether evaluations run in-process
 * ({@link BilevelObjective}) or on Spark executors.
 */
public interface Objective {

  /** The number of hyperparameters p. */
  int dimension();

  /**
   * The smallest uniform penalty at which every fold's solution is zero (max over folds of
   * {@code Kkt.maxUniformPenalty}); scales grids and default boxes.
   */
  double alphaMax();

  /**
   * Evaluates Φ at x, warm-started from the anchor.
   *
   * @param withGradient also run the subgradient oracle
   */
  Evaluation evaluate(double[] x, boolean withGradient);

  /**
   * Evaluates several points, each warm-started from the anchor. Implementations may run them in
   * parallel; the result order matches the input.
   */
  default List<Evaluation> evaluateAll(List<double[]> points, boolean withGradient) {
    List<Evaluation> out = new ArrayList<>(points.size());
    for (double[] x : points) {
      out.add(evaluate(x, withGradient));
    }
    return out;
  }

  /** Makes later evaluations warm-start from the lower-level solutions of {@code e}. */
  void accept(Evaluation e);

  /**
   * Value-only evaluations along a path (the scalar grid), dealt into {@code segments} interleaved
   * sub-paths: sub-path s takes points s, s + S, s + 2S, … ({@link #segmentCount}), starts from
   * the current anchor and warm-starts every later point from its predecessor. The sub-paths are
   * independent — a distributed implementation runs them side by side — and each spans the whole
   * path, so their costs are alike even though small penalties cost more than large ones.
   * Afterwards the anchor is the last point's solution, as if every point had been accepted in
   * turn. With one segment this is exactly the sequential warm-started path ({@code evaluate} then
   * {@code accept}, point after point), which is what this default does; implementations that can
   * deal paths override it, with the same results as their in-process counterpart.
   *
   * @throws IllegalArgumentException when {@code segments} is not 1 and the objective cannot deal
   */
  default List<Evaluation> evaluatePath(List<double[]> points, int segments) {
    if (segments != 1) {
      throw new IllegalArgumentException(getClass().getSimpleName()
          + " evaluates paths in one segment, not " + segments);
    }
    return sequentialPath(this, points);
  }

  /** The path point by point on f: {@code evaluate} (value only), then {@code accept}. */
  static List<Evaluation> sequentialPath(Objective f, List<double[]> points) {
    List<Evaluation> out = new ArrayList<>(points.size());
    for (double[] x : points) {
      Evaluation e = f.evaluate(x, false);
      f.accept(e);
      out.add(e);
    }
    return out;
  }

  /** How many non-empty sub-paths {@code segments} interleaved segments make of n points. */
  static int segmentCount(int n, int segments) {
    if (segments < 1) {
      throw new IllegalArgumentException("segments must be at least 1, got " + segments);
    }
    return Math.max(1, Math.min(segments, n));
  }
}
