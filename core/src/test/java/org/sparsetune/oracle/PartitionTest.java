package org.sparsetune.oracle;

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
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.Termination;
import org.sparsetune.testing.BilevelProblems;
import org.sparsetune.testing.BilevelProblems.Bilevel;
import org.sparsetune.testing.RandomProblems.Storage;

/**
 * Phase 1 of Algorithm 1 partitions by the prox pair {@code (u, v) = (γw, ȳ - γ∇F(ȳ))} (eq. 16),
 * and the biactive band exists so that an inexact ȳ does not decide the partition: a coordinate on
 * the threshold |v_i| = u_i is biactive whether the solver left ȳ_i at exactly 0 or at a value of
 * the size of its tolerance. At an exact solution, |v_i| - u_i = |ȳ_i| for a nonzero ȳ_i (since
 * ∇_iF = -w_i sign(ȳ_i)), so a coordinate with {@code 0 < |ȳ_i| ≤ band} is inside the band.
 *
 * <p>Invariant tested: the oracle's partition, selection and h at a solution within the solver's
 * tolerance of an exact one equal those at the exact one. Two ways in:
 *
 * <ul>
 *   <li>by hand, on the pruning instance of {@link SelfConsistentPruningTest} (ȳ = (1, 0, 0), 2 and
 *       3 on the threshold): ȳ' = (1, 1e-14, 0) has KKT violation ~1e-14 (asserted ≤ 1e-13), |v₂| -
 *       u₂ ≈ 1e-14 far inside the 1e-8 band. Expected at ȳ' as at ȳ: SC h = (0.5, 0, 0.15) with
 *       coordinate 2 pruned; null h = (0.5, 0, 0).
 *   <li>as the project's own solver produces it: on the random instances of {@link
 *       ReferenceAgreementTest} (penalties set to |∇_jF(ȳ)| at three zero coordinates), a cold
 *       re-solve at the new penalties — a legitimate solve to KKT 1e-13 — may leave a threshold
 *       coordinate at ~1e-14 instead of 0.
 * </ul>
 */
class PartitionTest {

  private static OracleOptions options(BiactivePolicy policy) {
    return OracleOptions.DEFAULTS
        .withPolicy(policy)
        .withBiactiveTolRel(OracleTolerances.STRICT_BAND_REL);
  }

  @Test
  void aThresholdCoordinateLeftAtATinyValueIsStillBiactive() {
    Bilevel start = BilevelProblems.correlatedPruning(new double[] {0.5, 1.5, 1.0});
    SolverResult exact = AccurateSolves.solve(start);
    double[] g = Kkt.gradient(start.train(), exact.coefficients(), 0.0);
    Bilevel b = start.withPenalties(new double[] {0.5, Math.abs(g[1]), Math.abs(g[2])});
    double[] tiny = exact.coefficients().clone();
    tiny[1] = 1e-14;
    double kkt = Kkt.maxViolation(b.train(), tiny, 0.0);
    assertTrue(
        kkt <= OracleTolerances.LOWER_LEVEL_KKT, "ȳ' is not within the solve tolerance: " + kkt);
    SolverResult perturbed =
        new SolverResult(
            tiny, 0.0, Termination.CONVERGED, 1, 1, kkt, Kkt.objective(b.train(), tiny, 0.0), 0L);

    for (BiactivePolicy policy : BiactivePolicy.values()) {
      OracleResult atExact = AccurateSolves.oracle(b, exact, options(policy));
      OracleResult atTiny = AccurateSolves.oracle(b, perturbed, options(policy));
      double[] expected =
          policy == BiactivePolicy.NULL
              ? new double[] {0.5, 0.0, 0.0}
              : new double[] {0.5, 0.0, 0.15};
      assertEquals(2, atExact.biactive(), policy + " at the exact solution");
      assertEquals(
          2,
          atTiny.biactive(),
          policy
              + ": coordinate 2 with ȳ₂ = 1e-14 left the band; h = "
              + Arrays.toString(atTiny.gradient()));
      assertEquals(1, atTiny.support(), policy.toString());
      assertEquals(atExact.selectedBiactive(), atTiny.selectedBiactive(), policy.toString());
      assertEquals(atExact.pruningRounds(), atTiny.pruningRounds(), policy.toString());
      for (int j = 0; j < 3; j++) {
        assertEquals(expected[j], atExact.gradient()[j], OracleTolerances.CLOSED_FORM_ABS);
        assertEquals(
            expected[j],
            atTiny.gradient()[j],
            OracleTolerances.CLOSED_FORM_ABS,
            policy + " h_" + j + " at ȳ' = " + Arrays.toString(atTiny.gradient()));
      }
    }
  }

  static Stream<Arguments> randomCases() {
    Stream.Builder<Arguments> s = Stream.builder();
    for (Loss loss : Loss.values()) {
      for (Storage storage : Storage.values()) {
        for (boolean intercept : new boolean[] {false, true}) {
          for (long seed : new long[] {21, 22}) {
            for (BiactivePolicy policy : BiactivePolicy.values()) {
              s.add(Arguments.of(loss, storage, intercept, seed, policy));
            }
          }
        }
      }
    }
    return s.build();
  }

  @ParameterizedTest(name = "{0} {1} intercept={2} seed={3} {4}")
  @MethodSource("randomCases")
  void aColdResolveAtThresholdPenaltiesGivesTheSameAnswer(
      Loss loss, Storage storage, boolean intercept, long seed, BiactivePolicy policy) {
    ThresholdInstances.Made made =
        ReferenceAgreementTest.instanceWithBiactive(loss, storage, intercept, seed);
    Bilevel b = made.bilevel();
    SolverResult resolved = AccurateSolves.solve(b);
    OracleResult atExact = AccurateSolves.oracle(b, made.lower(), options(policy));
    OracleResult atResolved = AccurateSolves.oracle(b, resolved, options(policy));
    String detail =
        "\n exact    y = "
            + Arrays.toString(made.lower().coefficients())
            + "\n resolved y = "
            + Arrays.toString(resolved.coefficients())
            + "\n h exact    = "
            + Arrays.toString(atExact.gradient())
            + "\n h resolved = "
            + Arrays.toString(atResolved.gradient());
    assertEquals(atExact.inactivePositive(), atResolved.inactivePositive(), "|I+|" + detail);
    assertEquals(atExact.inactiveNegative(), atResolved.inactiveNegative(), "|I-|" + detail);
    assertEquals(atExact.biactive(), atResolved.biactive(), "|B|" + detail);
    assertEquals(atExact.selectedBiactive(), atResolved.selectedBiactive(), "selected" + detail);
    double err =
        maxAbsDiff(atExact.gradient(), atResolved.gradient())
            / Math.max(maxAbs(atExact.gradient()), OracleTolerances.FD_FLOOR_ABS);
    assertTrue(err <= OracleTolerances.REFERENCE_REL, "relative change " + err + detail);
  }

  /**
   * The random cases above are not vacuous: the cold re-solve does leave some threshold coordinate
   * at a tiny nonzero value (|ȳ_j| ≤ 1e-12) on at least one of them.
   */
  @Test
  void theResolveCasesContainTinyNonzeros() {
    int tiny = 0;
    for (Loss loss : Loss.values()) {
      for (Storage storage : Storage.values()) {
        for (boolean intercept : new boolean[] {false, true}) {
          for (long seed : new long[] {21, 22}) {
            ThresholdInstances.Made made =
                ReferenceAgreementTest.instanceWithBiactive(loss, storage, intercept, seed);
            for (double v : AccurateSolves.solve(made.bilevel()).coefficients()) {
              if (v != 0.0 && Math.abs(v) <= 1e-12) {
                tiny++;
              }
            }
          }
        }
      }
    }
    assertTrue(tiny > 0, "no tiny nonzero produced");
  }
}
