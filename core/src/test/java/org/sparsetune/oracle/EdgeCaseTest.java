package org.sparsetune.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsetune.oracle.AccurateSolves.maxAbs;
import static org.sparsetune.oracle.AccurateSolves.maxAbsDiff;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparsetune.linalg.DenseMatrix;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.Termination;
import org.sparsetune.testing.BilevelProblems;
import org.sparsetune.testing.BilevelProblems.Bilevel;
import org.sparsetune.testing.RandomProblems.Spec;
import org.sparsetune.testing.RandomProblems.Storage;

/**
 * Edge cases of {@link SubgradientOracle}: an empty support (penalties above α_max, and exactly at
 * α_max where the strongest feature is biactive), bad validation data, the adjoint warm start of a
 * wrong length, and one oracle instance reused across designs.
 */
class EdgeCaseTest {

  private static final int TRAIN_ROWS = 30;
  private static final int VALIDATION_ROWS = 15;
  private static final int FEATURES = 10;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> s = Stream.builder();
    for (Loss loss : Loss.values()) {
      for (boolean intercept : new boolean[] {false, true}) {
        for (long seed : new long[] {41, 42}) {
          s.add(Arguments.of(loss, intercept, seed));
        }
      }
    }
    return s.build();
  }

  static Bilevel instance(Loss loss, boolean intercept, long seed) {
    Spec spec = Spec.of(loss, TRAIN_ROWS, FEATURES).withIntercept(intercept);
    return BilevelProblems.randomSplit(spec, VALIDATION_ROWS, seed, Storage.DENSE);
  }

  /**
   * The exact solution at penalties ≥ α_max: y = 0 and the intercept alone (c₀ = mean(b) for the
   * quadratic loss, log(#pos/#neg) for the logistic loss; 0 without intercept) — built directly,
   * not solved, so no solver rounding can leave a coordinate at ±1e-16. Its KKT violation is
   * asserted.
   */
  static SolverResult zeroSolution(LowerLevelProblem train) {
    double c = train.fitIntercept() ? Kkt.interceptOnly(train) : 0.0;
    double[] y = new double[train.cols()];
    double kkt = Kkt.maxViolation(train, y, c);
    assertTrue(kkt <= OracleTolerances.LOWER_LEVEL_KKT, "y = 0 is not the solution: KKT " + kkt);
    return new SolverResult(y, c, Termination.CONVERGED, 0, 1, kkt, Kkt.objective(train, y, c), 0L);
  }

  /**
   * Penalties {@code α_max·(1.5 + 0.05j)}: every |∇_jF(0, c₀)| ≤ α_max &lt; w_j/1.5, so every
   * coordinate is strictly active (gap ≤ -w_j/3 relative, far outside any band): |A| = p, S = ∅
   * (plus the intercept) under both policies, h = 0 exactly. The cold solver finds y = 0 too.
   */
  @ParameterizedTest(name = "{0} intercept={1} seed={2}")
  @MethodSource("cases")
  void aboveAlphaMaxTheGradientIsZero(Loss loss, boolean intercept, long seed) {
    Bilevel base = instance(loss, intercept, seed);
    double alphaMax = Kkt.maxUniformPenalty(base.train());
    double[] w = new double[FEATURES];
    for (int j = 0; j < FEATURES; j++) {
      w[j] = alphaMax * (1.5 + 0.05 * j);
    }
    Bilevel b = base.withPenalties(w);
    SolverResult solved = AccurateSolves.solve(b);
    assertEquals(0, solved.nonzeros(), "the solver's solution above α_max");
    for (BiactivePolicy policy : BiactivePolicy.values()) {
      OracleResult r = AccurateSolves.oracle(b, solved, OracleOptions.DEFAULTS.withPolicy(policy));
      assertEquals(0, r.support(), policy.toString());
      assertEquals(0, r.biactive(), policy.toString());
      assertEquals(FEATURES, r.active(), policy.toString());
      assertEquals(0, r.workingSet(), policy.toString());
      assertArrayEquals(new double[FEATURES], r.gradient(), 0.0, policy.toString());
      assertEquals(0.0, r.gradientNorm(), 0.0);
      assertEquals(AccurateSolves.phi(b, solved), r.value(), 1e-13);
      if (intercept) {
        // Only the intercept is solved for: adjoint_c = -z_c / H_cc with H_cc = Σ W_ii / n.
        assertEquals("cholesky", r.solveMethod());
        assertEquals(FEATURES + 1, r.adjoint().length);
        double[][] hess =
            Corollary13Reference.hessian(b.train(), solved.coefficients(), solved.intercept());
        double[] z =
            Corollary13Reference.heldOutGradient(
                b.valDesign(),
                b.valLabels(),
                solved.coefficients(),
                solved.intercept(),
                b.criterion());
        assertEquals(-z[FEATURES] / hess[FEATURES][FEATURES], r.adjoint()[FEATURES], 1e-12);
      } else {
        assertEquals("none", r.solveMethod());
        assertArrayEquals(new double[FEATURES], r.adjoint(), 0.0);
      }
    }
  }

  /**
   * Uniform penalty α_max = max_j |∇_jF(0, c₀)|: y = 0 is still the solution, the strongest feature
   * j* has |∇_{j*}F| = w_{j*} and is biactive; all others are active (no ties on these seeds,
   * asserted). Null: h = 0. SC: only j* can be nonzero, and only if selected (B⁺ with z* &lt; 0 or
   * B⁻ with z* &gt; 0); then h_{j*} = w σ γq &gt; 0 by sign consistency. Without intercept S = {j*}
   * and {@code γq = -z*_{j*}/H_{j*j*}}, so {@code h_{j*} = α_max·|z*_{j*}|/H_{j*j*}}; with an
   * intercept the 2×2 bordered system is checked against {@link Corollary13Reference}.
   */
  @ParameterizedTest(name = "{0} intercept={1} seed={2}")
  @MethodSource("cases")
  void atAlphaMaxOnlyTheBiactiveFeatureCanMove(Loss loss, boolean intercept, long seed) {
    Bilevel base = instance(loss, intercept, seed);
    double alphaMax = Kkt.maxUniformPenalty(base.train());
    double[] w = new double[FEATURES];
    Arrays.fill(w, alphaMax);
    Bilevel b = base.withPenalties(w);
    SolverResult zero = zeroSolution(b.train());
    double[] g = Kkt.gradient(b.train(), zero.coefficients(), zero.intercept());
    int star = 0;
    for (int j = 1; j < FEATURES; j++) {
      if (Math.abs(g[j]) > Math.abs(g[star])) {
        star = j;
      }
    }
    for (int j = 0; j < FEATURES; j++) {
      assertTrue(j == star || Math.abs(g[j]) < (1 - 1e-3) * alphaMax, "near tie at " + j);
    }
    OracleOptions strict =
        OracleOptions.DEFAULTS.withBiactiveTolRel(OracleTolerances.STRICT_BAND_REL);

    OracleResult nul = AccurateSolves.oracle(b, zero, strict.withPolicy(BiactivePolicy.NULL));
    assertEquals(1, nul.biactive());
    assertEquals(FEATURES - 1, nul.active());
    assertArrayEquals(new double[FEATURES], nul.gradient(), 0.0);

    OracleResult sc =
        AccurateSolves.oracle(b, zero, strict.withPolicy(BiactivePolicy.SELF_CONSISTENT));
    assertEquals(1, sc.biactive());
    for (int j = 0; j < FEATURES; j++) {
      if (j != star) {
        assertEquals(0.0, sc.gradient()[j], 0.0, "h_" + j + " of an active feature");
      }
    }
    int nonzero = sc.gradient()[star] != 0.0 ? 1 : 0;
    assertEquals(sc.selectedBiactive(), nonzero);
    Corollary13Reference.Result ref =
        AccurateSolves.reference(
            b, zero, strict.withPolicy(BiactivePolicy.SELF_CONSISTENT), sc.gamma());
    assertEquals(ref.selectedBiactive(), sc.selectedBiactive());
    if (sc.selectedBiactive() == 1) {
      assertTrue(sc.gradient()[star] > 0.0, "h_j* = " + sc.gradient()[star]);
      double expected = ref.gradient()[star];
      if (!intercept) {
        double[][] hess = Corollary13Reference.hessian(b.train(), zero.coefficients(), 0.0);
        expected = alphaMax * Math.abs(ref.zStar()[star]) / hess[star][star];
        assertEquals(expected, ref.gradient()[star], 1e-12 * Math.abs(expected));
      }
      assertEquals(
          expected, sc.gradient()[star], OracleTolerances.REFERENCE_REL * Math.abs(expected));
    }
  }

  /**
   * The cases above would prove little if SC never selected j*: on the training and validation rows
   * of one model, ∇_{j*}F(0) and z*_{j*} both estimate -cov(a_{j*}, b) (up to positive factors), so
   * v_{j*} = -γ∇_{j*}F and z*_{j*} have opposite signs and SC selects j*. Asserted on at least half
   * of the cases.
   */
  @Test
  void atAlphaMaxSelfConsistentSelectsTheStrongestFeatureMostly() {
    int selected = 0;
    int total = 0;
    for (Loss loss : Loss.values()) {
      for (boolean intercept : new boolean[] {false, true}) {
        for (long seed : new long[] {41, 42}) {
          Bilevel base = instance(loss, intercept, seed);
          double[] w = new double[FEATURES];
          Arrays.fill(w, Kkt.maxUniformPenalty(base.train()));
          Bilevel b = base.withPenalties(w);
          OracleResult sc =
              AccurateSolves.oracle(b, zeroSolution(b.train()), OracleOptions.DEFAULTS);
          selected += sc.selectedBiactive();
          total++;
        }
      }
    }
    assertTrue(2 * selected >= total, selected + " of " + total + " cases select j*");
  }

  @Test
  void validationFeatureCountMismatchIsRejected() {
    Bilevel b = instance(Loss.QUADRATIC, false, 41);
    SolverResult lower = AccurateSolves.solve(b);
    DesignMatrix narrow =
        DenseMatrix.ofColumnMajor(
            VALIDATION_ROWS, FEATURES - 1, new double[VALIDATION_ROWS * (FEATURES - 1)]);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SubgradientOracle()
                    .evaluate(b.train(), lower, narrow, b.valLabels(), b.criterion(), null));
    assertTrue(e.getMessage().contains("validation data has 9 features"), e.getMessage());
    assertTrue(e.getMessage().contains("training data 10"), e.getMessage());
  }

  @Test
  void validationLabelCountMismatchIsRejected() {
    Bilevel b = instance(Loss.LOGISTIC, true, 41);
    SolverResult lower = AccurateSolves.solve(b);
    double[] shortLabels = Arrays.copyOf(b.valLabels(), VALIDATION_ROWS - 1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SubgradientOracle()
                    .evaluate(b.train(), lower, b.valDesign(), shortLabels, b.criterion(), null));
    assertTrue(e.getMessage().contains("validation labels"), e.getMessage());
    assertTrue(e.getMessage().contains(String.valueOf(VALIDATION_ROWS - 1)), e.getMessage());
  }

  @Test
  void anEmptyValidationSetIsRejected() {
    Bilevel b = instance(Loss.QUADRATIC, false, 41);
    SolverResult lower = AccurateSolves.solve(b);
    DesignMatrix empty = b.valDesign().selectRows(new int[0]);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SubgradientOracle()
                    .evaluate(b.train(), lower, empty, new double[0], b.criterion(), null));
    assertTrue(e.getMessage().contains("no rows"), e.getMessage());
  }

  @Test
  void nullOptionsAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new SubgradientOracle(null));
    assertTrue(e.getMessage().contains("options"), e.getMessage());
  }

  /** A previous adjoint shorter than p cannot be mapped onto S; it is ignored, not an error. */
  @Test
  void aWarmStartOfTheWrongLengthIsIgnored() {
    Bilevel b = instance(Loss.LOGISTIC, true, 42);
    SolverResult lower = AccurateSolves.solve(b);
    SubgradientOracle cg = new SubgradientOracle(OracleOptions.DEFAULTS.withDenseMaxSize(0));
    OracleResult cold =
        cg.evaluate(b.train(), lower, b.valDesign(), b.valLabels(), b.criterion(), null);
    OracleResult odd =
        cg.evaluate(
            b.train(), lower, b.valDesign(), b.valLabels(), b.criterion(), new double[] {1, 2, 3});
    assertArrayEquals(cold.gradient(), odd.gradient(), 0.0);
    assertEquals(cold.cgIterations(), odd.cgIterations());
  }

  /**
   * One oracle evaluated on two designs in turn: its cached Λ_F follows the design, so each result
   * equals a fresh oracle's, bit for bit.
   */
  @Test
  void aReusedOracleFollowsTheDesign() {
    Bilevel first = instance(Loss.QUADRATIC, false, 41);
    Bilevel second = instance(Loss.LOGISTIC, true, 42);
    SolverResult l1 = AccurateSolves.solve(first);
    SolverResult l2 = AccurateSolves.solve(second);
    SubgradientOracle reused = new SubgradientOracle();
    OracleResult a1 = AccurateSolves.oracle(first, l1, OracleOptions.DEFAULTS);
    OracleResult a2 = AccurateSolves.oracle(second, l2, OracleOptions.DEFAULTS);
    for (int round = 0; round < 2; round++) {
      OracleResult r1 =
          reused.evaluate(
              first.train(), l1, first.valDesign(), first.valLabels(), first.criterion(), null);
      OracleResult r2 =
          reused.evaluate(
              second.train(), l2, second.valDesign(), second.valLabels(), second.criterion(), null);
      assertEquals(a1.gamma(), r1.gamma(), 0.0);
      assertEquals(a2.gamma(), r2.gamma(), 0.0);
      assertArrayEquals(a1.gradient(), r1.gradient(), 0.0);
      assertArrayEquals(a2.gradient(), r2.gradient(), 0.0);
    }
    assertTrue(maxAbsDiff(a1.gradient(), a2.gradient()) > 0.0 && maxAbs(a1.gradient()) > 0.0);
  }
}
