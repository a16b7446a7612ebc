package org.sparsetune.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.Loss;
import org.sparsetune.testing.RandomProblems.Pair;
import org.sparsetune.testing.RandomProblems.Spec;

/**
 * The fixtures must be right before they can judge a solver: generators are deterministic and give
 * the same numbers in both storages, the designs have the promised empty rows and columns, the
 * penalties give solutions that are neither zero nor dense, the eigenvalue bound bounds, and the
 * reference solver reproduces the closed-form solutions.
 */
class FixturesTest {

  static Stream<Arguments> specs() {
    return Stream.of(Loss.QUADRATIC, Loss.LOGISTIC)
        .flatMap(
            loss ->
                Stream.of(1.0, 0.25)
                    .flatMap(
                        density ->
                            Stream.of(false, true)
                                .map(
                                    intercept ->
                                        Arguments.of(
                                            Spec.of(loss, 80, 60)
                                                .withDensity(density)
                                                .withIntercept(intercept)))));
  }

  @ParameterizedTest
  @MethodSource("specs")
  void sameSeedGivesSameProblemInBothStorages(Spec spec) {
    Pair first = RandomProblems.generate(spec, 7);
    Pair again = RandomProblems.generate(spec, 7);
    for (int j = 0; j < spec.cols(); j++) {
      assertArrayEquals(first.dense().design().column(j), again.csc().design().column(j));
      assertArrayEquals(first.dense().design().column(j), first.csc().design().column(j));
    }
    assertArrayEquals(first.dense().labels(), again.csc().labels());
    assertArrayEquals(first.dense().penalties(), first.csc().penalties());
    assertEquals(spec.fitIntercept(), first.csc().fitIntercept());
    assertEquals(spec.l2(), first.dense().l2());
    assertTrue(first.csc().design().isSparse());
    assertTrue(!first.dense().design().isSparse());
    Pair other = RandomProblems.generate(spec, 8);
    assertTrue(!Arrays.equals(first.dense().labels(), other.dense().labels()));
  }

  @ParameterizedTest
  @MethodSource("specs")
  void sparseDesignsHaveEmptyRowsAndColumnsAndLabelsAreValid(Spec spec) {
    LowerLevelProblem problem = RandomProblems.generate(spec, 3).csc();
    DesignMatrix a = problem.design();
    if (spec.density() < 1.0) {
      assertTrue(RandomProblems.emptyColumns(a).length >= 1, "an empty column");
      assertTrue(RandomProblems.emptyRows(a).length >= 1, "an empty row");
      double stored = (double) a.storedEntries() / ((long) a.rows() * a.cols());
      assertTrue(stored > 0.5 * spec.density() && stored < 1.5 * spec.density(), "density " + stored);
    } else {
      assertEquals(0, RandomProblems.emptyColumns(a).length);
    }
    if (spec.loss() == Loss.LOGISTIC) {
      long positives = Arrays.stream(problem.labels()).filter(v -> v == 1.0).count();
      long negatives = Arrays.stream(problem.labels()).filter(v -> v == -1.0).count();
      assertEquals(problem.rows(), positives + negatives);
      assertTrue(positives > 0 && negatives > 0);
    }
    double alphaMax = Kkt.maxUniformPenalty(problem);
    for (double w : problem.penalties()) {
      assertTrue(w >= spec.minPenaltyFraction() * alphaMax && w <= spec.maxPenaltyFraction() * alphaMax);
    }
  }

  /** The default penalty range gives solutions that are neither all zero nor dense. */
  @ParameterizedTest
  @MethodSource("specs")
  void defaultPenaltiesGiveSparseButNonzeroSolutions(Spec spec) {
    for (long seed = 1; seed <= 3; seed++) {
      LowerLevelProblem problem = RandomProblems.generate(spec, seed).dense();
      FistaReference.Solution s = FistaReference.solve(problem);
      assertTrue(s.reachedTolerance(), "reference KKT " + s.kktViolation());
      int nonzeros = 0;
      for (double v : s.coefficients()) {
        if (v != 0.0) {
          nonzeros++;
        }
      }
      assertTrue(
          nonzeros >= 2 && nonzeros <= problem.cols() - 5,
          "seed " + seed + ": " + nonzeros + " of " + problem.cols() + " nonzero");
    }
  }

  @Test
  void eigenvalueBoundBoundsAndIsTight() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int trial = 0; trial < 5; trial++) {
      int r = 5 + trial * 10;
      // M = QᵀΛQ is awkward to build by hand; use M = GᵀG and compare with power iteration, which
      // approaches λ_max from below.
      double[][] g = new double[r + 3][r];
      for (double[] row : g) {
        for (int j = 0; j < r; j++) {
          row[j] = rng.nextGaussian();
        }
      }
      double[][] m = new double[r][r];
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < r; j++) {
          for (double[] row : g) {
            m[i][j] += row[i] * row[j];
          }
        }
      }
      double bound = FistaReference.largestEigenvalueUpperBound(m);
      double[] v = new double[r];
      Arrays.fill(v, 1.0);
      double rayleigh = 0.0;
      for (int it = 0; it < 5000; it++) {
        double[] mv = new double[r];
        for (int i = 0; i < r; i++) {
          for (int j = 0; j < r; j++) {
            mv[i] += m[i][j] * v[j];
          }
        }
        double norm = Math.sqrt(Arrays.stream(mv).map(x -> x * x).sum());
        double vmv = 0.0;
        double vv = 0.0;
        for (int i = 0; i < r; i++) {
          vmv += v[i] * mv[i];
          vv += v[i] * v[i];
        }
        rayleigh = vmv / vv;
        for (int i = 0; i < r; i++) {
          v[i] = mv[i] / norm;
        }
      }
      assertTrue(bound >= rayleigh, "bound " + bound + " below Rayleigh quotient " + rayleigh);
      assertTrue(bound <= rayleigh * Math.pow(r, 1.0 / 1024) * (1 + 1e-6), "bound too loose");
    }
    // A diagonal matrix: the bound must be at least its largest entry.
    double[][] d = {{1.0, 0.0, 0.0}, {0.0, 5.0, 0.0}, {0.0, 0.0, 4.999}};
    double bound = FistaReference.largestEigenvalueUpperBound(d);
    assertTrue(bound >= 5.0 && bound <= 5.0 * Math.pow(3, 1.0 / 1024) + 1e-12, "bound " + bound);
  }

  @Test
  void referenceSolvesExperiment1PanelA() {
    DiagonalProblems.Case c = DiagonalProblems.experiment1PanelA();
    FistaReference.Solution s = FistaReference.solve(c.problem());
    assertTrue(s.reachedTolerance());
    assertArrayEquals(c.coefficients(), s.coefficients(), Tolerances.CLOSED_FORM_ABS);
    assertEquals(
        DiagonalProblems.EXPERIMENT_1A_OBJECTIVE,
        Kkt.objective(c.problem(), s.coefficients(), 0.0),
        1e-12);
  }

  static Stream<Arguments> diagonalCases() {
    return Stream.of(
        Arguments.of(DiagonalProblems.randomOrthogonal(1, 40, 25, 0.0, false)),
        Arguments.of(DiagonalProblems.randomOrthogonal(2, 40, 25, 0.3, true)),
        Arguments.of(DiagonalProblems.disjointSupports(3, 70, 15, 0.0, true, 4)),
        Arguments.of(DiagonalProblems.disjointSupports(4, 70, 15, 0.1, false, 0)));
  }

  /** The closed form is a KKT point, and the reference finds it. */
  @ParameterizedTest
  @MethodSource("diagonalCases")
  void closedFormIsOptimalAndReferenceFindsIt(DiagonalProblems.Case c) {
    assertTrue(
        Kkt.maxViolation(c.problem(), c.coefficients(), c.intercept()) < 1e-13,
        "the closed form must satisfy the KKT conditions");
    FistaReference.Solution s = FistaReference.solve(c.problem());
    assertTrue(s.reachedTolerance());
    assertArrayEquals(c.coefficients(), s.coefficients(), Tolerances.CLOSED_FORM_ABS);
    assertEquals(c.intercept(), s.intercept(), Tolerances.CLOSED_FORM_ABS);
    long zeros = Arrays.stream(c.coefficients()).filter(v -> v == 0.0).count();
    assertTrue(zeros > 0 && zeros < c.coefficients().length, zeros + " zeros");
  }

  @Test
  void reportsWhenItDoesNotReachItsTolerance() {
    LowerLevelProblem problem =
        RandomProblems.generate(Spec.of(Loss.LOGISTIC, 60, 40), 5).dense();
    FistaReference.Solution s = FistaReference.solve(problem, 1e-11, 3);
    assertEquals(3, s.iterations());
    assertTrue(!s.reachedTolerance());
    assertEquals(Kkt.maxViolation(problem, s.coefficients(), s.intercept()), s.kktViolation());
  }
}
