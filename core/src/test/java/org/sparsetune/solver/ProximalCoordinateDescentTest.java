package org.sparsetune.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparsetune.data.HeavyTailedSparseDesign;
import org.sparsetune.data.LabeledData;
import org.sparsetune.testing.RandomProblems;
import org.sparsetune.testing.RandomProblems.Spec;
import org.sparsetune.testing.Tolerances;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.linalg.DenseMatrix;

/**
 * {@link ProximalCoordinateDescent}: the {@link LowerLevelSolverContract}, plus what is specific
 * to this solver (its default options, its pass accounting, working sets smaller than the
 * support).
 */
class ProximalCoordinateDescentTest extends LowerLevelSolverContract {

  @Override
  protected LowerLevelSolver solver(SolverOptions options) {
    return new ProximalCoordinateDescent(options);
  }

  /** The no-argument constructor runs with {@link SolverOptions#DEFAULTS} (tolerance 1e-8). */
  @ParameterizedTest
  @EnumSource(Loss.class)
  void defaultConstructorUsesDefaultOptions(Loss loss) {
    ProximalCoordinateDescent s = new ProximalCoordinateDescent();
    assertEquals(SolverOptions.DEFAULTS, s.options());
    LowerLevelProblem problem = standardProblem(loss, 1.0, true, 21).dense();
    SolverResult r = s.solve(problem, WarmStart.COLD);
    assertConverged(problem, r, SolverOptions.DEFAULTS);
    assertTrue(r.kktViolation() <= 1e-8);
  }

  /** A non-finite warm start ends the solve as NON_FINITE instead of producing numbers. */
  @ParameterizedTest
  @EnumSource(Loss.class)
  void nonFiniteWarmStartIsReported(Loss loss) {
    LowerLevelProblem problem = standardProblem(loss, 1.0, false, 24).dense();
    for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY}) {
      double[] start = new double[P];
      start[1] = 0.5;
      start[3] = bad;
      SolverResult r = solver(DEFAULT).solve(problem, new WarmStart(start, 0.0));
      assertEquals(Termination.NON_FINITE, r.termination(), "start " + bad);
      assertTrue(!r.converged());
    }
  }

  /**
   * A warm start that names its stored entries (a fold state's: every other coefficient is +0.0)
   * lets the solver read only those instead of all p; the solve's bits are those of the same start
   * without the names — also when the stored entries hold zeros (−0.0 and +0.0) — for both losses
   * on both storages; an entry outside the names is not read at all. Names that do not ascend
   * within the coefficients are refused.
   */
  @ParameterizedTest
  @EnumSource(Loss.class)
  void aWarmStartNamingItsStoredEntriesGivesTheSameBits(Loss loss) {
    LowerLevelProblem dense = standardProblem(loss, 0.5, false, 31).dense();
    SolverResult first = solveConverged(dense, WarmStart.COLD, DEFAULT);
    double[] start = first.coefficients().clone();
    int[] stored = new int[P];
    int count = 0;
    for (int j = 0; j < P; j++) {
      if (start[j] != 0.0 || j % 7 == 0) {
        stored[count++] = j; // the nonzeros and a few zeros
      }
    }
    start[0] = -0.0;
    stored = Arrays.copyOf(stored, count);
    assertTrue(count < P && first.nonzeros() > 2, "stored " + count + " of " + P);
    LowerLevelProblem moved = dense.withPenalties(scaled(dense.penalties(), 1.1));
    for (LowerLevelProblem problem :
        new LowerLevelProblem[] {moved, RandomProblems.withDesign(moved, CscMatrix.copyOf(
            (DenseMatrix) moved.design()))}) {
      SolverResult plain = solver(DEFAULT).solve(problem, new WarmStart(start, 0.0));
      SolverResult named = solver(DEFAULT).solve(problem, new WarmStart(start, 0.0, stored));
      assertConverged(problem, named, DEFAULT);
      assertTrue(Arrays.equals(plain.coefficients(), named.coefficients()));
      assertEquals(plain.passes(), named.passes());
      assertEquals(plain.kktViolation(), named.kktViolation(), 0.0);
    }
    // Only the named entries are read: one outside them counts as the +0.0 it is promised to be.
    int outside = 1;
    while (Arrays.binarySearch(stored, outside) >= 0) {
      outside++;
    }
    double[] promised = start.clone();
    promised[outside] = 0.25;
    assertTrue(Arrays.equals(
        solver(DEFAULT).solve(moved, new WarmStart(start, 0.0)).coefficients(),
        solver(DEFAULT).solve(moved, new WarmStart(promised, 0.0, stored)).coefficients()));
    // A result names its own nonzeros (the contract checks them), and a warm start from it
    // reads only those: the same bits as from its dense coefficients.
    assertTrue(first.stored() != null && first.stored().length == first.nonzeros());
    assertTrue(WarmStart.from(first).stored() == first.stored());
    assertTrue(Arrays.equals(
        solver(DEFAULT).solve(moved, new WarmStart(first.coefficients(), 0.0)).coefficients(),
        solver(DEFAULT).solve(moved, WarmStart.from(first)).coefficients()));
    assertThrows(IllegalArgumentException.class,
        () -> new WarmStart(start, 0.0, new int[] {2, 1}));
    assertThrows(IllegalArgumentException.class,
        () -> new WarmStart(start, 0.0, new int[] {P}));
  }

  /**
   * The bench-solver scenario on real rows (the bundled w8a and mnist01 samples, CSC, logistic):
   * a warm start after every penalty rose by 1% takes exact Newton steps, the second of which may
   * reuse the first one's Gram block (a chord step), both on the warm support before any full
   * pass. It must end where a cold solve ends, also when lower penalties let features join.
   */
  @ParameterizedTest(name = "{0} at {1}·α_max")
  @org.junit.jupiter.params.provider.CsvSource({"w8a-sample.libsvm, 0.1", "w8a-sample.libsvm, 0.01",
      "mnist01-sample.libsvm.xz, 0.1", "mnist01-sample.libsvm.xz, 0.01"})
  void warmStartsOnRealRowsEndWhereColdSolvesEnd(String sample, double fraction) {
    java.nio.file.Path file = java.nio.file.Path.of(
        System.getProperty("sparsetune.samples", "../data-samples"), sample);
    org.sparsetune.data.LabeledData d = org.sparsetune.data.LibsvmReader.read(file,
        org.sparsetune.data.LibsvmOptions.binary());
    assertTrue(d.features() instanceof CscMatrix);
    LowerLevelProblem base = new LowerLevelProblem(d.features(), d.labels(), Loss.LOGISTIC,
        1.0 / d.rows(), new double[d.cols()], false);
    double[] w = new double[d.cols()];
    Arrays.fill(w, fraction * Kkt.maxUniformPenalty(base));
    SolverOptions tight = SolverOptions.DEFAULTS.withTolerance(1e-9);
    ProximalCoordinateDescent solver = new ProximalCoordinateDescent(tight);
    SolverResult first = solver.solve(base.withPenalties(w), WarmStart.COLD);
    assertConverged(base.withPenalties(w), first, tight);
    LowerLevelProblem after = base.withPenalties(scaled(w, 1.01));
    warmEndsWhereColdEnds(solver, after, first, 1e-7);
    // At the benchmark's tolerance the warm start's first round on its own support (two Newton
    // steps, no full pass) already ends the solve where the support holds: the final check is
    // its only full pass.
    ProximalCoordinateDescent bench =
        new ProximalCoordinateDescent(SolverOptions.DEFAULTS.withTolerance(1e-7));
    SolverResult benchFirst = bench.solve(base.withPenalties(w), WarmStart.COLD);
    SolverResult benchWarm = bench.solve(after, WarmStart.from(benchFirst));
    assertConverged(after, benchWarm, SolverOptions.DEFAULTS.withTolerance(1e-7));
    if (support(benchFirst.coefficients()).equals(support(benchWarm.coefficients()))) {
      assertEquals(1, benchWarm.fullPasses(), "full passes of the warm solve");
    }
    // Penalties lowered by 30%: features outside the warm support must join after that round.
    SolverResult below = warmEndsWhereColdEnds(solver, base.withPenalties(scaled(w, 0.7)), first,
        1e-6);
    assertTrue(support(below.coefficients()).size() > support(first.coefficients()).size());
    assertTrue(below.fullPasses() >= 2, "full passes " + below.fullPasses());
  }

  /** Solves warm from {@code from} and cold; both converge, to the same point. Returns the warm. */
  private static SolverResult warmEndsWhereColdEnds(ProximalCoordinateDescent solver,
      LowerLevelProblem problem, SolverResult from, double coefficientTolerance) {
    SolverResult warm = solver.solve(problem, WarmStart.from(from));
    SolverResult cold = solver.solve(problem, WarmStart.COLD);
    assertConverged(problem, warm, solver.options());
    assertConverged(problem, cold, solver.options());
    assertArrayEquals(cold.coefficients(), warm.coefficients(), coefficientTolerance);
    assertEquals(cold.objective(), warm.objective(), 1e-12);
    return warm;
  }

  private static double[] scaled(double[] w, double factor) {
    double[] out = w.clone();
    for (int j = 0; j < out.length; j++) {
      out[j] *= factor;
    }
    return out;
  }

  private static java.util.List<Integer> support(double[] y) {
    java.util.List<Integer> s = new java.util.ArrayList<>();
    for (int j = 0; j < y.length; j++) {
      if (y[j] != 0.0) {
        s.add(j);
      }
    }
    return s;
  }

  @Test
  void nullOptionsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new ProximalCoordinateDescent(null));
  }

  /**
   * Convergence is only ever declared after a check over all p features (a full pass); the passes
   * stay within the budget.
   */
  @ParameterizedTest
  @EnumSource(Loss.class)
  void convergenceIsCertifiedByAFullPass(Loss loss) {
    SolverOptions options = DEFAULT.withMaxPasses(500);
    for (boolean intercept : new boolean[] {false, true}) {
      LowerLevelProblem problem = standardProblem(loss, 0.25, intercept, 22).csc();
      SolverResult r = solver(options).solve(problem, WarmStart.COLD);
      assertConverged(problem, r, options);
      assertTrue(r.fullPasses() >= 1, "full passes " + r.fullPasses());
      assertTrue(r.passes() >= 1 && r.passes() <= options.maxPasses(), "passes " + r.passes());
    }
  }

  /**
   * A working set that starts at one feature (it must grow by doubling) still reaches the same
   * solution as the reference, on a problem whose support is much larger than one.
   */
  @ParameterizedTest
  @EnumSource(Loss.class)
  void tinyInitialWorkingSetStillConverges(Loss loss) {
    SolverOptions options = new SolverOptions(ACCURATE.tolerance(), 100_000, 1);
    for (boolean intercept : new boolean[] {false, true}) {
      LowerLevelProblem problem =
          RandomProblems.generate(
                  Spec.of(loss, N, P).withIntercept(intercept).withPenaltyFractions(0.02, 0.2), 23)
              .dense();
      SolverResult r = solver(options).solve(problem, WarmStart.COLD);
      assertConverged(problem, r, options);
      assertTrue(r.nonzeros() > 5, "support " + r.nonzeros());
      assertMatchesReference(r, reference(problem));
    }
  }

  /** Every penalty {@code fraction · α_max · factor} (the factor as a product, as a path applies it). */
  private static double[] uniformPenalties(LowerLevelProblem base, double fraction, double factor) {
    double[] w = new double[base.design().cols()];
    Arrays.fill(w, fraction * Kkt.maxUniformPenalty(base));
    for (int j = 0; j < w.length; j++) {
      w[j] *= factor;
    }
    return w;
  }

  /**
   * A text-shaped logistic problem: a 2,000 × 20,000 CSC design with 120,000 entries whose
   * column frequencies follow a Zipf law, labels from 50 signal features, l2 = 1/n.
   */
  private static LowerLevelProblem heavyTailedLogistic(long seed, boolean intercept) {
    LabeledData data = new HeavyTailedSparseDesign(2000, 20_000, 120_000L, 1.0, 50, seed).generate();
    return new LowerLevelProblem(data.features(), data.labels(), Loss.LOGISTIC, 1.0 / data.rows(),
        new double[data.cols()], intercept);
  }

  /**
   * A w8a-shaped logistic problem on dense storage: binary features, feature j in a fraction
   * {@code density·decay^j} of the rows, labels drawn from a model on every third feature (its
   * coefficients {@code truth}, or drawn from the seed's generator when null).
   */
  private static LowerLevelProblem frequentBinaryLogistic(int n, int p, long seed, double density,
      double decay, double[] truth) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] rows = new double[n][p];
    if (truth == null) {
      truth = new double[p];
      for (int j = 0; j < p; j += 3) {
        truth[j] = rng.nextDouble(-1.5, 1.5);
      }
    }
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      double margin = 0.0;
      for (int j = 0; j < p; j++) {
        if (rng.nextDouble() < density * Math.pow(decay, j)) {
          rows[i][j] = 1.0;
          margin += truth[j];
        }
      }
      labels[i] = rng.nextDouble() < 1.0 / (1.0 + Math.exp(-margin)) ? 1.0 : -1.0;
    }
    return new LowerLevelProblem(DenseMatrix.ofRows(rows), labels, Loss.LOGISTIC, 1.0 / n,
        new double[p], false);
  }

  /**
   * A w8a-shaped problem — binary features, a few of them in a third of the rows, small penalty —
   * is where the exact Newton steps run their active-set rounds on one Gram block per step (CSC
   * data, {@link org.sparsetune.linalg.WeightedGram.WorkingSetGram}); dense data forms each
   * round's Gram afresh. Cold and warm solves (after a 1% penalty increase) reach the tolerance
   * on both storages and agree.
   */
  @Test
  void frequentBinaryFeaturesGiveTheSameSolutionOnCscAndDense() {
    int n = 1500;
    int p = 60;
    LowerLevelProblem base = frequentBinaryLogistic(n, p, 31L, 0.35, 0.93, null);
    DenseMatrix dense = (DenseMatrix) base.design();
    double[] penalties = uniformPenalties(base, 0.01, 1.0);
    double[] raised = uniformPenalties(base, 0.01, 1.01);
    for (double[] w : new double[][] {penalties, raised}) {
      LowerLevelProblem onDense = base.withPenalties(w);
      LowerLevelProblem onCsc = RandomProblems.withDesign(onDense, CscMatrix.copyOf(dense));
      SolverResult d = solveConverged(onDense, WarmStart.COLD, ACCURATE);
      SolverResult c = solveConverged(onCsc, WarmStart.COLD, ACCURATE);
      assertTrue(c.nonzeros() > 10, "support " + c.nonzeros());
      assertArrayEquals(d.coefficients(), c.coefficients(), Tolerances.STORAGE_AGREEMENT_ABS);
      LowerLevelProblem warmDense = base.withPenalties(raised);
      SolverResult warm = solveConverged(
          RandomProblems.withDesign(warmDense, CscMatrix.copyOf(dense)), WarmStart.from(c), ACCURATE);
      SolverResult warmReference = solveConverged(warmDense, WarmStart.COLD, ACCURATE);
      assertArrayEquals(
          warmReference.coefficients(), warm.coefficients(), Tolerances.STORAGE_AGREEMENT_ABS);
    }
  }

  /**
   * A warm start after a penalty increase drops coordinates in its first Newton step; the next
   * step then reuses that step's Gram block (a chord step) instead of forming one for the smaller
   * support, and a chord step that cuts the violation fourfold is followed by another. The warm
   * CSC solve still ends where the dense solver's cold solve ends.
   */
  @Test
  void aWarmStepThatDropsCoordinatesIsFollowedByChordSteps() {
    int p = 60;
    LowerLevelProblem base = frequentBinaryLogistic(1500, p, 31L, 0.35, 0.93, null);
    DenseMatrix dense = (DenseMatrix) base.design();
    double[] penalties = uniformPenalties(base, 0.01, 1.0);
    double[] raised = uniformPenalties(base, 0.01, 1.05);
    ProximalCoordinateDescent solver = new ProximalCoordinateDescent(ACCURATE);
    LowerLevelProblem start =
        RandomProblems.withDesign(base.withPenalties(penalties), CscMatrix.copyOf(dense));
    SolverResult first = solver.solve(start, WarmStart.COLD);
    assertConverged(start, first, ACCURATE);
    long chords = solver.chordSteps();
    LowerLevelProblem onCsc =
        RandomProblems.withDesign(base.withPenalties(raised), CscMatrix.copyOf(dense));
    SolverResult warm = solver.solve(onCsc, WarmStart.from(first));
    assertConverged(onCsc, warm, ACCURATE);
    assertTrue(warm.nonzeros() < first.nonzeros(), "support " + first.nonzeros() + " -> "
        + warm.nonzeros());
    assertTrue(solver.chordSteps() > chords, "chord steps " + (solver.chordSteps() - chords));
    SolverResult reference =
        solveConverged(base.withPenalties(raised), WarmStart.COLD, ACCURATE);
    assertArrayEquals(
        reference.coefficients(), warm.coefficients(), Tolerances.STORAGE_AGREEMENT_ABS);
  }

  /**
   * On CSC columns half full (mnist01-shaped) at a small penalty, the exact step's Gram block is
   * cheap to form densely though its row-by-row pair count is dear: the exact step is priced by
   * the cheaper formation and taken (9 passes here, 36 when priced by the pair count alone).
   */
  @Test
  void exactStepsArePricedByTheCheaperFormation() {
    int n = 1500;
    int p = 150;
    SplittableRandom rng = new SplittableRandom(5);
    CscMatrix a = RandomProblems.sparseDesign(rng, n, p, 0.5, 0, 0);
    double[] truth = RandomProblems.sparseCoefficients(rng, p, 20);
    for (int j = 0; j < p; j++) {
      truth[j] *= 0.3;
    }
    double[] labels = RandomProblems.logisticLabels(rng, a, truth, 0.0);
    LowerLevelProblem base =
        new LowerLevelProblem(a, labels, Loss.LOGISTIC, 1.0 / n, new double[p], false);
    LowerLevelProblem problem = base.withPenalties(uniformPenalties(base, 0.003, 1.0));
    SolverResult r = solveConverged(problem, WarmStart.COLD, DEFAULT);
    assertTrue(r.nonzeros() > 100, "support " + r.nonzeros());
    assertTrue(r.passes() <= 15, "passes " + r.passes());
  }

  /**
   * On heavy-tailed text-like data (a 2,000 × 20,000 Zipf design) the support's frequent columns
   * are correlated, the exact step's Gram block is dear, and coordinate descent on the Newton
   * model creeps. Conjugate gradients on the support solve the model in a few products: without an
   * intercept the cold solve takes 59 passes here (107 by coordinate descent alone) and the warm
   * solve after a 1% penalty increase 14 (50). With an intercept — one more unknown, its column
   * all ones — the gain is smaller (95 and 22 passes against 98 and 28). Either way the warm solve
   * ends where a new solver's cold solve ends, intercept included.
   */
  @ParameterizedTest(name = "intercept {0}")
  @ValueSource(booleans = {false, true})
  void conjugateGradientsSolveTheNewtonModelOnHeavyTailedData(boolean intercept) {
    SolverResult[] coldWarm = coldThenWarmWithConjugateGradients(heavyTailedLogistic(1L, intercept));
    SolverResult cold = coldWarm[0];
    if (intercept) {
      assertTrue(cold.intercept() != 0.0, "intercept " + cold.intercept());
    } else {
      assertTrue(cold.passes() <= 80, "cold passes " + cold.passes());
      assertTrue(coldWarm[1].passes() <= 20, "warm passes " + coldWarm[1].passes());
    }
  }

  /**
   * One solver solves {@code base} at 0.03·α_max cold, then warm after every penalty rose by 1%:
   * both converge with conjugate-gradient iterations of their own on a support of over 1,000
   * features, and the warm solve ends where a new solver's cold solve ends (intercept included).
   *
   * @return the cold and the warm result
   */
  private SolverResult[] coldThenWarmWithConjugateGradients(LowerLevelProblem base) {
    LowerLevelProblem problem = base.withPenalties(uniformPenalties(base, 0.03, 1.0));
    LowerLevelProblem raised = base.withPenalties(uniformPenalties(base, 0.03, 1.01));
    ProximalCoordinateDescent solver = new ProximalCoordinateDescent(ACCURATE);
    SolverResult cold = solver.solve(problem, WarmStart.COLD);
    assertConverged(problem, cold, ACCURATE);
    long iterations = solver.conjugateGradientIterations();
    assertTrue(iterations > 0, "no conjugate-gradient iteration in the cold solve");
    assertTrue(cold.nonzeros() > 1000, "support " + cold.nonzeros());
    SolverResult warm = solver.solve(raised, WarmStart.from(cold));
    assertConverged(raised, warm, ACCURATE);
    assertTrue(solver.conjugateGradientIterations() > iterations, "none in the warm solve");
    SolverResult reference = solveConverged(raised, WarmStart.COLD, ACCURATE);
    assertArrayEquals(
        reference.coefficients(), warm.coefficients(), Tolerances.WARM_COLD_AGREEMENT_ABS);
    assertEquals(reference.intercept(), warm.intercept(), Tolerances.WARM_COLD_AGREEMENT_ABS);
    return new SolverResult[] {cold, warm};
  }

  /**
   * The quadratic loss on the same heavy-tailed design: cyclic coordinate descent on its
   * correlated frequent columns cut the violation slowly (cold 329 passes here, warm 165 after a
   * 1% penalty increase; with an intercept 192 and 64). Once the passes slow down, conjugate
   * gradients solve the round's support (83 and 22 passes; 144 and 27), and the solve ends where
   * a new solver's cold solve ends.
   */
  @ParameterizedTest(name = "intercept {0}")
  @ValueSource(booleans = {false, true})
  void conjugateGradientsSolveTheQuadraticLossOnHeavyTailedData(boolean intercept) {
    LabeledData data = new HeavyTailedSparseDesign(2000, 20_000, 120_000L, 1.0, 50, 1L).generate();
    SolverResult[] coldWarm = coldThenWarmWithConjugateGradients(new LowerLevelProblem(
        data.features(), data.labels(), Loss.QUADRATIC, 1.0 / data.rows(), new double[data.cols()],
        intercept));
    assertTrue(coldWarm[1].passes() <= 45, "warm passes " + coldWarm[1].passes());
    if (!intercept) {
      assertTrue(coldWarm[0].passes() <= 150, "cold passes " + coldWarm[0].passes());
    }
  }

  /**
   * After a 1% penalty increase the coordinates that the Newton model takes through zero are the
   * ones whose Jacobi step reaches it: the conjugate gradients fix them at zero before the first
   * product, and none crosses later (each crossing would cost a residual pass and a re-solve).
   * The few predicted wrongly — the model at its solution wants them back on their side — rejoin
   * the unknowns, and the solve ends where a cold solve ends.
   */
  @Test
  void conjugateGradientsPredictTheCoordinatesThatWillCrossZero() {
    ProximalCoordinateDescent solver = new ProximalCoordinateDescent(ACCURATE);
    SolverResult[] startWarm =
        warmAfterRaisingEveryPenalty(solver, heavyTailedLogistic(1L, false), 1.01);
    assertTrue(solver.conjugateGradientPredicted() > 10,
        "predicted " + solver.conjugateGradientPredicted());
    assertEquals(0, solver.conjugateGradientCrossings(), "crossings not predicted");
    assertTrue(solver.conjugateGradientReleased() > 0, "no prediction taken back");
    assertTrue(
        solver.conjugateGradientReleased() < solver.conjugateGradientPredicted() / 10,
        "released " + solver.conjugateGradientReleased());
    assertTrue(startWarm[1].nonzeros() < startWarm[0].nonzeros(),
        "support " + startWarm[0].nonzeros() + " -> " + startWarm[1].nonzeros());
  }

  /**
   * A new solver's cold solve of {@code base} at 0.03·α_max, then {@code solver}'s warm solve
   * from it after every penalty was multiplied by {@code factor}: converged, and where a new
   * solver's cold solve of the raised problem ends.
   *
   * @return the start and the warm result
   */
  private SolverResult[] warmAfterRaisingEveryPenalty(
      ProximalCoordinateDescent solver, LowerLevelProblem base, double factor) {
    LowerLevelProblem problem = base.withPenalties(uniformPenalties(base, 0.03, 1.0));
    LowerLevelProblem raised = base.withPenalties(uniformPenalties(base, 0.03, factor));
    SolverResult start = solveConverged(problem, WarmStart.COLD, ACCURATE);
    SolverResult warm = solver.solve(raised, WarmStart.from(start));
    assertConverged(raised, warm, ACCURATE);
    SolverResult reference = solveConverged(raised, WarmStart.COLD, ACCURATE);
    assertArrayEquals(
        reference.coefficients(), warm.coefficients(), Tolerances.WARM_COLD_AGREEMENT_ABS);
    return new SolverResult[] {start, warm};
  }

  /**
   * A warm start after a 30% penalty increase: the Newton model moves many support coordinates
   * through zero, more than a tenth of the support, where the Jacobi steps no longer tell which
   * (the coupling does). The conjugate gradients fix each at zero as it crosses and solve the rest
   * again; the solve still ends where a cold solve ends, on a smaller support.
   */
  @Test
  void conjugateGradientsFixCoordinatesThatCrossZero() {
    ProximalCoordinateDescent solver = new ProximalCoordinateDescent(ACCURATE);
    SolverResult[] startWarm =
        warmAfterRaisingEveryPenalty(solver, heavyTailedLogistic(2L, false), 1.3);
    assertTrue(solver.conjugateGradientIterations() > 0, "no conjugate gradients");
    assertTrue(solver.conjugateGradientCrossings() > 0, "no coordinate crossed zero");
    // Too many Jacobi steps reach zero for the prediction: coupling decides which cross.
    assertEquals(0, solver.conjugateGradientPredicted(), "predicted");
    assertTrue(startWarm[1].nonzeros() < startWarm[0].nonzeros() - 100,
        "support " + startWarm[0].nonzeros() + " -> " + startWarm[1].nonzeros());
  }

  /**
   * The exact Newton step starts its active set with the support and the zero coordinates that
   * already violate their condition (their gradient beyond the penalty): on a w8a-shaped cold
   * solve they then take their entering coordinates in one Gram block each instead of round by
   * round, and the solve needs less than half the passes. Same solution either way (the contract
   * tests hold every solve to the tolerance).
   */
  @Test
  void exactStepsStartWithTheViolatorsTheyWillTake() {
    int p = 120;
    LowerLevelProblem dense = frequentBinaryLogistic(3000, p, 31L, 0.35, 0.97, null);
    LowerLevelProblem base = RandomProblems.withDesign(dense, CscMatrix.copyOf(dense.design()));
    double[] w = new double[p];
    Arrays.fill(w, 0.01 * Kkt.maxUniformPenalty(base));
    LowerLevelProblem problem = base.withPenalties(w);
    SolverResult r = solveConverged(problem, WarmStart.COLD, ACCURATE);
    assertTrue(r.nonzeros() > 50, "support " + r.nonzeros());
    assertTrue(r.passes() <= 24, "passes " + r.passes()); // 15 here, 36 without the prediction
  }

  /**
   * A solver hands its last working set (transposed, its pairs counted) to its next solve on the
   * same matrix. Along a warm-started path of penalty changes, and when the matrix changes under
   * it, a reused solver gives the very bits, passes and KKT values of a new solver per solve
   * (what makes a Spark run independent of which executor solved what before) — and the
   * hand-over does happen on this w8a-shaped problem.
   */
  @Test
  void aSolverReusingItsLastWorkingSetGivesTheBitsOfNewSolvers() {
    int p = 50;
    double[] truth = new double[p];
    for (int j = 0; j < p; j += 3) {
      truth[j] = 0.8 - 0.02 * j;
    }
    // That a handed-over working set chooses its Gram formation as a new one would is asserted
    // where the choice is made (WorkingSetGramTest.aHandedOverWorkingSetChoosesTheFormationOfANewOne).
    LowerLevelProblem dense = frequentBinaryLogistic(1200, p, 41L, 0.4, 0.94, truth);
    CscMatrix other = CscMatrix.copyOf(dense.design()); // equal, another object
    LowerLevelProblem base = RandomProblems.withDesign(dense, CscMatrix.copyOf(dense.design()));
    double wMax = Kkt.maxUniformPenalty(base);
    ProximalCoordinateDescent reused = new ProximalCoordinateDescent(ACCURATE);
    SolverResult previous = null;
    for (int step = 0; step < 10; step++) {
      double[] w = new double[p];
      for (int j = 0; j < p; j++) {
        w[j] = wMax * (step < 5 ? 0.02 : 0.005) * (1.0 + 0.005 * step * ((j * 7 + step) % 5));
      }
      LowerLevelProblem problem = base.withPenalties(w);
      if (step == 7) {
        problem = RandomProblems.withDesign(problem, other);
      }
      WarmStart start = previous == null ? WarmStart.COLD : WarmStart.from(previous);
      SolverResult r = reused.solve(problem, start);
      SolverResult fresh = new ProximalCoordinateDescent(ACCURATE).solve(problem, start);
      assertConverged(problem, r, ACCURATE);
      assertTrue(r.nonzeros() > 5, "support " + r.nonzeros());
      assertTrue(Arrays.equals(fresh.coefficients(), r.coefficients()), "step " + step);
      assertEquals(fresh.passes(), r.passes(), "step " + step);
      assertEquals(fresh.fullPasses(), r.fullPasses(), "step " + step);
      assertEquals(fresh.kktViolation(), r.kktViolation(), 0.0, "step " + step);
      previous = r;
    }
    assertTrue(reused.reusedWorkingSets() >= 3, "reused " + reused.reusedWorkingSets());
  }

  /**
   * On CSC data the full check skips a zero coordinate whose bound ||a_j||₁·max|rowDeriv|/n is
   * within its penalty. Text-shaped data (most columns hold one or two entries) with penalties
   * spread around that bound, so that over a quarter of the columns are skipped at the solution
   * and the others are computed — among them the ones that join after a penalty cut: cold and
   * warm solves reach the tolerance by an independent recomputation over every column, and agree
   * with dense storage, where nothing is skipped.
   */
  @ParameterizedTest
  @EnumSource(Loss.class)
  void screenedColumnsHideNoViolator(Loss loss) {
    int n = 300;
    int p = 2000;
    SplittableRandom rng = new SplittableRandom(loss.ordinal() + 57L);
    double[][] rows = new double[n][p];
    for (int j = 0; j < p; j++) {
      int entries = Math.max(1, (int) (120.0 / (j + 1)));
      for (int e = 0; e < entries; e++) {
        rows[rng.nextInt(n)][j] = rng.nextDouble(-2.0, 2.0);
      }
    }
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      double margin = rows[i][0] - rows[i][1] + 0.5 * rows[i][2] + rng.nextGaussian();
      labels[i] = loss == Loss.LOGISTIC ? (margin > 0.0 ? 1.0 : -1.0) : margin;
    }
    DenseMatrix dense = DenseMatrix.ofRows(rows);
    CscMatrix csc = CscMatrix.copyOf(dense);
    float[] absSums = csc.columnAbsSums();
    assertTrue(absSums == csc.columnAbsSums(), "the sums are kept with the matrix");
    // At y = 0 the derivatives are b_i/2 (logistic) or -b_i: the scale of the bound.
    double scale = 0.0;
    for (double b : labels) {
      scale = Math.max(scale, loss == Loss.LOGISTIC ? 0.5 : Math.abs(b));
    }
    double[] penalties = new double[p];
    for (int j = 0; j < p; j++) {
      double exact = columnAbsSum(rows, j);
      assertTrue(absSums[j] >= exact && absSums[j] <= exact * (1.0 + 0x1p-22),
          "||a_" + j + "||₁ = " + exact + ", kept as " + absSums[j]);
      penalties[j] = exact * scale / n * rng.nextDouble(0.2, 3.0);
    }
    LowerLevelProblem onDense = new LowerLevelProblem(dense, labels, loss, 0.05, penalties, false);
    LowerLevelProblem onCsc = RandomProblems.withDesign(onDense, csc);
    SolverResult d = solveConverged(onDense, WarmStart.COLD, ACCURATE);
    SolverResult c = solveConverged(onCsc, WarmStart.COLD, ACCURATE);
    assertArrayEquals(d.coefficients(), c.coefficients(), Tolerances.STORAGE_AGREEMENT_ABS);
    int skipped = screenedAt(onCsc, c, absSums);
    assertTrue(skipped > p / 4 && skipped < p - 20, "columns the screen skips: " + skipped);
    assertTrue(c.nonzeros() >= 3, "support " + c.nonzeros());
    // A 20% cut: features join, found among the columns the screen does not skip.
    double[] cut = penalties.clone();
    for (int j = 0; j < p; j++) {
      cut[j] *= 0.8;
    }
    SolverResult warm = solveConverged(onCsc.withPenalties(cut), WarmStart.from(c), ACCURATE);
    SolverResult reference = solveConverged(onDense.withPenalties(cut), WarmStart.COLD, ACCURATE);
    assertTrue(warm.nonzeros() > c.nonzeros(), warm.nonzeros() + " vs " + c.nonzeros());
    assertArrayEquals(
        reference.coefficients(), warm.coefficients(), Tolerances.STORAGE_AGREEMENT_ABS);
  }

  /**
   * A solver keeps bounds on |g_j| from its last full check on a CSC design and hands them to its
   * next solve on that design: at a zero coordinate whose bound, widened by
   * ||a_j||₁·max|Δ rowDeriv|/n, stays within w_j the product is not computed. Along a path of warm
   * solves on a 2,000 × 20,000 Zipf design whose penalties, jittered per feature, go down and up
   * (features join and leave), every solve gives the bits of a new solver's solve from the same
   * start and reaches the tolerance by an independent recomputation over every column, while its
   * full checks compute under three quarters of the products new solvers compute (about 60% here;
   * a new solver's later checks use its own earlier ones).
   */
  @ParameterizedTest
  @EnumSource(Loss.class)
  void boundsFromTheLastCheckSkipProductsAndHideNoViolator(Loss loss) {
    LabeledData data = new HeavyTailedSparseDesign(2000, 20_000, 120_000L, 1.0, 50, 3L).generate();
    LowerLevelProblem base = new LowerLevelProblem(data.features(), data.labels(), loss,
        1.0 / data.rows(), new double[data.cols()], false);
    double wMax = Kkt.maxUniformPenalty(base);
    SplittableRandom rng = new SplittableRandom(loss.ordinal() + 11L);
    ProximalCoordinateDescent reused = new ProximalCoordinateDescent(ACCURATE);
    long freshProducts = 0;
    SolverResult previous = null;
    for (double f : new double[] {0.1, 0.09, 0.1, 0.08, 0.12, 0.11}) {
      double[] w = new double[data.cols()];
      for (int j = 0; j < w.length; j++) {
        w[j] = f * wMax * rng.nextDouble(0.9, 1.1);
      }
      LowerLevelProblem problem = base.withPenalties(w);
      WarmStart start = previous == null ? WarmStart.COLD : WarmStart.from(previous);
      SolverResult r = reused.solve(problem, start);
      ProximalCoordinateDescent fresh = new ProximalCoordinateDescent(ACCURATE);
      SolverResult reference = fresh.solve(problem, start);
      freshProducts += fresh.checkProducts();
      assertConverged(problem, r, ACCURATE);
      assertTrue(r.nonzeros() > 20, "support " + r.nonzeros());
      assertTrue(Arrays.equals(reference.coefficients(), r.coefficients()), "at " + f);
      assertEquals(reference.passes(), r.passes(), "at " + f);
      assertEquals(reference.kktViolation(), r.kktViolation(), 0.0, "at " + f);
      previous = r;
    }
    assertTrue(reused.checkProducts() < 0.75 * freshProducts,
        "products " + reused.checkProducts() + " against " + freshProducts + " by new solvers");
  }

  private static double columnAbsSum(double[][] rows, int j) {
    double s = 0.0;
    for (double[] row : rows) {
      s += Math.abs(row[j]);
    }
    return s;
  }

  /** The zero coordinates whose screening bound at the solution is within their penalty. */
  private static int screenedAt(LowerLevelProblem problem, SolverResult r, float[] absSums) {
    int n = problem.rows();
    double[] margin = new double[n];
    problem.design().multiply(r.coefficients(), margin);
    double max = 0.0;
    for (int i = 0; i < n; i++) {
      double b = problem.labels()[i];
      double deriv = problem.loss() == Loss.LOGISTIC
          ? b / (1.0 + Math.exp(b * margin[i])) : b - margin[i];
      max = Math.max(max, Math.abs(deriv));
    }
    int skipped = 0;
    for (int j = 0; j < absSums.length; j++) {
      if (r.coefficients()[j] == 0.0 && absSums[j] * max / n <= problem.penalties()[j]) {
        skipped++;
      }
    }
    return skipped;
  }
}
