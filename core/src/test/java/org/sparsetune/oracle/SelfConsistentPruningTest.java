package org.sparsetune.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsetune.oracle.AccurateSolves.maxAbs;
import static org.sparsetune.oracle.AccurateSolves.maxAbsDiff;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.WarmStart;
import org.sparsetune.testing.BilevelProblems;
import org.sparsetune.testing.BilevelProblems.Bilevel;
import org.sparsetune.testing.RandomProblems.Storage;

/**
 * Definition 2's pruning on a correlated instance where it must act, and the null policy as
 * Sparse-HO (Remark 3).
 *
 * <p><b>The instance</b> ({@link BilevelProblems#correlatedPruning}): {@code ∇²F = G = [[1, 0.8,
 * 0], [0.8, 1, 0], [0, 0, 1]]}, {@code Aᵀb/n = (1.5, 1.8, 0.5)}, so {@code ∇F(y) = Gy - (1.5, 1.8,
 * 0.5)}; L = ½||y - (2, 0.4, 0.3)||².
 *
 * <p>With w₁ = 0.5: at ȳ = (1, 0, 0), ∇F(ȳ) = (1 - 1.5, 0.8 - 1.8, -0.5) = (-0.5, -1, -0.5).
 * Coordinate 1: ∇₁F + w₁·sign(ȳ₁) = 0, so ȳ₁ = 1 is optimal and 1 ∈ I⁺. Coordinates 2 and 3 stay at
 * zero while w₂ ≥ 1 and w₃ ≥ 0.5; we solve at w = (0.5, 1.5, 1.0) and then set w₂ := |∇₂F(ȳ)| = 1
 * and w₃ := |∇₃F(ȳ)| = 0.5, which keeps ȳ optimal (asserted) and puts both on the threshold: v_j =
 * -γ∇_jF = γw_j &gt; 0, so 2, 3 ∈ B⁺. z* = ȳ - (2, 0.4, 0.3) = (-1, -0.4, -0.3).
 *
 * <p><b>SC, round 0</b> (Definition 2 (i)): B⁺ coordinates with z* &lt; 0 are selected with σ = +1,
 * so S⁽⁰⁾ = {1, 2, 3}, σ = (+1, +1, +1). Solve {@code G_SS γq = -z*_S = (1, 0.4, 0.3)}: the {1, 2}
 * block {@code [[1, 0.8], [0.8, 1]]} (det 0.36) gives {@code γq₁ = (1 - 0.8·0.4)/0.36 = 17/9},
 * {@code γq₂ = (0.4 - 0.8·1)/0.36 = -10/9}; coordinate 3 decouples, γq₃ = 0.3. Now σ₂q₂ = -10/9 ≤
 * 0: the correlated support coordinate 1, whose z₁ = -1 is large, drives q₂ negative through the
 * off-diagonal 0.8, so 2 is pruned. σ₃q₃ = 0.3 &gt; 0: 3 stays.
 *
 * <p><b>SC, round 1</b>: S⁽¹⁾ = {1, 3}: γq₁ = -z₁/1 = 1, γq₃ = 0.3; nothing to prune. One pruning
 * round. {@code h = w ⊙ σ ⊙ γq = (0.5·1, 0, 0.5·0.3) = (0.5, 0, 0.15)}.
 *
 * <p><b>Null policy</b>: S = {1}: γq₁ = 1, h = (0.5, 0, 0), the Sparse-HO gradient {@code h_S =
 * -w_S ⊙ sign(ȳ_S) ⊙ (H_SS⁻¹ z*_S) = -0.5·1·(-1) = 0.5} (implicit differentiation of ∇_S F(y) + w_S
 * ⊙ sign(y_S) = 0).
 *
 * <p><b>Why pruning is right here</b>: Φ is kinked in x₂ and x₃ at this point. Raising x_j (j = 2,
 * 3) keeps y_j = 0, so the right derivative is 0. Lowering x_j makes y_j &gt; 0, and Φ's left
 * derivative is what S ∋ j gives: for j = 2 (with S = {1, 2}) {@code w₂·γq₂ = -10/9}, i.e. Φ
 * <em>increases</em> when x₂ decreases — no descent there, so 0 (pruned) is the consistent choice;
 * for j = 3, {@code 0.5·0.3 = 0.15}, Φ decreases when x₃ decreases, matching h₃ = 0.15. The test
 * checks both one-sided derivatives by finite differences.
 */
class SelfConsistentPruningTest {

  /** One-sided finite-difference step in x (error O(ε·Φ'') ≈ 1e-7, rounding ≈ 1e-13/ε = 1e-6). */
  private static final double ONE_SIDED_STEP = 1e-7;

  /** Absolute tolerance of the one-sided differences (see {@link #ONE_SIDED_STEP}). */
  private static final double ONE_SIDED_ABS = 1e-5;

  /** The instance with w = (0.5, |∇₂F(ȳ)|, |∇₃F(ȳ)|) and its exact solution ȳ = (1, 0, 0). */
  private static Object[] thresholdInstance() {
    Bilevel start = BilevelProblems.correlatedPruning(new double[] {0.5, 1.5, 1.0});
    SolverResult lower = AccurateSolves.solve(start);
    assertArrayEquals(
        new double[] {1, 0, 0}, lower.coefficients(), OracleTolerances.CLOSED_FORM_ABS);
    double[] g = Kkt.gradient(start.train(), lower.coefficients(), 0.0);
    // (entry 3 of Kkt.gradient is the derivative in an intercept this problem does not fit)
    assertArrayEquals(
        new double[] {-0.5, -1.0, -0.5}, Arrays.copyOf(g, 3), OracleTolerances.CLOSED_FORM_ABS);
    Bilevel b = start.withPenalties(new double[] {0.5, Math.abs(g[1]), Math.abs(g[2])});
    assertTrue(
        Kkt.maxViolation(b.train(), lower.coefficients(), 0.0)
            <= 2 * OracleTolerances.LOWER_LEVEL_KKT);
    return new Object[] {b, lower};
  }

  @Test
  void selfConsistentPolicyPrunesTheSignInconsistentBiactiveCoordinate() {
    Object[] inst = thresholdInstance();
    Bilevel b = (Bilevel) inst[0];
    SolverResult lower = (SolverResult) inst[1];

    // The derivation's first-round solve on the {1, 2} block, reproduced: γq₂ = -10/9 ≤ 0.
    double[] round0 =
        Corollary13Reference.gaussianElimination(
            new double[][] {{1.0, 0.8}, {0.8, 1.0}}, new double[] {1.0, 0.4});
    assertEquals(17.0 / 9.0, round0[0], 1e-14);
    assertEquals(-10.0 / 9.0, round0[1], 1e-14);

    for (OracleOptions base :
        new OracleOptions[] {
          OracleOptions.DEFAULTS.withBiactiveTolRel(OracleTolerances.STRICT_BAND_REL),
          OracleOptions.DEFAULTS,
          OracleOptions.DEFAULTS.withDenseMaxSize(0) // the same through conjugate gradients
        }) {
      OracleResult r =
          AccurateSolves.oracle(b, lower, base.withPolicy(BiactivePolicy.SELF_CONSISTENT));
      String where = base.toMap().toString();
      assertEquals(1, r.inactivePositive(), where);
      assertEquals(2, r.biactivePositive(), where);
      assertEquals(0, r.biactiveNegative(), where);
      assertEquals(0, r.active(), where);
      assertTrue(r.pruningRounds() >= 1, where);
      assertEquals(1, r.pruningRounds(), where);
      assertEquals(1, r.selectedBiactive(), where);
      assertEquals(2, r.workingSet(), where);
      // The pruned coordinate has exactly zero gradient and no adjoint.
      assertEquals(0.0, r.gradient()[1], 0.0, where);
      assertEquals(0.0, r.adjoint()[1], 0.0, where);
      assertArrayEquals(
          new double[] {1.0, 0.0, 0.3}, r.adjoint(), OracleTolerances.CLOSED_FORM_ABS, where);
      assertArrayEquals(
          new double[] {0.5, 0.0, 0.15}, r.gradient(), OracleTolerances.CLOSED_FORM_ABS, where);
      // Sign consistency of every kept biactive coordinate: coordinate 3 ∈ B⁺ has σ₃ = +1.
      assertTrue(r.adjoint()[2] > 0.0, where);
      assertEquals(0.625, r.value(), OracleTolerances.CLOSED_FORM_ABS); // ½(1 + 0.16 + 0.09)
    }
  }

  @Test
  void oneSidedDerivativesConfirmThePrunedAndTheKeptCoordinate() {
    Object[] inst = thresholdInstance();
    Bilevel b = (Bilevel) inst[0];
    SolverResult lower = (SolverResult) inst[1];
    double phi = AccurateSolves.phi(b, lower);
    double[] x = b.logPenalties();
    double eps = ONE_SIDED_STEP;
    double[] right = new double[3];
    double[] left = new double[3];
    for (int j = 1; j < 3; j++) {
      double[] xp = x.clone();
      double[] xm = x.clone();
      xp[j] += eps;
      xm[j] -= eps;
      Bilevel bp = b.atLogPenalties(xp);
      Bilevel bm = b.atLogPenalties(xm);
      right[j] =
          (AccurateSolves.phi(bp, AccurateSolves.solve(bp.train(), WarmStart.from(lower))) - phi)
              / eps;
      left[j] =
          (phi - AccurateSolves.phi(bm, AccurateSolves.solve(bm.train(), WarmStart.from(lower))))
              / eps;
    }
    // Raising x₂ or x₃ keeps ȳ: right derivatives 0.
    assertEquals(0.0, right[1], ONE_SIDED_ABS);
    assertEquals(0.0, right[2], ONE_SIDED_ABS);
    // Lowering x₂ raises Φ (left derivative -10/9 < 0: no descent by lowering), lowering x₃
    // lowers it (left derivative 0.15 = h₃).
    assertEquals(-10.0 / 9.0, left[1], ONE_SIDED_ABS);
    assertEquals(0.15, left[2], ONE_SIDED_ABS);
  }

  @Test
  void nullPolicyIsSparseHoOnTheCorrelatedInstance() {
    Object[] inst = thresholdInstance();
    Bilevel b = (Bilevel) inst[0];
    SolverResult lower = (SolverResult) inst[1];
    OracleResult r =
        AccurateSolves.oracle(
            b,
            lower,
            OracleOptions.DEFAULTS
                .withPolicy(BiactivePolicy.NULL)
                .withBiactiveTolRel(OracleTolerances.STRICT_BAND_REL));
    assertEquals(0, r.selectedBiactive());
    assertEquals(0, r.pruningRounds());
    assertEquals(1, r.workingSet());
    assertEquals(2, r.biactive());
    assertArrayEquals(new double[] {0.5, 0.0, 0.0}, r.gradient(), OracleTolerances.CLOSED_FORM_ABS);
    assertArrayEquals(sparseHo(b, lower), r.gradient(), OracleTolerances.CLOSED_FORM_ABS);
  }

  static Stream<Arguments> randomCases() {
    Stream.Builder<Arguments> s = Stream.builder();
    for (Loss loss : Loss.values()) {
      for (Storage storage : Storage.values()) {
        for (boolean intercept : new boolean[] {false, true}) {
          for (long seed : new long[] {21, 22}) {
            s.add(Arguments.of(loss, storage, intercept, seed));
          }
        }
      }
    }
    return s.build();
  }

  /**
   * Remark 3 on random instances with exact biactive coordinates: the null policy never selects a
   * biactive coordinate, gives it h_j = 0, and equals the Sparse-HO support-restricted formula.
   */
  @ParameterizedTest(name = "{0} {1} intercept={2} seed={3}")
  @MethodSource("randomCases")
  void nullPolicyIsSparseHo(Loss loss, Storage storage, boolean intercept, long seed) {
    ThresholdInstances.Made made =
        ReferenceAgreementTest.instanceWithBiactive(loss, storage, intercept, seed);
    for (double band : new double[] {OracleTolerances.STRICT_BAND_REL, 1e-3}) {
      OracleResult r =
          AccurateSolves.oracle(
              made.bilevel(),
              made.lower(),
              OracleOptions.DEFAULTS.withPolicy(BiactivePolicy.NULL).withBiactiveTolRel(band));
      assertTrue(r.biactive() >= 1);
      assertEquals(0, r.selectedBiactive());
      assertEquals(0, r.pruningRounds());
      assertEquals(r.support(), r.workingSet());
      double[] expected = sparseHo(made.bilevel(), made.lower());
      double err =
          maxAbsDiff(expected, r.gradient())
              / Math.max(maxAbs(expected), OracleTolerances.FD_FLOOR_ABS);
      assertTrue(
          err <= OracleTolerances.REFERENCE_REL,
          "relative error "
              + err
              + "\n oracle    "
              + Arrays.toString(r.gradient())
              + "\n sparse-ho "
              + Arrays.toString(expected));
      double[] y = made.lower().coefficients();
      for (int j = 0; j < y.length; j++) {
        if (y[j] == 0.0) {
          assertEquals(0.0, r.gradient()[j], 0.0, "h_" + j + " at a zero coefficient");
        }
      }
    }
  }

  /**
   * Sparse-HO's hypergradient (Bertrand et al. 2022): with S = supp(ȳ) (plus the intercept),
   * differentiating {@code ∇_S F(y) + w_S ⊙ sign(y_S) = 0} in w_j gives {@code H_SS ∂y_S/∂w_j =
   * -sign(y_j) e_j}, hence {@code ∂Φ/∂x_j = w_j z_Sᵀ ∂y_S/∂w_j = -w_j sign(y_j) (H_SS⁻¹ z_S)_j} for
   * j ∈ S and 0 elsewhere. Dense Hessian from the reference, solved by Gaussian elimination.
   */
  static double[] sparseHo(Bilevel b, SolverResult lower) {
    LowerLevelProblem train = b.train();
    double[] y = lower.coefficients();
    int p = y.length;
    double[][] hess = Corollary13Reference.hessian(train, y, lower.intercept());
    double[] z =
        Corollary13Reference.heldOutGradient(
            b.valDesign(), b.valLabels(), y, lower.intercept(), b.criterion());
    int[] s = new int[p + 1];
    int m = 0;
    for (int j = 0; j < p; j++) {
      if (y[j] != 0.0) {
        s[m++] = j;
      }
    }
    if (train.fitIntercept()) {
      s[m++] = p;
    }
    double[][] hs = new double[m][m];
    double[] zs = new double[m];
    for (int a = 0; a < m; a++) {
      zs[a] = z[s[a]];
      for (int c = 0; c < m; c++) {
        hs[a][c] = hess[s[a]][s[c]];
      }
    }
    double[] h = new double[p];
    if (m == 0) {
      return h;
    }
    double[] r = Corollary13Reference.gaussianElimination(hs, zs);
    double[] w = train.penalties();
    for (int a = 0; a < m; a++) {
      int j = s[a];
      if (j < p) {
        h[j] = -w[j] * Math.signum(y[j]) * r[a];
      }
    }
    return h;
  }
}
