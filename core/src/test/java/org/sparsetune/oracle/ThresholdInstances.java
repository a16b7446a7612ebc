package org.sparsetune.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.testing.BilevelProblems;
import org.sparsetune.testing.BilevelProblems.Bilevel;
import org.sparsetune.testing.RandomProblems.Spec;
import org.sparsetune.testing.RandomProblems.Storage;

/**
 * Random bilevel instances with coordinates put exactly on the biactive threshold.
 *
 * <p>Construction: solve the lower level at the generator's penalties; then, {@code count} times,
 * take the zero coordinate j with the largest {@code |∇_jF(ȳ)|/w_j < 1} and set {@code w_j :=
 * |∇_jF(ȳ)|}. ȳ stays a solution (the KKT condition |∇_jF| ≤ w_j still holds, now with equality;
 * asserted), and j lands on the threshold |v_j| = u_j of the partition (16), in B⁺ when ∇_jF &lt; 0
 * (v_j = -γ∇_jF &gt; 0) and in B⁻ otherwise.
 */
final class ThresholdInstances {
  private ThresholdInstances() {}

  /**
   * An instance and the exact solution of its lower level.
   *
   * @param bilevel the instance, with penalties on the threshold at some zero coordinates
   * @param lower a solution of {@code bilevel.train()}: the solution at the original penalties,
   *     which still satisfies the KKT conditions after the change. It is deliberately not
   *     recomputed: a new solve may leave a threshold coordinate at ±1e-14 instead of 0, which is a
   *     different situation ({@link PartitionTest}).
   */
  record Made(Bilevel bilevel, SolverResult lower) {}

  static Made make(Spec trainSpec, int validationRows, long seed, Storage storage, int count) {
    Bilevel b = BilevelProblems.randomSplit(trainSpec, validationRows, seed, storage);
    SolverResult lower = AccurateSolves.solve(b);
    double[] y = lower.coefficients();
    double[] g = Kkt.gradient(b.train(), y, lower.intercept());
    double[] w = b.train().penalties().clone();
    for (int made = 0; made < count; made++) {
      int best = -1;
      for (int j = 0; j < w.length; j++) {
        boolean candidate = y[j] == 0.0 && g[j] != 0.0 && Math.abs(g[j]) < w[j];
        if (candidate && (best < 0 || Math.abs(g[j]) / w[j] > Math.abs(g[best]) / w[best])) {
          best = j;
        }
      }
      if (best >= 0) {
        w[best] = Math.abs(g[best]);
      }
    }
    Bilevel made = b.withPenalties(w);
    double kkt = Kkt.maxViolation(made.train(), y, lower.intercept());
    assertTrue(kkt <= 2 * OracleTolerances.LOWER_LEVEL_KKT, "made instance: KKT " + kkt);
    return new Made(made, lower);
  }
}
