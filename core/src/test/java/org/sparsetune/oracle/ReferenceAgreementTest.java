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
import org.sparsetune.oracle.ThresholdInstances.Made;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.testing.BilevelProblems.Bilevel;
import org.sparsetune.testing.RandomProblems.Spec;
import org.sparsetune.testing.RandomProblems.Storage;

/**
 * {@link SubgradientOracle} agrees with {@link Corollary13Reference}, a plain dense implementation
 * of the paper's Corollary 13 with its own partition, Definition 2 pruning loop, naive ∇²F and
 * Gaussian elimination on the full p×p (or (p+1)×(p+1)) system (23). This backs the CLI's promise
 * that the hypergradient "agrees with an independent implementation to 1e-6 relative" ({@link
 * OracleTolerances#REFERENCE_REL}).
 *
 * <p>Instances: random problems with disjoint training/validation rows (both losses, dense and CSC,
 * with and without intercept, two seeds), both policies, bands 1e-8 and 1e-3 (the default). On
 * each, biactive coordinates are made exactly: at the solution ȳ, the three zero coordinates with
 * the largest |∇_j F(ȳ)|/w_j get {@code w_j := |∇_j F(ȳ)|}. That leaves ȳ the solution (the KKT
 * condition |∇_j F| ≤ w_j still holds, now with equality) and puts j on the threshold |v_j| = u_j,
 * so j ∈ B⁺ when ∇_j F &lt; 0 (v_j = -γ∇_j F &gt; 0) and B⁻ otherwise. Whether SC selects it
 * depends on the sign of z*_j, and whether it is later pruned on the coupling through ∇²F, so
 * across the cases both happen ({@link #theCasesExerciseSelectionAndPruning}).
 */
class ReferenceAgreementTest {

  private static final int TRAIN_ROWS = 30;
  private static final int VALIDATION_ROWS = 15;
  private static final int FEATURES = 10;
  private static final int MADE_BIACTIVE = 3;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> s = Stream.builder();
    for (Loss loss : Loss.values()) {
      for (Storage storage : Storage.values()) {
        for (boolean intercept : new boolean[] {false, true}) {
          for (long seed : new long[] {21, 22}) {
            for (BiactivePolicy policy : BiactivePolicy.values()) {
              for (double band : new double[] {OracleTolerances.STRICT_BAND_REL, 1e-3}) {
                s.add(Arguments.of(loss, storage, intercept, seed, policy, band));
              }
            }
          }
        }
      }
    }
    return s.build();
  }

  /**
   * The random instance ({@link #TRAIN_ROWS} + {@link #VALIDATION_ROWS} rows, {@link #FEATURES}
   * features, penalties 5%–50% of α_max) with {@link #MADE_BIACTIVE} coordinates put exactly on the
   * threshold by {@link ThresholdInstances#make}, and its exact solution.
   */
  static Made instanceWithBiactive(Loss loss, Storage storage, boolean intercept, long seed) {
    Spec spec =
        Spec.of(loss, TRAIN_ROWS, FEATURES)
            .withDensity(storage == Storage.DENSE ? 1.0 : 0.5)
            .withIntercept(intercept)
            .withPenaltyFractions(0.05, 0.5);
    return ThresholdInstances.make(spec, VALIDATION_ROWS, seed, storage, MADE_BIACTIVE);
  }

  @ParameterizedTest(name = "{0} {1} intercept={2} seed={3} {4} band={5}")
  @MethodSource("cases")
  void oracleAgreesWithTheDenseReference(
      Loss loss,
      Storage storage,
      boolean intercept,
      long seed,
      BiactivePolicy policy,
      double band) {
    Made made = instanceWithBiactive(loss, storage, intercept, seed);
    Bilevel b = made.bilevel();
    SolverResult lower = made.lower();
    OracleOptions options = OracleOptions.DEFAULTS.withPolicy(policy).withBiactiveTolRel(band);
    OracleResult o = AccurateSolves.oracle(b, lower, options);
    Corollary13Reference.Result ref = AccurateSolves.reference(b, lower, options, o.gamma());

    assertTrue(ref.biactivePositive() + ref.biactiveNegative() >= 1, "no biactive coordinate made");

    // The partition and the selection, count by count.
    assertEquals(ref.inactivePositive(), o.inactivePositive(), "|I+|");
    assertEquals(ref.inactiveNegative(), o.inactiveNegative(), "|I-|");
    assertEquals(ref.active(), o.active(), "|A|");
    assertEquals(ref.biactivePositive(), o.biactivePositive(), "|B+|");
    assertEquals(ref.biactiveNegative(), o.biactiveNegative(), "|B-|");
    assertEquals(ref.workingSet(), o.workingSet(), "|S|");
    assertEquals(ref.selectedBiactive(), o.selectedBiactive(), "selected biactive");
    assertEquals(ref.pruningRounds(), o.pruningRounds(), "pruning rounds");
    if (policy == BiactivePolicy.NULL) {
      assertEquals(0, o.selectedBiactive());
    }

    // h (eq. 24) to 1e-6 relative to its largest entry; zero exactly where D_jj = 0.
    double scale = Math.max(maxAbs(ref.gradient()), OracleTolerances.FD_FLOOR_ABS);
    double err = maxAbsDiff(ref.gradient(), o.gradient()) / scale;
    assertTrue(
        err <= OracleTolerances.REFERENCE_REL,
        "relative error "
            + err
            + "\n oracle    "
            + Arrays.toString(o.gradient())
            + "\n reference "
            + Arrays.toString(ref.gradient()));
    for (int j = 0; j < FEATURES; j++) {
      if (ref.selection()[j] == 0) {
        assertEquals(0.0, o.gradient()[j], 0.0, "h_" + j + " outside S");
        assertEquals(0.0, o.adjoint()[j], 0.0, "adjoint_" + j + " outside S");
      }
    }

    // The adjoint γq on S (and the intercept's entry) equals γ times the reference's q there.
    int p = FEATURES;
    double[] refAdjoint = new double[p + (intercept ? 1 : 0)];
    for (int j = 0; j < refAdjoint.length; j++) {
      boolean inS = j == p || ref.selection()[j] != 0;
      refAdjoint[j] = inS ? o.gamma() * ref.q()[j] : 0.0;
    }
    assertEquals(refAdjoint.length, o.adjoint().length);
    double adjointErr =
        maxAbsDiff(refAdjoint, o.adjoint())
            / Math.max(maxAbs(refAdjoint), OracleTolerances.FD_FLOOR_ABS);
    assertTrue(
        adjointErr <= OracleTolerances.REFERENCE_REL, "adjoint relative error " + adjointErr);

    // Definition 2's termination property, checked on the oracle's own output: every kept
    // biactive coordinate has σ_j q_j > 0, and since h_j = w_j σ_j (γ q_j) with w_j > 0, h_j > 0.
    for (int j = 0; j < p; j++) {
      if (ref.biactive()[j] && ref.selection()[j] != 0) {
        assertTrue(ref.selection()[j] * o.adjoint()[j] > 0.0, "sign-inconsistent kept " + j);
        assertTrue(o.gradient()[j] > 0.0, "kept biactive h_" + j + " = " + o.gradient()[j]);
      }
    }

    assertEquals(ref.value(), o.value(), 1e-13 * Math.max(1.0, Math.abs(ref.value())));
    assertTrue(o.residual() <= OracleTolerances.ADJOINT_RESIDUAL, "residual " + o.residual());

    // γ ∈ (0, 1/Λ_F] (Lemma 10 needs γ < 1/Λ_F; the oracle documents γ ≤ 1/Λ_F with a 1% margin
    // on its power-iteration estimate of λ_max), checked against a Jacobi eigen-decomposition.
    double lf = Corollary13Reference.lipschitz(b.train());
    assertTrue(o.gamma() > 0.0 && o.gamma() * lf <= 1.0, "gamma·Λ_F = " + o.gamma() * lf);
    assertTrue(o.gamma() * lf >= 0.98, "gamma far below 1/Λ_F: gamma·Λ_F = " + o.gamma() * lf);
  }

  /**
   * The agreement above is only worth something if the cases reach Definition 2's branches: over
   * the case list, SC keeps at least one biactive coordinate somewhere and prunes at least one
   * somewhere.
   */
  @Test
  void theCasesExerciseSelectionAndPruning() {
    int kept = 0;
    int pruned = 0;
    for (Loss loss : Loss.values()) {
      for (Storage storage : Storage.values()) {
        for (boolean intercept : new boolean[] {false, true}) {
          for (long seed : new long[] {21, 22}) {
            Made made = instanceWithBiactive(loss, storage, intercept, seed);
            Bilevel b = made.bilevel();
            SolverResult lower = made.lower();
            OracleResult o =
                AccurateSolves.oracle(
                    b,
                    lower,
                    OracleOptions.DEFAULTS.withBiactiveTolRel(OracleTolerances.STRICT_BAND_REL));
            kept += o.selectedBiactive();
            pruned += o.pruningRounds();
          }
        }
      }
    }
    assertTrue(kept > 0, "no case keeps a biactive coordinate");
    assertTrue(pruned > 0, "no case prunes");
  }

  /** The reference's own linear algebra on known answers, so it can judge. */
  @Test
  void referenceLinearAlgebraIsRight() {
    // [[0, 2, 1], [1, 1, 1], [2, 1, 0]] x = (7, 6, 4) has x = (1, 2, 3); the zero (0,0) entry
    // needs a row swap.
    double[] x =
        Corollary13Reference.gaussianElimination(
            new double[][] {{0, 2, 1}, {1, 1, 1}, {2, 1, 0}}, new double[] {7, 6, 4});
    assertArrayEquals(new double[] {1, 2, 3}, x, 1e-14);
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3; [[4, 1, 0], [1, 4, 1], [0, 1, 4]] has 4 and 4 ± √2.
    double[] e = Corollary13Reference.jacobiEigenvalues(new double[][] {{2, 1}, {1, 2}});
    Arrays.sort(e);
    assertArrayEquals(new double[] {1, 3}, e, 1e-14);
    e = Corollary13Reference.jacobiEigenvalues(new double[][] {{4, 1, 0}, {1, 4, 1}, {0, 1, 4}});
    Arrays.sort(e);
    assertArrayEquals(new double[] {4 - Math.sqrt(2), 4, 4 + Math.sqrt(2)}, e, 1e-13);
  }
}
