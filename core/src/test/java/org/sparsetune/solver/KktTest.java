package org.sparsetune.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparsetune.linalg.DenseMatrix;
import org.sparsetune.testing.FistaReference;
import org.sparsetune.testing.RandomProblems;
import org.sparsetune.testing.RandomProblems.Spec;
import org.sparsetune.testing.RandomProblems.Storage;
import org.sparsetune.testing.Tolerances;

/** {@link Kkt}: the gradient, the per-coordinate violation, the objective and α_max. */
class KktTest {

  /** Central-difference step (see {@link Tolerances#FINITE_DIFFERENCE_REL}). */
  private static final double FD_STEP = 1e-5;

  /** Relative offset of the penalty from α_max in the threshold test. */
  private static final double THRESHOLD_MARGIN = 1e-3;

  static Stream<Arguments> lossesAndStorages() {
    return Stream.of(Loss.QUADRATIC, Loss.LOGISTIC)
        .flatMap(l -> Stream.of(Storage.values()).map(s -> Arguments.of(l, s)));
  }

  /**
   * With zero penalties the objective is F itself, so {@code ∂F/∂z_k ≈ (Φ(z + h e_k) - Φ(z - h
   * e_k)) / 2h} for every coefficient and the intercept, at a random point (a sparse design, so
   * empty rows and columns are covered).
   */
  @ParameterizedTest
  @MethodSource("lossesAndStorages")
  void gradientMatchesCentralFiniteDifferences(Loss loss, Storage storage) {
    Spec spec = Spec.of(loss, 50, 30).withDensity(0.4).withIntercept(true);
    LowerLevelProblem problem =
        RandomProblems.generate(spec, 21).in(storage).withPenalties(new double[spec.cols()]);
    SplittableRandom rng = new SplittableRandom(22);
    double[] y = RandomProblems.gaussianVector(rng, spec.cols(), 0.3);
    double c = 0.4;
    double[] g = Kkt.gradient(problem, y, c);
    assertEquals(spec.cols() + 1, g.length);
    double scale = 1e-3;
    for (double v : g) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int k = 0; k <= spec.cols(); k++) {
      double fd;
      if (k < spec.cols()) {
        double[] plus = y.clone();
        double[] minus = y.clone();
        plus[k] += FD_STEP;
        minus[k] -= FD_STEP;
        fd = (Kkt.objective(problem, plus, c) - Kkt.objective(problem, minus, c)) / (2 * FD_STEP);
      } else {
        fd =
            (Kkt.objective(problem, y, c + FD_STEP) - Kkt.objective(problem, y, c - FD_STEP))
                / (2 * FD_STEP);
      }
      assertEquals(fd, g[k], Tolerances.FINITE_DIFFERENCE_REL * scale, "coordinate " + k);
    }
  }

  /** The violation is the distance from 0 to ∇_j F + w_j ∂|y_j|, computed by hand. */
  @Test
  void violationIsDistanceToSubdifferential() {
    // y > 0: ∂|y| = {1}, distance |g + w|.
    assertEquals(0.5, Kkt.violation(-0.5, 2.0, 1.0), 0.0);
    assertEquals(0.0, Kkt.violation(-1.0, 2.0, 1.0), 0.0);
    // y < 0: ∂|y| = {-1}, distance |g - w|.
    assertEquals(1.5, Kkt.violation(-0.5, -2.0, 1.0), 0.0);
    assertEquals(0.0, Kkt.violation(1.0, -2.0, 1.0), 0.0);
    // y = 0: ∂|y| = [-1, 1], distance max(|g| - w, 0).
    assertEquals(0.0, Kkt.violation(0.7, 0.0, 1.0), 0.0);
    assertEquals(0.25, Kkt.violation(-1.25, 0.0, 1.0), 0.0);
    // Zero penalty: plain gradient magnitude.
    assertEquals(0.3, Kkt.violation(0.3, 0.0, 0.0), 0.0);
  }

  /**
   * A hand-computed objective: n = 2, A = [[1, 2], [0, 1]], b = (1, -1), y = (1, -1), c = 0.5,
   * l2 = 0.5, w = (0.1, 0.2).
   *
   * <pre>
   *   margins A y + c = (1 - 2 + 0.5, -1 + 0.5) = (-0.5, -0.5)
   *   quadratic: 1/(2·2)·((1 + 0.5)² + (-1 + 0.5)²) = (2.25 + 0.25)/4 = 0.625
   *   logistic:  ½·(log(1 + e^{0.5}) + log(1 + e^{-0.5}))
   *   ridge: 0.5/2·(1 + 1) = 0.5;  L1: 0.1·1 + 0.2·1 = 0.3
   * </pre>
   */
  @Test
  void objectiveMatchesHandComputation() {
    DenseMatrix a = DenseMatrix.ofRows(new double[][] {{1, 2}, {0, 1}});
    double[] b = {1, -1};
    double[] w = {0.1, 0.2};
    double[] y = {1, -1};
    LowerLevelProblem q = new LowerLevelProblem(a, b, Loss.QUADRATIC, 0.5, w, true);
    assertEquals(0.625 + 0.5 + 0.3, Kkt.objective(q, y, 0.5), 1e-15);
    LowerLevelProblem l = new LowerLevelProblem(a, b, Loss.LOGISTIC, 0.5, w, true);
    double fit = 0.5 * (Math.log1p(Math.exp(0.5)) + Math.log1p(Math.exp(-0.5)));
    assertEquals(fit + 0.5 + 0.3, Kkt.objective(l, y, 0.5), 1e-15);
  }

  /** The logistic helpers stay finite and accurate far out in the tails. */
  @Test
  void logisticHelpersDoNotOverflow() {
    assertEquals(800.0, Kkt.logOnePlusExp(800.0), 0.0);
    assertEquals(Math.exp(-800.0), Kkt.logOnePlusExp(-800.0), 0.0);
    assertEquals(Math.log(2.0), Kkt.logOnePlusExp(0.0), 1e-16);
    assertEquals(1.0, Kkt.sigmoid(800.0), 0.0);
    assertEquals(0.0, Kkt.sigmoid(-800.0), 1e-300);
    assertEquals(0.5, Kkt.sigmoid(0.0), 0.0);
  }

  @Test
  void interceptOnlyModels() {
    DenseMatrix a = DenseMatrix.ofRows(new double[][] {{1}, {2}, {3}, {4}});
    LowerLevelProblem q =
        new LowerLevelProblem(a, new double[] {1, 2, 3, 6}, Loss.QUADRATIC, 0, new double[1], true);
    assertEquals(3.0, Kkt.interceptOnly(q), 1e-15);
    // Three positives, one negative: P(+1) = 3/4 = σ(c) ⇒ c = log 3.
    LowerLevelProblem l =
        new LowerLevelProblem(a, new double[] {1, 1, -1, 1}, Loss.LOGISTIC, 0, new double[1], true);
    assertEquals(Math.log(3.0), Kkt.interceptOnly(l), 1e-15);
    LowerLevelProblem oneClass =
        new LowerLevelProblem(a, new double[] {1, 1, 1, 1}, Loss.LOGISTIC, 0, new double[1], true);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Kkt.interceptOnly(oneClass));
    assertTrue(e.getMessage().contains("both classes"), e.getMessage());
  }

  static Stream<Arguments> lossesAndIntercepts() {
    return Stream.of(Loss.QUADRATIC, Loss.LOGISTIC)
        .flatMap(l -> Stream.of(false, true).map(i -> Arguments.of(l, i)));
  }

  /**
   * α_max is where the solution becomes zero: with every penalty at α_max·(1 + 10⁻³) the reference
   * solution is exactly zero (and the intercept is the intercept-only model's), with every penalty
   * at α_max·(1 - 10⁻³) some coefficient is not.
   */
  @ParameterizedTest
  @MethodSource("lossesAndIntercepts")
  void maxUniformPenaltyIsTheThresholdOfTheZeroSolution(Loss loss, boolean intercept) {
    LowerLevelProblem problem =
        RandomProblems.generate(Spec.of(loss, 60, 30).withIntercept(intercept), 31).dense();
    double alphaMax = Kkt.maxUniformPenalty(problem);
    assertTrue(alphaMax > 0.0);

    double[] above = new double[problem.cols()];
    Arrays.fill(above, alphaMax * (1 + THRESHOLD_MARGIN));
    FistaReference.Solution zero = FistaReference.solve(problem.withPenalties(above));
    assertTrue(zero.reachedTolerance(), "reference KKT " + zero.kktViolation());
    for (double v : zero.coefficients()) {
      assertEquals(0.0, v, 0.0);
    }
    double c0 = intercept ? Kkt.interceptOnly(problem) : 0.0;
    assertEquals(c0, zero.intercept(), 1e-9);

    double[] below = new double[problem.cols()];
    Arrays.fill(below, alphaMax * (1 - THRESHOLD_MARGIN));
    FistaReference.Solution some = FistaReference.solve(problem.withPenalties(below));
    assertTrue(some.reachedTolerance(), "reference KKT " + some.kktViolation());
    assertTrue(Arrays.stream(some.coefficients()).anyMatch(v -> v != 0.0));

    // And y = 0 with the intercept-only c is itself a KKT point exactly at α_max.
    double[] at = new double[problem.cols()];
    Arrays.fill(at, alphaMax);
    assertTrue(
        Kkt.maxViolation(problem.withPenalties(at), new double[problem.cols()], c0) < 1e-12);
  }
}
