package org.sparsetune.outer;

/** Steps shared by the outer loops. */
final class Outer {
  private Outer() {}

  /**
   * The paper's final step: the lower level is solved once more at the best point visited,
   * warm-started from that point's own solutions, and this evaluation is what a run reports.
   */
  static Evaluation finalSolve(Objective f, Evaluation best) {
    f.accept(best);
    return f.evaluate(best.x(), best.hasGradient());
  }

  static double norm(double[] v) {
    double s = 0.0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
