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
}
