package org.sparsetune.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsetune.data.Split;
import org.sparsetune.data.Splits;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.outer.FoldProblem;
import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.ProximalCoordinateDescent;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.WarmStart;

/**
 * {@link DegenerateDesign}: group sizes, split, truth, reproducibility, the sample statistics of a
 * large instance, and the calibration's invariant (β_S is the lower-level solution at x⁰, the hidden
 * coordinates are zero and biactive there, starved by the null policy and not by the
 * self-consistent one).
 */
class DegenerateDesignTest {
  /** Rows of the statistics instance: a sample correlation then has standard error ≈ 0.0071. */
  private static final int STAT_ROWS = 20_000;
  /** Features of the statistics instance: groups of 5, 5, 5 and 85 noise features. */
  private static final int STAT_COLS = 100;
  /** Absolute: sample correlation of a hidden column with its distractor against ρ (4.2 s.e.). */
  private static final double PAIR_CORRELATION_ABS = 0.03;
  /**
   * Absolute: any other pair's sample correlation against 0. 0.04 is 5.7 standard errors, so over
   * the 4,950 pairs of the instance the chance that an independent pair exceeds it is about 1e-4.
   */
  private static final double UNCORRELATED_ABS = 0.04;
  /** Absolute: a column's sample mean against 0 (5.7 standard errors). */
  private static final double MEAN_ABS = 0.04;
  /** Absolute: a column's sample variance against 1 (standard error sqrt(2/n) = 0.01). */
  private static final double VARIANCE_ABS = 0.05;
  /** Relative: the residual's sample std against σ (standard error 1/sqrt(2n) = 0.5%). */
  private static final double NOISE_STD_REL = 0.03;

  /** The calibration tests' solves: tight, so that two solves of one problem agree to 1e-8. */
  private static final SolverOptions ACCURATE = SolverOptions.DEFAULTS.withTolerance(1e-12);
  /** Absolute, per coefficient: a cold solve at x⁰ against β_S (both at KKT 1e-12). */
  private static final double SOLUTION_ABS = 1e-8;
  /**
   * Relative: |g_hid|/α_hid against 1/(1+δ), with g from the calibration (one exp of a log away
   * from α, so a few ulps).
   */
  private static final double SLACK_REL = 1e-13;
  /** Absolute: g_hid against ∇F recomputed by {@code Kkt.gradient} at β_S (rounding of sums). */
  private static final double GRADIENT_ABS = 1e-12;
  /** Absolute: the KKT violation of β_S at x⁰ (the solve's tolerance). */
  private static final double KKT_AT_X0 = 1e-12;

  @Test
  void groupSizeIsFourPercentFlooredWithAMinimumOfFive() {
    // floor(0.04 p) for p ∈ {150, 250, 300, 500, 750, 1000} is 6, 10, 12, 20, 30, 40.
    int[][] cases = {
      {16, 5}, {100, 5}, {125, 5}, {149, 5}, {150, 6}, {174, 6}, {175, 7}, {250, 10}, {300, 12},
      {500, 20}, {750, 30}, {1000, 40}
    };
    for (int[] c : cases) {
      assertEquals(c[1], DegenerateDesign.groupSize(c[0]), "p = " + c[0]);
    }
  }

  @Test
  void groupsAreContiguousBlocksAndTheTruthIsOnEasyAndHidden() {
    for (int p : new int[] {100, 150, 250, 300, 750, 1000}) {
      SyntheticInstance inst = DegenerateDesign.generate(10, p, 0.95, 3);
      int g = DegenerateDesign.groupSize(p);
      SyntheticSamples.assertGroups(inst, DegenerateDesign.GROUP_NAMES,
          new int[] {g, g, g, p - 3 * g}, List.of("easy", "hidden"), DegenerateDesign.BETA_STD);
      assertEquals(0.95, inst.rho());
    }
  }

  @Test
  void signsOfTheTruthAreMixed() {
    SyntheticInstance inst = DegenerateDesign.generate(10, 1000, 0.9, 0);
    int positive = 0;
    int negative = 0;
    for (double b : inst.beta()) {
      positive += b > 0 ? 1 : 0;
      negative += b < 0 ? 1 : 0;
    }
    // 80 random signs: a split as lopsided as 20/60 has probability below 1e-5.
    assertEquals(80, positive + negative);
    assertTrue(positive >= 20 && negative >= 20, positive + " positive, " + negative + " negative");
  }

  @Test
  void rowsAreSplitSixtyTwentyTwentyWithRidgeOneOverNTrain() {
    int[][] cases = {{100, 150, 60, 20, 20}, {200, 300, 120, 40, 40}, {500, 750, 300, 100, 100},
        {166, 250, 100, 33, 33}};
    for (int[] c : cases) {
      SyntheticInstance inst = DegenerateDesign.generate(c[0], c[1], 0.9, 0);
      assertEquals(c[2], inst.train().rows());
      assertEquals(c[3], inst.validation().rows());
      assertEquals(c[4], inst.test().rows());
      SyntheticSamples.assertSplitOf(inst, c[0]);
      assertEquals("degenerate n=" + c[0] + " p=" + c[1] + " rho=0.9 seed=0", inst.description());
    }
  }

  /**
   * Rebuilds a small instance from the documented draw order (docs/experiments/generators.md):
   * child streams signs, permutation, design, noise split off {@code SplittableRandom(seed)}; the
   * design column by column; the rows cut by {@code Splits.split(n, seed)}.
   */
  @Test
  void drawsFollowTheDocumentedOrderAndSplit() {
    int n = 30;
    int p = 20; // groups 5, 5, 5, 5
    double rho = 0.9;
    long seed = 7;
    SyntheticInstance inst = DegenerateDesign.generate(n, p, rho, seed);
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom signs = root.split();
    SplittableRandom perm = root.split();
    SplittableRandom design = root.split();
    SplittableRandom noise = root.split();
    double[] beta = new double[p];
    for (int j : new int[] {0, 1, 2, 3, 4, 10, 11, 12, 13, 14}) {
      beta[j] = signs.nextLong() < 0 ? -1.0 : 1.0;
    }
    assertArrayEquals(beta, inst.beta(), 0.0);
    int[] pi = {0, 1, 2, 3, 4};
    for (int i = 4; i > 0; i--) {
      int k = perm.nextInt(i + 1);
      int t = pi[i];
      pi[i] = pi[k];
      pi[k] = t;
    }
    double[][] a = new double[p][n];
    double c = Math.sqrt(1 - rho * rho);
    for (int j = 0; j < p; j++) {
      for (int i = 0; i < n; i++) {
        double xi = SyntheticDraws.normal(design);
        a[j][i] = j >= 10 && j < 15 ? rho * a[5 + pi[j - 10]][i] + c * xi : xi;
      }
    }
    double[] b = new double[n];
    for (int j = 0; j < p; j++) {
      for (int i = 0; i < n; i++) {
        b[i] += beta[j] * a[j][i];
      }
    }
    for (int i = 0; i < n; i++) {
      b[i] += DegenerateDesign.SIGMA * SyntheticDraws.normal(noise);
    }
    Split split = Splits.split(n, seed);
    int[][] rows = {split.train(), split.validation(), split.test()};
    List<org.sparsetune.data.LabeledData> parts = SyntheticSamples.parts(inst);
    for (int q = 0; q < 3; q++) {
      assertArrayEquals(pick(b, rows[q]), parts.get(q).labels(), 0.0, "labels of part " + q);
      for (int j = 0; j < p; j++) {
        assertArrayEquals(pick(a[j], rows[q]), parts.get(q).features().column(j), 0.0,
            "column " + j + " of part " + q);
      }
    }
  }

  private static double[] pick(double[] v, int[] rows) {
    double[] out = new double[rows.length];
    for (int k = 0; k < rows.length; k++) {
      out[k] = v[rows[k]];
    }
    return out;
  }

  @Test
  void sameSeedGivesTheSameBitsAndAnotherSeedOtherData() {
    SyntheticInstance a = DegenerateDesign.generate(200, 300, 0.98, 0);
    SyntheticInstance b = DegenerateDesign.generate(200, 300, 0.98, 0);
    assertTrue(SyntheticSamples.sameBits(a, b));
    SyntheticInstance c = DegenerateDesign.generate(200, 300, 0.98, 1);
    assertFalse(java.util.Arrays.equals(a.train().labels(), c.train().labels()));
    assertFalse(java.util.Arrays.equals(
        a.train().features().column(0), c.train().features().column(0)));
    assertFalse(java.util.Arrays.equals(a.beta(), c.beta()));
    // ρ changes only the hidden columns (and the labels through them).
    SyntheticInstance d = DegenerateDesign.generate(200, 300, 0.9, 0);
    assertArrayEquals(a.beta(), d.beta(), 0.0);
    assertArrayEquals(a.train().features().column(0), d.train().features().column(0), 0.0);
    int hid = a.featuresOf("hidden")[0];
    assertFalse(java.util.Arrays.equals(
        a.train().features().column(hid), d.train().features().column(hid)));
  }

  @Test
  void largeSampleHasTheDesignedCorrelationsAndNoiseLevel() {
    double rho = 0.95;
    SyntheticInstance inst = DegenerateDesign.generate(STAT_ROWS, STAT_COLS, rho, 11);
    double[][] z = SyntheticSamples.standardizedColumns(inst);
    for (int j = 0; j < STAT_COLS; j++) {
      double[] c = SyntheticSamples.column(inst, j);
      assertEquals(0.0, SyntheticSamples.mean(c), MEAN_ABS, "mean of column " + j);
      assertEquals(1.0, SyntheticSamples.variance(c), VARIANCE_ABS, "variance of column " + j);
    }
    int[] dist = inst.featuresOf("distractor");
    int[] hid = inst.featuresOf("hidden");
    Set<Integer> pairs = new HashSet<>();
    Set<Integer> partners = new HashSet<>();
    for (int h : hid) {
      int best = -1;
      double bestR = 0.0;
      for (int d : dist) {
        double r = SyntheticSamples.dot(z[h], z[d]);
        if (Math.abs(r) > Math.abs(bestR)) {
          best = d;
          bestR = r;
        }
      }
      assertEquals(rho, bestR, PAIR_CORRELATION_ABS, "hidden " + h + " with distractor " + best);
      assertTrue(partners.add(best), "distractor " + best + " is paired twice");
      pairs.add(h * STAT_COLS + best);
    }
    for (int i = 0; i < STAT_COLS; i++) {
      for (int j = i + 1; j < STAT_COLS; j++) {
        if (pairs.contains(j * STAT_COLS + i)) {
          continue;
        }
        assertEquals(0.0, SyntheticSamples.dot(z[i], z[j]), UNCORRELATED_ABS,
            "correlation of columns " + i + " and " + j);
      }
    }
    double[] r = SyntheticSamples.residual(inst);
    assertEquals(0.0, SyntheticSamples.mean(r), MEAN_ABS * DegenerateDesign.SIGMA);
    assertEquals(DegenerateDesign.SIGMA, Math.sqrt(SyntheticSamples.variance(r)),
        NOISE_STD_REL * DegenerateDesign.SIGMA);
  }

  @Test
  void badArgumentsAreRejectedWithTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DegenerateDesign.generate(100, 15, 0.9, 0));
    assertTrue(e.getMessage().contains("16") && e.getMessage().contains("15"), e.getMessage());
    for (double rho : new double[] {0.0, 1.0, -0.5, 1.5, Double.NaN}) {
      e = assertThrows(IllegalArgumentException.class,
          () -> DegenerateDesign.generate(100, 150, rho, 0));
      assertTrue(e.getMessage().contains("rho") && e.getMessage().contains(String.valueOf(rho)),
          e.getMessage());
    }
    e = assertThrows(IllegalArgumentException.class, () -> DegenerateDesign.generate(3, 150, 0.9, 0));
    assertTrue(e.getMessage().contains("n = 3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DegenerateDesign.groupSize(-1));
  }

  @Test
  void calibrationNeedsADegenerateInstance() {
    SyntheticInstance three = ThreeGroupDesign.generate(100, 1.0, 0.05, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DegenerateDesign.calibrate(three, ACCURATE));
    assertTrue(e.getMessage().contains("[easy, distractor, hidden, noise]"), e.getMessage());
    SyntheticInstance d = DegenerateDesign.generate(100, 150, 0.9, 0);
    SyntheticInstance noRho = new SyntheticInstance(d.description(), d.train(), d.validation(),
        d.test(), d.beta(), d.groups(), d.groupNames(), d.l2());
    e = assertThrows(IllegalArgumentException.class,
        () -> DegenerateDesign.calibrate(noRho, ACCURATE));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void sentinelPenaltiesAreThePapersPassOneValues() {
    double rho = 0.9;
    SyntheticInstance inst = DegenerateDesign.generate(100, 150, rho, 0);
    double[] x = DegenerateDesign.sentinelLogPenalties(inst);
    double[] expected = {0.5, 0.5 * (1 - 0.81) / 0.9, 10.0, 10.0}; // easy, dist, hid, noise
    for (int j = 0; j < x.length; j++) {
      assertEquals(expected[inst.groups()[j]], Math.exp(x[j]), 1e-15 * expected[inst.groups()[j]],
          "penalty of feature " + j);
    }
  }

  /**
   * The calibrated start of the paper's Experiments 3–4 on instances of their sizes: β_S solves the
   * lower level at x⁰, every hidden coordinate is zero with slack |g|/α = 1/(1+δ), inside the
   * biactive band of {@link DegenerateDesign#BIACTIVE_TOL_REL}, so the null policy gives the hidden
   * penalties an exactly zero subgradient while the self-consistent policy gives them a nonzero one.
   */
  @ParameterizedTest(name = "n={0} p={1} rho={2} seed={3}")
  @CsvSource({"100, 150, 0.90, 0", "200, 300, 0.98, 0", "166, 250, 0.95, 1", "500, 750, 0.95, 2"})
  void calibrationPutsHiddenFeaturesInTheBiactiveBand(int n, int p, double rho, long seed) {
    SyntheticInstance inst = DegenerateDesign.generate(n, p, rho, seed);
    DegenerateDesign.Calibration cal = DegenerateDesign.calibrate(inst, ACCURATE);
    int[] hidden = inst.featuresOf("hidden");
    double[] x1 = DegenerateDesign.sentinelLogPenalties(inst);
    assertEquals(p, cal.x0().length);
    assertEquals(hidden.length, cal.hiddenGradient().length);

    // x⁰ = pass 1's log-penalties except on the hidden features, α_hid = |g|(1+δ).
    Set<Integer> hid = new HashSet<>();
    for (int j : hidden) {
      hid.add(j);
    }
    for (int j = 0; j < p; j++) {
      if (!hid.contains(j)) {
        assertEquals(Double.doubleToLongBits(x1[j]), Double.doubleToLongBits(cal.x0()[j]),
            "x0 of non-hidden feature " + j);
      }
    }
    double[] w = cal.penalties();
    for (int k = 0; k < hidden.length; k++) {
      int j = hidden[k];
      assertEquals(1.0 / (1.0 + DegenerateDesign.DELTA), Math.abs(cal.hiddenGradient()[k]) / w[j],
          SLACK_REL, "slack of hidden feature " + j);
      assertTrue(w[j] < DegenerateDesign.SENTINEL_PENALTY, "hidden penalty below the sentinel");
    }

    // β_S is the lower-level solution at x⁰: KKT there, and a cold solve finds it again.
    FoldProblem fold = inst.fold(cal.x0());
    LowerLevelProblem atX0 = fold.train();
    assertTrue(Kkt.maxViolation(atX0, cal.betaS(), 0.0) <= KKT_AT_X0);
    double[] grad = Kkt.gradient(atX0, cal.betaS(), 0.0);
    for (int k = 0; k < hidden.length; k++) {
      assertEquals(grad[hidden[k]], cal.hiddenGradient()[k], GRADIENT_ABS, "g_hid = ∇F");
    }
    ProximalCoordinateDescent solver = new ProximalCoordinateDescent(ACCURATE);
    SolverResult y = solver.solve(atX0, WarmStart.COLD);
    assertTrue(y.converged());
    assertArrayEquals(cal.betaS(), y.coefficients(), SOLUTION_ABS);
    for (int j : hidden) {
      assertEquals(0.0, y.coefficients()[j], 0.0, "hidden coordinate " + j + " at x0");
    }

    SyntheticSamples.assertStarvedByNullNotBySelfConsistent(fold, UpperCriterion.MSE, solver, w,
        y.coefficients(), hidden, DegenerateDesign.BIACTIVE_TOL_REL);
  }


}
