package org.sparsetune.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.WarmStart;
import org.sparsetune.testing.BilevelProblems;
import org.sparsetune.testing.BilevelProblems.Bilevel;
import org.sparsetune.testing.RandomProblems;
import org.sparsetune.testing.RandomProblems.Storage;

/**
 * The paper's Experiment 1 panel (b) (§5.1), exactly: d_train = (0.4, 1.2, 0), d_val = (0, 1.2, 0),
 * exp(x⁰) = (0.35, 1.20, 2.00), only x₂ updated by {@code x₂ ← x₂ - η h₂}, η = 1, ten iterations;
 * encoded as in {@link BilevelProblems#experiment1PanelB}, with ∇²F = AᵀA/3 = I and ∇L(y) = y -
 * d_val.
 *
 * <p><b>Derivation at k = 0.</b> The lower level is separable: {@code y_j* = S(d_j, w_j)}. So
 * {@code y* = (S(0.4, 0.35), S(1.2, 1.2), S(0, 2)) = (0.05, 0, 0)}. Coordinate 2 is biactive:
 * {@code ∇₂F(ȳ) = ȳ₂ - d₂ = -1.2}, {@code v₂ = ȳ₂ - γ∇₂F = 1.2γ = γw₂ = u₂}, and v₂ &gt; 0, so 2 ∈
 * B⁺. Coordinate 1 is in I⁺ (ȳ₁ = 0.05 &gt; 0), coordinate 3 in A ({@code |v₃| = 0 < 2γ}). {@code
 * z* = ȳ - d_val = (0.05, -1.2, 0)}.
 *
 * <ul>
 *   <li>Null policy: S = I⁺ = {1}; h₂ = 0. Nothing moves, so every iteration repeats the same
 *       computation: h₂ = 0 exactly and {@code L = ½(0.05² + 1.2²) = ½(0.0025 + 1.44) = 0.72125}
 *       (the paper's 0.7213) at every k.
 *   <li>Self-consistent: 2 ∈ B⁺ with z₂ = -1.2 &lt; 0 is selected with σ₂ = +1 (Definition 2 (i));
 *       H = I is diagonal, so no pruning. {@code γq₂ = -z₂/H₂₂ = 1.2}, {@code h₂ = w₂·σ₂·γq₂ =
 *       1.2·1·1.2 = 1.44}.
 * </ul>
 *
 * <p><b>Later SC iterates.</b> Write w_k = exp(x₂^k). After the first step w₁ = 1.2·e^{-1.44} &lt;
 * 1.2, and from then on coordinate 2 is in I⁺: {@code ȳ₂ = 1.2 - w_k}, {@code z₂ = ȳ₂ - 1.2 =
 * -w_k}, {@code γq₂ = w_k}, {@code h₂ = w_k·w_k = w_k²}. The k = 0 value has the same form (1.44 =
 * 1.2²). Hence, for every k,
 *
 * <pre>
 *   h₂^k = w_k²,   w_{k+1} = w_k·exp(-w_k²),   L_k = ½(0.05² + (1.2 - ȳ₂)²) = ½(0.0025 + w_k²),
 * </pre>
 *
 * strictly decreasing because w_{k+1} &lt; w_k. Second iterate by hand: e^{-1.44} = 0.2369277587,
 * w₁ = 0.2843133104, h₂¹ = w₁² = 0.0808340585, L₁ = ½(0.0025 + 0.0808340585) = 0.0416670292.
 *
 * <p>The band is 1e-8 relative ({@link OracleTolerances#STRICT_BAND_REL}): the test checks the
 * partition counts at every iterate, so a solver error that pushed coordinate 2 out of the band (or
 * left it at a tiny nonzero value) would show.
 */
class Experiment1PanelBTest {

  private static final int ITERATIONS = 10;
  private static final double ETA = 1.0;

  /** ½(0.05² + 1.2²). */
  private static final double STALLED_LOSS = 0.72125;

  private static Bilevel instance(double[] x, Storage storage) {
    Bilevel b = BilevelProblems.experiment1PanelB(x);
    if (storage == Storage.DENSE) {
      return b;
    }
    return new Bilevel(
        RandomProblems.withDesign(b.train(), CscMatrix.copyOf(b.train().design())),
        CscMatrix.copyOf(b.valDesign()),
        b.valLabels(),
        b.criterion());
  }

  private static OracleOptions options(BiactivePolicy policy) {
    return OracleOptions.DEFAULTS
        .withPolicy(policy)
        .withBiactiveTolRel(OracleTolerances.STRICT_BAND_REL);
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void nullPolicyStarvesTheBiactiveCoordinate(Storage storage) {
    double[] x = BilevelProblems.experiment1PanelBStart();
    double x2Start = x[1];
    Double firstLoss = null;
    WarmStart warm = WarmStart.COLD;
    for (int k = 0; k < ITERATIONS; k++) {
      Bilevel b = instance(x, storage);
      SolverResult lower = AccurateSolves.solve(b.train(), warm);
      OracleResult r = AccurateSolves.oracle(b, lower, options(BiactivePolicy.NULL));
      // Partition at every iterate: I⁺ = {1}, B⁺ = {2}, A = {3}; nothing biactive selected.
      assertEquals(1, r.inactivePositive(), "k=" + k);
      assertEquals(0, r.inactiveNegative(), "k=" + k);
      assertEquals(1, r.biactivePositive(), "k=" + k);
      assertEquals(0, r.biactiveNegative(), "k=" + k);
      assertEquals(1, r.active(), "k=" + k);
      assertEquals(0, r.selectedBiactive(), "k=" + k);
      assertEquals(1, r.workingSet(), "k=" + k);
      // h₂ = 0 exactly; h₁ = w₁σ₁γq₁ = 0.35·1·(-z₁) = -0.35·0.05 = -0.0175; h₃ = 0 (active).
      assertEquals(0.0, r.gradient()[1], 0.0, "h2 at k=" + k);
      assertEquals(-0.0175, r.gradient()[0], OracleTolerances.CLOSED_FORM_ABS);
      assertEquals(0.0, r.gradient()[2], 0.0);
      if (firstLoss == null) {
        firstLoss = r.value();
        assertEquals(STALLED_LOSS, firstLoss, OracleTolerances.CLOSED_FORM_ABS);
      }
      assertEquals(firstLoss, r.value(), 0.0, "the loss moved at k=" + k);
      x[1] -= ETA * r.gradient()[1];
      warm = WarmStart.from(lower);
    }
    assertEquals(x2Start, x[1], 0.0, "x2 moved under the null policy");
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void selfConsistentPolicyEscapes(Storage storage) {
    double[] x = BilevelProblems.experiment1PanelBStart();
    double previousLoss = Double.POSITIVE_INFINITY;
    double expectedW = 1.2;
    WarmStart warm = WarmStart.COLD;
    for (int k = 0; k < ITERATIONS; k++) {
      Bilevel b = instance(x, storage);
      SolverResult lower = AccurateSolves.solve(b.train(), warm);
      OracleResult r = AccurateSolves.oracle(b, lower, options(BiactivePolicy.SELF_CONSISTENT));
      assertEquals(expectedW, Math.exp(x[1]), 1e-12, "w2 at k=" + k);
      if (k == 0) {
        // B⁺ = {2} selected with σ₂ = +1, no pruning (H diagonal): S = {1, 2}.
        assertEquals(1, r.inactivePositive());
        assertEquals(1, r.biactivePositive());
        assertEquals(0, r.biactiveNegative());
        assertEquals(1, r.active());
        assertEquals(1, r.selectedBiactive());
        assertEquals(2, r.workingSet());
        assertEquals(0, r.pruningRounds());
        assertEquals(1.2, r.adjoint()[1], OracleTolerances.CLOSED_FORM_ABS, "gamma q2");
        assertEquals(1.44, r.gradient()[1], OracleTolerances.CLOSED_FORM_ABS, "h2 at k=0");
        assertEquals(STALLED_LOSS, r.value(), OracleTolerances.CLOSED_FORM_ABS);
      } else {
        // w_k < 1.2: coordinate 2 is in the support.
        assertEquals(2, r.inactivePositive(), "k=" + k);
        assertEquals(0, r.biactive(), "k=" + k);
        assertEquals(1, r.active(), "k=" + k);
        assertEquals(1.2 - expectedW, lower.coefficients()[1], OracleTolerances.CLOSED_FORM_ABS);
      }
      if (k == 1) {
        assertEquals(0.2843133104, expectedW, 1e-10);
        assertEquals(0.0808340585, r.gradient()[1], 1e-10);
        assertEquals(0.0416670292, r.value(), 1e-10);
      }
      double h2 = r.gradient()[1];
      assertEquals(expectedW * expectedW, h2, OracleTolerances.CLOSED_FORM_ABS, "h2 at k=" + k);
      assertTrue(h2 > 0.0, "not a descent direction at k=" + k);
      assertEquals(
          0.5 * (0.0025 + expectedW * expectedW), r.value(), OracleTolerances.CLOSED_FORM_ABS);
      assertTrue(r.value() < previousLoss, "loss did not decrease at k=" + k);
      previousLoss = r.value();
      assertEquals(-0.0175, r.gradient()[0], OracleTolerances.CLOSED_FORM_ABS);
      assertEquals(0.0, r.gradient()[2], 0.0);
      x[1] -= ETA * h2;
      expectedW *= Math.exp(-expectedW * expectedW);
      warm = WarmStart.from(lower);
    }
    // Ten steps of w ← w·exp(-w²) from 1.2 end well below the start: the escape is real.
    assertTrue(previousLoss < 0.5 * STALLED_LOSS, "final loss " + previousLoss);
  }
}
