package org.sparsetune.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsetune.oracle.AccurateSolves.maxAbs;
import static org.sparsetune.oracle.AccurateSolves.maxAbsDiff;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.WarmStart;
import org.sparsetune.testing.BilevelProblems;
import org.sparsetune.testing.BilevelProblems.Bilevel;
import org.sparsetune.testing.RandomProblems.Spec;
import org.sparsetune.testing.RandomProblems.Storage;

/**
 * Where no coordinate is biactive, Φ(x) = L(y*(x)) is differentiable (the partition, hence the
 * support and its signs, is constant near x, and y* is the smooth solution of the support's
 * stationarity equations), and Algorithm 1's h is its gradient (paper §4; STYLE.md "Tests": the
 * oracle equals central finite differences of the validation loss where no coordinate is biactive).
 * Checked on random problems with disjoint training and validation rows: both losses (with the
 * matching criterion: MSE for quadratic, logistic loss for logistic), dense Gaussian and sparse CSC
 * designs, with and without intercept, three seeds each.
 *
 * <p>For every feature j: {@code fd_j = (Φ(x + εe_j) - Φ(x - εe_j)) / (2ε)}, ε = {@link
 * OracleTolerances#FD_STEP}, each Φ from a lower-level solve to {@link
 * OracleTolerances#LOWER_LEVEL_KKT} warm-started at y*(x), L computed by the reference's own loops.
 * Asserted: {@code max_j |h_j - fd_j| ≤ 1e-5 · max(||h||_∞, 1e-8)} ({@link
 * OracleTolerances#FINITE_DIFFERENCE_REL}), with ||h||_∞ ≥ 1e-3 so the comparison is not vacuous.
 */
class FiniteDifferenceTest {

  private static final int TRAIN_ROWS = 40;
  private static final int VALIDATION_ROWS = 20;
  private static final int FEATURES = 12;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> s = Stream.builder();
    for (Loss loss : Loss.values()) {
      for (Storage storage : Storage.values()) {
        for (boolean intercept : new boolean[] {false, true}) {
          for (long seed : new long[] {11, 12, 13}) {
            s.add(Arguments.of(loss, storage, intercept, seed));
          }
        }
      }
    }
    return s.build();
  }

  /**
   * The random instance: dense storage gets a dense Gaussian design, CSC storage a sparse one
   * (density 0.5, with an empty column and empty rows). Penalties 2%–30% of α_max (supports of
   * 2–10), l2 = 1/n_train.
   */
  static Bilevel instance(Loss loss, Storage storage, boolean intercept, long seed) {
    Spec spec =
        Spec.of(loss, TRAIN_ROWS, FEATURES)
            .withDensity(storage == Storage.DENSE ? 1.0 : 0.5)
            .withIntercept(intercept)
            .withPenaltyFractions(0.02, 0.3);
    return BilevelProblems.randomSplit(spec, VALIDATION_ROWS, seed, storage);
  }

  @ParameterizedTest(name = "{0} {1} intercept={2} seed={3}")
  @MethodSource("cases")
  void gradientEqualsCentralFiniteDifferences(
      Loss loss, Storage storage, boolean intercept, long seed) {
    Bilevel b = instance(loss, storage, intercept, seed);
    SolverResult lower = AccurateSolves.solve(b);
    OracleOptions strict =
        OracleOptions.DEFAULTS.withBiactiveTolRel(OracleTolerances.STRICT_BAND_REL);
    OracleResult sc =
        AccurateSolves.oracle(b, lower, strict.withPolicy(BiactivePolicy.SELF_CONSISTENT));
    OracleResult nul = AccurateSolves.oracle(b, lower, strict.withPolicy(BiactivePolicy.NULL));

    // A strict partition: nothing in the band, so both policies select exactly the support and
    // run the same computation; their answers must be identical, not just close.
    assertEquals(0, sc.biactive(), "biactive coordinates at a point meant to be strict");
    assertEquals(0, nul.biactive());
    assertArrayEquals(nul.gradient(), sc.gradient(), 0.0);
    assertArrayEquals(nul.adjoint(), sc.adjoint(), 0.0);
    assertEquals(nul.value(), sc.value(), 0.0);
    assertEquals(sc.support(), sc.workingSet());
    assertEquals(0, sc.selectedBiactive());
    assertEquals(0, sc.pruningRounds());
    assertTrue(sc.support() >= 2, "support " + sc.support() + ": too small to test anything");

    // The value is L(y*) by an independent computation.
    double phi = AccurateSolves.phi(b, lower);
    assertEquals(phi, sc.value(), 1e-13 * Math.max(1.0, Math.abs(phi)));

    double[] h = sc.gradient();
    double scale = Math.max(maxAbs(h), OracleTolerances.FD_FLOOR_ABS);
    assertTrue(maxAbs(h) >= 1e-3, "||h|| = " + maxAbs(h) + " too small for a meaningful check");

    double[] x = b.logPenalties();
    double eps = OracleTolerances.FD_STEP;
    double[] fd = new double[x.length];
    WarmStart warm = WarmStart.from(lower);
    for (int j = 0; j < x.length; j++) {
      double[] xp = x.clone();
      double[] xm = x.clone();
      xp[j] += eps;
      xm[j] -= eps;
      Bilevel bp = b.atLogPenalties(xp);
      Bilevel bm = b.atLogPenalties(xm);
      SolverResult rp = AccurateSolves.solve(bp.train(), warm);
      SolverResult rm = AccurateSolves.solve(bm.train(), warm);
      // Φ is smooth on [x - ε, x + ε] only if the support and its signs do not change there.
      assertArrayEquals(
          signs(lower.coefficients()), signs(rp.coefficients()), "support moved at +ε e_" + j);
      assertArrayEquals(
          signs(lower.coefficients()), signs(rm.coefficients()), "support moved at -ε e_" + j);
      fd[j] = (AccurateSolves.phi(bp, rp) - AccurateSolves.phi(bm, rm)) / (2.0 * eps);
    }
    double err = maxAbsDiff(h, fd) / scale;
    assertTrue(
        err <= OracleTolerances.FINITE_DIFFERENCE_REL,
        "max |h - fd| / ||h||_inf = "
            + err
            + "; h = "
            + java.util.Arrays.toString(h)
            + ", fd = "
            + java.util.Arrays.toString(fd));
  }

  private static int[] signs(double[] y) {
    int[] s = new int[y.length];
    for (int j = 0; j < y.length; j++) {
      s[j] = (int) Math.signum(y[j]);
    }
    return s;
  }
}
