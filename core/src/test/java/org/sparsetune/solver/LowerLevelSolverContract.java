package org.sparsetune.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.linalg.DenseMatrix;
import org.sparsetune.testing.DiagonalProblems;
import org.sparsetune.testing.FistaReference;
import org.sparsetune.testing.RandomProblems;
import org.sparsetune.testing.RandomProblems.Pair;
import org.sparsetune.testing.RandomProblems.Spec;
import org.sparsetune.testing.RandomProblems.Storage;
import org.sparsetune.testing.Tolerances;

/**
 * The contract every {@link LowerLevelSolver} must meet; a concrete test class extends this and
 * says how to build the solver from {@link SolverOptions}.
 *
 * <p>What is checked, all from invariants or independent solutions:
 *
 * <ul>
 *   <li>after every solve the KKT violation recomputed by {@link Kkt#maxViolation} is at most the
 *       tolerance and the result says CONVERGED; the reported violation and objective equal their
 *       recomputation (both losses × dense/CSC × dense/sparse designs × cold/warm × with/without
 *       intercept × seeds);
 *   <li>closed-form solutions of diagonal problems (the paper's Experiment 1 panel (a), random
 *       orthogonal designs, disjoint-support sparse designs);
 *   <li>dense and CSC storage of the same problem give the same solution;
 *   <li>the independent {@link FistaReference} gives the same solution;
 *   <li>warm starts: from the solution nothing moves and few passes are needed; after a 1% penalty
 *       change the answer equals a cold solve; the warm-start arrays are not modified; solves do
 *       not influence each other;
 *   <li>edge cases: penalties above α_max, zero penalties with ridge, empty columns (also without
 *       any curvature), empty rows, p &gt; n, unstandardized features, a pass budget that is too
 *       small, a warm start of the wrong length.
 * </ul>
 */
public abstract class LowerLevelSolverContract {

  /** The solver under test, configured with {@code options}. */
  protected abstract LowerLevelSolver solver(SolverOptions options);

  /** The paper's inner tolerance, the default of {@link SolverOptions#DEFAULTS}. */
  protected static final SolverOptions DEFAULT = SolverOptions.DEFAULTS;

  /**
   * Options for solves whose answer is compared with another solution: tolerance {@link
   * Tolerances#ACCURATE_SOLVE_KKT}, and 10,000 passes (the problems here need at most a few
   * hundred), so that a solver that stalls fails in a fraction of a second instead of spending the
   * default budget.
   */
  protected static final SolverOptions ACCURATE =
      SolverOptions.DEFAULTS.withTolerance(Tolerances.ACCURATE_SOLVE_KKT).withMaxPasses(10_000);

  /**
   * Passes a solve warm-started at the exact solution may take: 0 for a solver that checks the KKT
   * conditions before sweeping, 1 for one that sweeps and then checks; 2 leaves room for a solver
   * that confirms a working set with one more sweep.
   */
  protected static final int PASSES_FROM_SOLUTION = 2;

  /** Rows and columns of the standard random problems (small enough for the reference). */
  protected static final int N = 70;

  protected static final int P = 50;

  /** The standard random problem: n = 70, p = 50, l2 = 1/n, penalties 5–60% of α_max. */
  protected static Pair standardProblem(Loss loss, double density, boolean intercept, long seed) {
    return RandomProblems.generate(
        Spec.of(loss, N, P).withDensity(density).withIntercept(intercept), seed);
  }

  // ---------------------------------------------------------------------------------------------
  // Assertions shared by the tests

  /**
   * The result is well formed and honest: coefficients of length p and finite, intercept 0 without
   * intercept, reported KKT violation and objective equal to their recomputation at the returned
   * point.
   */
  protected static void assertHonest(LowerLevelProblem problem, SolverResult r) {
    assertEquals(problem.cols(), r.coefficients().length, "coefficient count");
    for (int j = 0; j < problem.cols(); j++) {
      assertTrue(Double.isFinite(r.coefficients()[j]), "coefficient " + j + " finite");
    }
    assertTrue(Double.isFinite(r.intercept()), "intercept finite");
    if (!problem.fitIntercept()) {
      assertEquals(0.0, r.intercept(), 0.0, "no intercept fitted");
    }
    double kkt = Kkt.maxViolation(problem, r.coefficients(), r.intercept());
    assertEquals(kkt, r.kktViolation(), Tolerances.KKT_RECOMPUTE_ABS, "reported KKT violation");
    double objective = Kkt.objective(problem, r.coefficients(), r.intercept());
    assertEquals(
        objective,
        r.objective(),
        Tolerances.OBJECTIVE_RECOMPUTE_REL * Math.max(1.0, Math.abs(objective)),
        "reported objective");
    assertTrue(r.passes() >= 0 && r.fullPasses() >= 0, "pass counts");
    assertTrue(r.nanos() >= 0, "time");
    if (r.stored() != null) {
      // Exactly the entries that are not +0.0 (a -0.0 among them would be lost by a warm start).
      int[] notPositiveZero = IntStream.range(0, r.coefficients().length)
          .filter(j -> Double.doubleToRawLongBits(r.coefficients()[j]) != 0L)
          .toArray();
      assertArrayEquals(notPositiveZero, r.stored(), "stored entries");
    }
  }

  /** {@link #assertHonest}, and the solve converged: recomputed KKT violation ≤ tolerance. */
  protected static void assertConverged(
      LowerLevelProblem problem, SolverResult r, SolverOptions options) {
    assertHonest(problem, r);
    assertEquals(
        Termination.CONVERGED,
        r.termination(),
        () ->
            "termination after "
                + r.passes()
                + " passes ("
                + r.fullPasses()
                + " full) at KKT violation "
                + r.kktViolation()
                + ", tolerance "
                + options.tolerance());
    assertTrue(r.converged());
    double kkt = Kkt.maxViolation(problem, r.coefficients(), r.intercept());
    assertTrue(
        kkt <= options.tolerance(),
        "recomputed KKT violation " + kkt + " above tolerance " + options.tolerance());
  }

  /** Solves with {@code options}, asserts convergence, returns the result. */
  protected SolverResult solveConverged(
      LowerLevelProblem problem, WarmStart start, SolverOptions options) {
    SolverResult r = solver(options).solve(problem, start);
    assertConverged(problem, r, options);
    return r;
  }

  /** The reference solution, asserted to have reached its tolerance. */
  protected static FistaReference.Solution reference(LowerLevelProblem problem) {
    FistaReference.Solution s = FistaReference.solve(problem);
    assertTrue(
        s.reachedTolerance(),
        "reference solver stopped at KKT " + s.kktViolation() + " after " + s.iterations());
    return s;
  }

  /** Solver and reference agree to {@link Tolerances#REFERENCE_AGREEMENT_ABS}. */
  protected static void assertMatchesReference(SolverResult r, FistaReference.Solution s) {
    assertArrayEquals(
        s.coefficients(), r.coefficients(), Tolerances.REFERENCE_AGREEMENT_ABS, "coefficients");
    assertEquals(s.intercept(), r.intercept(), Tolerances.REFERENCE_AGREEMENT_ABS, "intercept");
  }

  // ---------------------------------------------------------------------------------------------
  // KKT after every solve

  /** Loss × storage × design density × intercept × seed. */
  static Stream<Arguments> variants() {
    Stream.Builder<Arguments> out = Stream.builder();
    for (Loss loss : Loss.values()) {
      for (Storage storage : Storage.values()) {
        for (double density : new double[] {1.0, 0.25}) {
          for (boolean intercept : new boolean[] {false, true}) {
            for (long seed = 1; seed <= 3; seed++) {
              out.add(Arguments.of(loss, storage, density, intercept, seed));
            }
          }
        }
      }
    }
    return out.build();
  }

  @ParameterizedTest(name = "{0} {1} density={2} intercept={3} seed={4}")
  @MethodSource("org.sparsetune.solver.LowerLevelSolverContract#variants")
  void coldSolveMeetsKktTolerance(
      Loss loss, Storage storage, double density, boolean intercept, long seed) {
    LowerLevelProblem problem = standardProblem(loss, density, intercept, seed).in(storage);
    SolverResult r = solveConverged(problem, WarmStart.COLD, DEFAULT);
    assertTrue(r.nonzeros() > 0, "the standard problems have nonzero solutions");
  }

  /**
   * Warm starts from two kinds of points: a random point (coefficients N(0, 0.5²), intercept 1)
   * and the solution at penalties 1.5 times larger (a path step).
   */
  @ParameterizedTest(name = "{0} {1} density={2} intercept={3} seed={4}")
  @MethodSource("org.sparsetune.solver.LowerLevelSolverContract#variants")
  void warmSolveMeetsKktTolerance(
      Loss loss, Storage storage, double density, boolean intercept, long seed) {
    LowerLevelProblem problem = standardProblem(loss, density, intercept, seed).in(storage);
    SplittableRandom rng = new SplittableRandom(1000 + seed);
    double[] randomPoint = RandomProblems.gaussianVector(rng, P, 0.5);
    solveConverged(problem, new WarmStart(randomPoint, intercept ? 1.0 : 0.0), DEFAULT);

    double[] larger = problem.penalties().clone();
    for (int j = 0; j < larger.length; j++) {
      larger[j] *= 1.5;
    }
    SolverResult previous = solveConverged(problem.withPenalties(larger), WarmStart.COLD, DEFAULT);
    solveConverged(problem, WarmStart.from(previous), DEFAULT);
  }

  static Stream<Arguments> lossScaleSeed() {
    Stream.Builder<Arguments> out = Stream.builder();
    for (Loss loss : Loss.values()) {
      for (double scale : new double[] {0.1, 10.0}) {
        for (long seed = 1; seed <= 3; seed++) {
          out.add(Arguments.of(loss, scale, seed));
        }
      }
    }
    return out.build();
  }

  /**
   * Unstandardized features: the standard problems (with intercept) with every design entry and
   * every penalty multiplied by 0.1 or 10 (penalties stay the same fraction of α_max, which scales
   * by the same factor). The paper's tolerance 1e-8 must still be reached, with the pass budget
   * cut to 10,000 (the solves need well under 1,000).
   */
  @ParameterizedTest(name = "{0} scale={1} seed={2}")
  @MethodSource("org.sparsetune.solver.LowerLevelSolverContract#lossScaleSeed")
  void unstandardizedFeaturesReachDefaultTolerance(Loss loss, double scale, long seed) {
    Pair pair = RandomProblems.scaleFeatures(standardProblem(loss, 1.0, true, seed), scale);
    SolverOptions options = DEFAULT.withMaxPasses(10_000);
    for (Storage storage : Storage.values()) {
      solveConverged(pair.in(storage), WarmStart.COLD, options);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Closed forms

  /**
   * The paper's Experiment 1 panel (a): ½||y - d||² + 0.6(|y₁| + |y₂|), d = (0.8, 0.5) ⇒ y* = (0.2,
   * 0), objective 0.425; see {@link DiagonalProblems#experiment1PanelA} for how it is written as
   * our quadratic problem (n = 2, A = √2·I, b = √2·d, l2 = 0).
   */
  @Test
  void experiment1PanelA() {
    DiagonalProblems.Case c = DiagonalProblems.experiment1PanelA();
    for (LowerLevelProblem problem :
        new LowerLevelProblem[] {
          c.problem(), RandomProblems.withDesign(c.problem(), CscMatrix.copyOf(c.problem().design()))
        }) {
      SolverResult r = solveConverged(problem, WarmStart.COLD, ACCURATE);
      assertArrayEquals(new double[] {0.2, 0.0}, r.coefficients(), Tolerances.CLOSED_FORM_ABS);
      assertEquals(0.0, r.coefficients()[1], 0.0, "the second coefficient is exactly zero");
      assertEquals(DiagonalProblems.EXPERIMENT_1A_OBJECTIVE, r.objective(), 1e-12);
    }
  }

  static Stream<Arguments> diagonalCases() {
    Stream.Builder<Arguments> out = Stream.builder();
    for (long seed = 1; seed <= 3; seed++) {
      for (double l2 : new double[] {0.0, 0.2}) {
        for (boolean intercept : new boolean[] {false, true}) {
          out.add(
              Arguments.of(
                  "orthogonal dense", DiagonalProblems.randomOrthogonal(seed, 40, 25, l2, intercept)));
          out.add(
              Arguments.of(
                  "disjoint supports",
                  DiagonalProblems.disjointSupports(seed, 80, 18, l2, intercept, (int) seed)));
        }
      }
    }
    return out.build();
  }

  /**
   * Random orthogonal designs: {@code y_j* = S(a_jᵀb/n, w_j) / (||a_j||²/n + l2)}, {@code c* =
   * mean(b)} (derived in {@link DiagonalProblems}), in both storages, to {@link
   * Tolerances#CLOSED_FORM_ABS}; zeros of the closed form are exact zeros of the solution.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("org.sparsetune.solver.LowerLevelSolverContract#diagonalCases")
  void orthogonalDesignsGiveSoftThresholding(String kind, DiagonalProblems.Case c) {
    Pair both = RandomProblems.inBothStorages(c.problem());
    for (Storage storage : Storage.values()) {
      SolverResult r = solveConverged(both.in(storage), WarmStart.COLD, ACCURATE);
      assertArrayEquals(c.coefficients(), r.coefficients(), Tolerances.CLOSED_FORM_ABS, storage.name());
      assertEquals(c.intercept(), r.intercept(), Tolerances.CLOSED_FORM_ABS, "intercept");
      for (int j = 0; j < c.coefficients().length; j++) {
        if (c.coefficients()[j] == 0.0) {
          assertEquals(0.0, r.coefficients()[j], 0.0, storage + ": coefficient " + j);
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Storage independence and the reference

  static Stream<Arguments> lossInterceptSeed() {
    Stream.Builder<Arguments> out = Stream.builder();
    for (Loss loss : Loss.values()) {
      for (boolean intercept : new boolean[] {false, true}) {
        for (long seed = 1; seed <= 3; seed++) {
          out.add(Arguments.of(loss, intercept, seed));
        }
      }
    }
    return out.build();
  }

  /** Dense and CSC storage of the same problem (dense and sparse designs) give the same solution. */
  @ParameterizedTest(name = "{0} intercept={1} seed={2}")
  @MethodSource("org.sparsetune.solver.LowerLevelSolverContract#lossInterceptSeed")
  void denseAndCscStorageAgree(Loss loss, boolean intercept, long seed) {
    for (double density : new double[] {1.0, 0.25}) {
      Pair pair = standardProblem(loss, density, intercept, seed);
      SolverResult dense = solveConverged(pair.dense(), WarmStart.COLD, ACCURATE);
      SolverResult csc = solveConverged(pair.csc(), WarmStart.COLD, ACCURATE);
      assertArrayEquals(
          dense.coefficients(), csc.coefficients(), Tolerances.STORAGE_AGREEMENT_ABS, "density " + density);
      assertEquals(dense.intercept(), csc.intercept(), Tolerances.STORAGE_AGREEMENT_ABS);
    }
  }

  static Stream<Arguments> lossStorageInterceptSeed() {
    Stream.Builder<Arguments> out = Stream.builder();
    for (Loss loss : Loss.values()) {
      for (Storage storage : Storage.values()) {
        for (boolean intercept : new boolean[] {false, true}) {
          for (long seed = 1; seed <= 2; seed++) {
            out.add(Arguments.of(loss, storage, intercept, seed));
          }
        }
      }
    }
    return out.build();
  }

  /** The independent reference agrees on random problems (dense and sparse designs). */
  @ParameterizedTest(name = "{0} {1} intercept={2} seed={3}")
  @MethodSource("org.sparsetune.solver.LowerLevelSolverContract#lossStorageInterceptSeed")
  void agreesWithReferenceSolver(Loss loss, Storage storage, boolean intercept, long seed) {
    for (double density : new double[] {1.0, 0.25}) {
      LowerLevelProblem problem = standardProblem(loss, density, intercept, seed).in(storage);
      SolverResult r = solveConverged(problem, WarmStart.COLD, ACCURATE);
      assertMatchesReference(r, reference(problem));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Warm starts

  static Stream<Arguments> lossStorageIntercept() {
    Stream.Builder<Arguments> out = Stream.builder();
    for (Loss loss : Loss.values()) {
      for (Storage storage : Storage.values()) {
        for (boolean intercept : new boolean[] {false, true}) {
          out.add(Arguments.of(loss, storage, intercept));
        }
      }
    }
    return out.build();
  }

  /** Warm-started at the reference solution, the solver stops at once, where it started. */
  @ParameterizedTest(name = "{0} {1} intercept={2}")
  @MethodSource("org.sparsetune.solver.LowerLevelSolverContract#lossStorageIntercept")
  void warmStartAtTheSolutionStopsImmediately(Loss loss, Storage storage, boolean intercept) {
    LowerLevelProblem problem = standardProblem(loss, 0.25, intercept, 4).in(storage);
    FistaReference.Solution s = reference(problem);
    SolverResult r =
        solveConverged(problem, new WarmStart(s.coefficients(), s.intercept()), DEFAULT);
    assertTrue(
        r.passes() <= PASSES_FROM_SOLUTION,
        r.passes() + " passes from the solution, at most " + PASSES_FROM_SOLUTION + " expected");
    assertArrayEquals(s.coefficients(), r.coefficients(), Tolerances.WARM_AT_SOLUTION_ABS);
    assertEquals(s.intercept(), r.intercept(), Tolerances.WARM_AT_SOLUTION_ABS);
  }

  /** After a 1% change of every penalty, a warm-started solve equals a cold solve. */
  @ParameterizedTest(name = "{0} {1} intercept={2}")
  @MethodSource("org.sparsetune.solver.LowerLevelSolverContract#lossStorageIntercept")
  void warmStartAfterSmallPenaltyChangeMatchesColdSolve(
      Loss loss, Storage storage, boolean intercept) {
    Pair pair = standardProblem(loss, 1.0, intercept, 5);
    LowerLevelProblem before = pair.in(storage);
    SolverResult first = solveConverged(before, WarmStart.COLD, ACCURATE);
    SplittableRandom rng = new SplittableRandom(55);
    double[] changed = before.penalties().clone();
    for (int j = 0; j < changed.length; j++) {
      changed[j] *= rng.nextBoolean() ? 1.01 : 0.99;
    }
    LowerLevelProblem after = before.withPenalties(changed);
    SolverResult warm = solveConverged(after, WarmStart.from(first), ACCURATE);
    SolverResult cold = solveConverged(after, WarmStart.COLD, ACCURATE);
    assertArrayEquals(cold.coefficients(), warm.coefficients(), Tolerances.WARM_COLD_AGREEMENT_ABS);
    assertEquals(cold.intercept(), warm.intercept(), Tolerances.WARM_COLD_AGREEMENT_ABS);
  }

  /** The solver copies the warm start: the caller's array is unchanged and not returned. */
  @Test
  void warmStartArraysAreNotModified() {
    LowerLevelProblem problem = standardProblem(Loss.LOGISTIC, 1.0, true, 6).csc();
    double[] start = RandomProblems.gaussianVector(new SplittableRandom(6), P, 0.5);
    double[] copy = start.clone();
    SolverResult r = solveConverged(problem, new WarmStart(start, 0.3), DEFAULT);
    assertArrayEquals(copy, start, 0.0);
    assertNotSame(start, r.coefficients());
  }

  /** Nothing is carried over between solves: A, then B, then A again gives A's result exactly. */
  @Test
  void solvesAreIndependent() {
    LowerLevelSolver s = solver(DEFAULT);
    LowerLevelProblem a = standardProblem(Loss.QUADRATIC, 0.25, true, 7).csc();
    LowerLevelProblem b = standardProblem(Loss.LOGISTIC, 1.0, false, 8).dense();
    SolverResult first = s.solve(a, WarmStart.COLD);
    s.solve(b, WarmStart.COLD);
    SolverResult again = s.solve(a, WarmStart.COLD);
    assertArrayEquals(first.coefficients(), again.coefficients(), 0.0);
    assertEquals(first.intercept(), again.intercept(), 0.0);
    assertEquals(first.passes(), again.passes());
    // A fresh solver instance gives the same too.
    SolverResult fresh = solver(DEFAULT).solve(a, WarmStart.COLD);
    assertArrayEquals(first.coefficients(), fresh.coefficients(), 0.0);
  }

  // ---------------------------------------------------------------------------------------------
  // Edge cases

  static Stream<Arguments> lossIntercept() {
    return Stream.of(Loss.values())
        .flatMap(l -> Stream.of(false, true).map(i -> Arguments.of(l, i)));
  }

  /**
   * Every penalty at least 1% above α_max: the solution is exactly zero (a nonzero y_j with
   * |∇_j F| &lt; w_j by that margin would violate KKT by more than the tolerance), and the intercept
   * is the intercept-only model's (mean of b; log(#pos/#neg)).
   */
  @ParameterizedTest(name = "{0} intercept={1}")
  @MethodSource("org.sparsetune.solver.LowerLevelSolverContract#lossIntercept")
  void penaltiesAboveAlphaMaxGiveTheZeroSolution(Loss loss, boolean intercept) {
    Pair pair = standardProblem(loss, 0.25, intercept, 9);
    double alphaMax = Kkt.maxUniformPenalty(pair.dense());
    SplittableRandom rng = new SplittableRandom(9);
    double[] w = new double[P];
    for (int j = 0; j < P; j++) {
      w[j] = alphaMax * (1.01 + 2.0 * rng.nextDouble());
    }
    for (Storage storage : Storage.values()) {
      LowerLevelProblem problem = pair.withPenalties(w).in(storage);
      SolverResult r = solveConverged(problem, WarmStart.COLD, ACCURATE);
      assertEquals(0, r.nonzeros(), storage + ": nonzeros");
      double c0 = intercept ? Kkt.interceptOnly(problem) : 0.0;
      assertEquals(c0, r.intercept(), 1e-9, "intercept-only model");
      // Also from a dense warm start: everything must be switched off again.
      double[] start = RandomProblems.gaussianVector(rng, P, 1.0);
      SolverResult warm = solveConverged(problem, new WarmStart(start, 0.0), ACCURATE);
      assertEquals(0, warm.nonzeros(), storage + ": nonzeros after a dense warm start");
    }
  }

  /** Zero penalties with l2 &gt; 0: ridge regression / L2-regularized logistic regression. */
  @ParameterizedTest(name = "{0} intercept={1}")
  @MethodSource("org.sparsetune.solver.LowerLevelSolverContract#lossIntercept")
  void zeroPenaltiesWithRidgeMatchReference(Loss loss, boolean intercept) {
    Pair pair = standardProblem(loss, 1.0, intercept, 10).withPenalties(new double[P]);
    FistaReference.Solution s = reference(pair.dense());
    for (Storage storage : Storage.values()) {
      SolverResult r = solveConverged(pair.in(storage), WarmStart.COLD, ACCURATE);
      assertEquals(P, r.nonzeros(), "ridge solutions are dense");
      assertMatchesReference(r, s);
    }
  }

  /**
   * An empty column has ∇_j F = l2·y_j, so y_j* = 0 whenever w_j &gt; 0 or l2 &gt; 0: checked with
   * l2 = 0 and w_j &gt; 0, and with l2 &gt; 0 and w_j = 0. The rest must match the reference.
   */
  @ParameterizedTest(name = "{0} intercept={1}")
  @MethodSource("org.sparsetune.solver.LowerLevelSolverContract#lossIntercept")
  void emptyColumnGetsAZeroCoefficient(Loss loss, boolean intercept) {
    for (double l2 : new double[] {0.0, 0.05}) {
      Pair pair =
          RandomProblems.generate(
              Spec.of(loss, N, P).withDensity(0.25).withIntercept(intercept).withL2(l2), 11);
      int[] empty = RandomProblems.emptyColumns(pair.csc().design());
      assertTrue(empty.length > 0);
      double[] w = pair.csc().penalties().clone();
      if (l2 > 0.0) {
        for (int j : empty) {
          w[j] = 0.0;
        }
      }
      Pair problems = pair.withPenalties(w);
      FistaReference.Solution s = reference(problems.dense());
      for (Storage storage : Storage.values()) {
        SolverResult r = solveConverged(problems.in(storage), WarmStart.COLD, ACCURATE);
        for (int j : empty) {
          assertEquals(0.0, r.coefficients()[j], 0.0, "empty column " + j + ", l2 = " + l2);
        }
        assertMatchesReference(r, s);
      }
    }
  }

  /**
   * The degenerate but valid case of an empty column with l2 = 0 and w_j = 0: its coefficient does
   * not enter the objective at all, so any value is optimal. The solver must not divide by the zero
   * curvature: the solve converges, the coefficient stays finite (at its start value 0 from a cold
   * start), and the other coefficients match a reference solve of the same problem.
   */
  @ParameterizedTest(name = "{0} intercept={1}")
  @MethodSource("org.sparsetune.solver.LowerLevelSolverContract#lossIntercept")
  void emptyColumnWithoutAnyCurvatureIsHarmless(Loss loss, boolean intercept) {
    Pair pair =
        RandomProblems.generate(
            Spec.of(loss, N, P).withDensity(0.25).withIntercept(intercept).withL2(0.0), 12);
    int[] empty = RandomProblems.emptyColumns(pair.csc().design());
    double[] w = pair.csc().penalties().clone();
    for (int j : empty) {
      w[j] = 0.0;
    }
    Pair problems = pair.withPenalties(w);
    FistaReference.Solution s = reference(problems.dense());
    for (Storage storage : Storage.values()) {
      SolverResult r = solveConverged(problems.in(storage), WarmStart.COLD, ACCURATE);
      for (int j : empty) {
        assertEquals(0.0, r.coefficients()[j], 0.0, "empty column " + j + " from a cold start");
      }
      assertMatchesReference(r, s);
    }
  }

  /**
   * An empty row contributes only through the intercept (quadratic: (b_i - c)²; logistic: log(1 +
   * exp(-b_i c))). Rows of a dense problem are zeroed so the empty rows are the only sparsity.
   */
  @ParameterizedTest(name = "{0} intercept={1}")
  @MethodSource("org.sparsetune.solver.LowerLevelSolverContract#lossIntercept")
  void emptyRowsMatchReference(Loss loss, boolean intercept) {
    LowerLevelProblem base = standardProblem(loss, 1.0, intercept, 13).dense();
    DenseMatrix a = (DenseMatrix) base.design();
    double[] data = a.data().clone();
    for (int i : new int[] {0, 17, N - 1}) {
      for (int j = 0; j < P; j++) {
        data[j * N + i] = 0.0;
      }
    }
    Pair pair =
        RandomProblems.inBothStorages(
            RandomProblems.withDesign(base, DenseMatrix.ofColumnMajor(N, P, data)));
    assertEquals(3, RandomProblems.emptyRows(pair.csc().design()).length);
    FistaReference.Solution s = reference(pair.dense());
    for (Storage storage : Storage.values()) {
      SolverResult r = solveConverged(pair.in(storage), WarmStart.COLD, ACCURATE);
      assertMatchesReference(r, s);
    }
  }

  /** More features than rows (p = 60 > n = 30), where only l2 makes the problem strongly convex. */
  @ParameterizedTest(name = "{0} intercept={1}")
  @MethodSource("org.sparsetune.solver.LowerLevelSolverContract#lossIntercept")
  void moreFeaturesThanRows(Loss loss, boolean intercept) {
    for (double density : new double[] {1.0, 0.3}) {
      Pair pair =
          RandomProblems.generate(
              Spec.of(loss, 30, 60).withDensity(density).withIntercept(intercept), 14);
      FistaReference.Solution s = reference(pair.dense());
      for (Storage storage : Storage.values()) {
        SolverResult r = solveConverged(pair.in(storage), WarmStart.COLD, ACCURATE);
        assertMatchesReference(r, s);
        assertTrue(r.nonzeros() < 60, "the L1 penalties keep the solution sparse");
      }
    }
  }

  /**
   * A budget of one pass cannot solve these problems to 1e-8 from a cold start: the solver must say
   * ITERATION_LIMIT (not CONVERGED), stay within its budget, and report its true, larger-than-
   * tolerance KKT violation.
   */
  @ParameterizedTest(name = "{0} intercept={1}")
  @MethodSource("org.sparsetune.solver.LowerLevelSolverContract#lossIntercept")
  void tooSmallPassBudgetReportsIterationLimit(Loss loss, boolean intercept) {
    Pair pair =
        RandomProblems.generate(
            Spec.of(loss, N, P).withIntercept(intercept).withPenaltyFractions(0.01, 0.1), 15);
    for (int budget : new int[] {1, 2}) {
      SolverOptions tight = DEFAULT.withMaxPasses(budget);
      for (Storage storage : Storage.values()) {
        LowerLevelProblem problem = pair.in(storage);
        SolverResult r = solver(tight).solve(problem, WarmStart.COLD);
        assertHonest(problem, r);
        assertEquals(Termination.ITERATION_LIMIT, r.termination(), storage + ", budget " + budget);
        assertTrue(!r.converged());
        assertTrue(r.passes() <= budget, r.passes() + " passes with a budget of " + budget);
        assertTrue(
            r.kktViolation() > tight.tolerance(),
            "an unconverged result reports KKT " + r.kktViolation());
      }
    }
  }

  /** Invalid warm starts are rejected with a message, not silently used. */
  @Test
  void warmStartOfWrongLengthIsRejected() {
    LowerLevelProblem problem = standardProblem(Loss.QUADRATIC, 1.0, false, 16).dense();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> solver(DEFAULT).solve(problem, new WarmStart(new double[P + 1], 0.0)));
    assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
  }
}
