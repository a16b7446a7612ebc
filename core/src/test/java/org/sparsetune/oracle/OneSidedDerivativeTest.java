package org.sparsetune.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsetune.oracle.AccurateSolves.maxAbs;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparsetune.oracle.ThresholdInstances.Made;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.WarmStart;
import org.sparsetune.testing.BilevelProblems.Bilevel;
import org.sparsetune.testing.RandomProblems.Spec;
import org.sparsetune.testing.RandomProblems.Storage;

/**
 * At a point with exactly one biactive coordinate j (made by {@link ThresholdInstances}), Φ is
 * piecewise smooth near x with two pieces: j stays at zero (the gradient there is the null policy's
 * h, S = supp ȳ), or j enters the support with the sign σ_j of v_j (the gradient there is Corollary
 * 13's h with S = supp ȳ ∪ {j}, which is SC's h when SC selects j and prunes nothing: on that piece
 * ∇_S F(y) + w_S ⊙ σ_S = 0 and implicit differentiation gives h_i = -w_i σ_i (H_SS⁻¹z*_S)_i = w_i
 * σ_i γq_i). A move of a single x_i puts y on one piece on one side and on the other piece on the
 * other side (the gap |∇_jF| - w_j changes sign with the direction).
 *
 * <p>So, for every i, the one-sided derivatives {@code (Φ(x + εe_i) - Φ(x))/ε} and {@code (Φ(x) -
 * Φ(x - εe_i))/ε} are, as an unordered pair, {h_i(null), h_i(SC)} when SC kept j; when SC did not
 * select j or pruned it, SC's h equals the null h and one of the two sides still equals it. For i =
 * j the right side (raising w_j keeps y_j = 0) is h_j(null) = 0; the left side is h_j(SC) &gt; 0
 * when j is kept (a descent direction, by sign consistency), and ≤ 0 (no descent by lowering x_j)
 * when Definition 2 pruned j.
 *
 * <p>One-sided differences with ε = 1e-6 have error ε·|Φ''|/2 ≈ 1e-6 plus rounding 1e-13/ε = 1e-7;
 * they are compared to 1e-4 relative to max(||h_SC||_∞, ||h_null||_∞).
 */
class OneSidedDerivativeTest {

  private static final double STEP = 1e-6;
  private static final double ONE_SIDED_REL = 1e-4;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> s = Stream.builder();
    for (Loss loss : Loss.values()) {
      for (boolean intercept : new boolean[] {false, true}) {
        for (long seed = 51; seed <= 54; seed++) {
          s.add(Arguments.of(loss, intercept, seed));
        }
      }
    }
    return s.build();
  }

  static Made instance(Loss loss, boolean intercept, long seed) {
    Spec spec = Spec.of(loss, 30, 10).withIntercept(intercept).withPenaltyFractions(0.05, 0.5);
    return ThresholdInstances.make(spec, 15, seed, Storage.DENSE, 1);
  }

  private static OracleOptions options(BiactivePolicy policy) {
    return OracleOptions.DEFAULTS
        .withPolicy(policy)
        .withBiactiveTolRel(OracleTolerances.STRICT_BAND_REL);
  }

  @ParameterizedTest(name = "{0} intercept={1} seed={2}")
  @MethodSource("cases")
  void oneSidedDerivativesAreTheTwoPolicies(Loss loss, boolean intercept, long seed) {
    Made made = instance(loss, intercept, seed);
    Bilevel b = made.bilevel();
    SolverResult lower = made.lower();
    OracleResult nul = AccurateSolves.oracle(b, lower, options(BiactivePolicy.NULL));
    OracleResult sc = AccurateSolves.oracle(b, lower, options(BiactivePolicy.SELF_CONSISTENT));
    assertEquals(1, nul.biactive());
    boolean[] biactive =
        AccurateSolves.reference(b, lower, options(BiactivePolicy.NULL), nul.gamma()).biactive();
    int j = 0;
    while (!biactive[j]) {
      j++;
    }

    double[] hNull = nul.gradient();
    double[] hSc = sc.gradient();
    if (sc.selectedBiactive() == 0) {
      // Not selected (z* has the sign that does not call for it) or selected and pruned: SC's
      // working set is the support, as the null policy's.
      assertArrayEquals(hNull, hSc, 0.0);
    } else {
      assertTrue(hSc[j] > 0.0, "kept biactive h_j = " + hSc[j]);
    }
    double scale = Math.max(Math.max(maxAbs(hNull), maxAbs(hSc)), OracleTolerances.FD_FLOOR_ABS);
    double phi = AccurateSolves.phi(b, lower);
    double[] x = b.logPenalties();
    for (int i = 0; i < x.length; i++) {
      double[] xp = x.clone();
      double[] xm = x.clone();
      xp[i] += STEP;
      xm[i] -= STEP;
      Bilevel bp = b.atLogPenalties(xp);
      Bilevel bm = b.atLogPenalties(xm);
      double right =
          (AccurateSolves.phi(bp, AccurateSolves.solve(bp.train(), WarmStart.from(lower))) - phi)
              / STEP;
      double left =
          (phi - AccurateSolves.phi(bm, AccurateSolves.solve(bm.train(), WarmStart.from(lower))))
              / STEP;
      String at =
          "i="
              + i
              + " left "
              + left
              + " right "
              + right
              + " h_null "
              + hNull[i]
              + " h_sc "
              + hSc[i]
              + "\n h_null = "
              + Arrays.toString(hNull)
              + "\n h_sc   = "
              + Arrays.toString(hSc);
      boolean straight = close(left, hNull[i], scale) && close(right, hSc[i], scale);
      boolean crossed = close(left, hSc[i], scale) && close(right, hNull[i], scale);
      if (sc.selectedBiactive() == 1) {
        assertTrue(straight || crossed, at);
      } else {
        assertTrue(close(left, hNull[i], scale) || close(right, hNull[i], scale), at);
      }
      if (i == j) {
        // Raising w_j keeps y_j = 0: the right derivative is the null policy's 0.
        assertTrue(close(right, 0.0, scale), at);
        if (sc.pruningRounds() > 0) {
          // Pruned: lowering x_j does not decrease Φ (the sign-consistency condition failed).
          assertTrue(left <= ONE_SIDED_REL * scale, "pruned j but lowering x_j descends: " + at);
        }
      }
    }
  }

  private static boolean close(double a, double b, double scale) {
    return Math.abs(a - b) <= ONE_SIDED_REL * scale;
  }

  /**
   * SC keeps the biactive coordinate on at least a quarter of the cases, so the pair test bites,
   * and prunes it on at least one, so the pruned branch is exercised.
   */
  @Test
  void selfConsistentSelectsOnEnoughCases() {
    int selected = 0;
    int pruned = 0;
    int total = 0;
    for (Loss loss : Loss.values()) {
      for (boolean intercept : new boolean[] {false, true}) {
        for (long seed = 51; seed <= 54; seed++) {
          Made made = instance(loss, intercept, seed);
          OracleResult sc =
              AccurateSolves.oracle(
                  made.bilevel(), made.lower(), options(BiactivePolicy.SELF_CONSISTENT));
          selected += sc.selectedBiactive();
          pruned += sc.pruningRounds();
          total++;
        }
      }
    }
    assertTrue(4 * selected >= total, selected + " of " + total + " keep");
    assertTrue(pruned >= 1, "none pruned");
  }
}
