package org.sparsetune.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.LibsvmOptions;
import org.sparsetune.data.LibsvmReader;
import org.sparsetune.data.Split;
import org.sparsetune.data.Splits;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.outer.FoldProblem;
import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.ProximalCoordinateDescent;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.WarmStart;

/**
 * {@link SemiSyntheticDesign}: on a random sparse matrix with planted correlated pairs built here,
 * the background (top variance, distinct, non-constant), the pairs found, the scaling, the
 * documented draw order and the stratified split rebuilt independently, reproducibility; on the
 * w8a sample, the calibration's invariant (β_S is the lower-level solution at x⁰, the hidden
 * coordinates are zero and biactive there, starved by the null policy and not by the
 * self-consistent one).
 */
class SemiSyntheticDesignTest {
  /** Rows of the planted matrix. */
  private static final int ROWS = 400;
  /**
   * Columns of the planted matrix: more than MAX_BACKGROUND, so the variance ranking matters. The
   * first 2·PAIRS are the planted pairs (2k, 2k+1), dense-ish with large values; then ordinary
   * columns; then low-variance columns (values × 0.01), a duplicate of column 0, an empty column
   * and a constant column.
   */
  private static final int COLS = 620;
  private static final int LOW_VARIANCE_FROM = 560;
  private static final int DUPLICATE = 617;
  private static final int EMPTY = 618;
  private static final int CONSTANT = 619;

  /** Relative: a real column's RMS over all rows against 1 (rounding of n squares and a sqrt). */
  private static final double RMS_REL = 1e-12;
  /** Absolute: the correlation from the Gram-based selection against a two-pass recomputation. */
  private static final double CORRELATION_ABS = 1e-12;
  /**
   * The planted pairs' |ρ| are at least this (partner = ±(value + uniform noise) on the same rows,
   * see {@link #planted}), while independent columns of 400 rows have |ρ| ≲ 0.25 over all 190k
   * pairs (standard error 0.05, so 0.25 is 5 s.e.; the planted pairs must beat them by far).
   */
  private static final double PLANTED_MIN_ABS_RHO = 0.6;

  /** The calibration test's solves: tight, so that two solves of one problem agree to 1e-8. */
  private static final SolverOptions ACCURATE = SolverOptions.DEFAULTS.withTolerance(1e-12);
  /** Absolute, per coefficient: a cold solve at x⁰ against β_S (both at KKT 1e-12). */
  private static final double SOLUTION_ABS = 1e-8;
  /** Relative: |g_hid|/α_hid against 1/(1+δ) (one exp of a log away from α: a few ulps). */
  private static final double SLACK_REL = 1e-13;
  /** Absolute: the KKT violation of β_S at x⁰ (the solve's tolerance). */
  private static final double KKT_AT_X0 = 1e-12;

  private static LabeledData plantedData;
  private static SemiSyntheticDesign.Generated planted;

  @BeforeAll
  static void buildPlanted() {
    plantedData = planted(2024);
    planted = SemiSyntheticDesign.draw(plantedData, "planted", 5, Integer.MAX_VALUE);
  }

  /**
   * A ROWS × COLS sparse matrix (see {@link #COLS}). Planted pair k: column 2k has ~35% nonzeros
   * with values in [1, 3]; column 2k+1 has the same rows with value ±(v + noise), noise uniform in
   * [0, s_k] with s_k from 0.5 to 2.2 so that the pairs' correlations differ; the sign is − for odd
   * k. Ordinary columns have 5–25% nonzeros with values in [0.5, 2.5].
   */
  static LabeledData planted(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<int[]> rowsOf = new ArrayList<>();
    List<double[]> valsOf = new ArrayList<>();
    for (int j = 0; j < COLS; j++) {
      List<Integer> r = new ArrayList<>();
      List<Double> v = new ArrayList<>();
      if (j < 2 * SemiSyntheticDesign.PAIRS && j % 2 == 1) {
        int k = j / 2;
        double s = 0.5 + 0.12 * k;
        int[] base = rowsOf.get(j - 1);
        double[] bv = valsOf.get(j - 1);
        for (int q = 0; q < base.length; q++) {
          r.add(base[q]);
          v.add((k % 2 == 1 ? -1 : 1) * (bv[q] + s * rng.nextDouble()));
        }
      } else if (j == DUPLICATE) {
        rowsOf.add(rowsOf.get(0).clone());
        valsOf.add(valsOf.get(0).clone());
        continue;
      } else if (j == CONSTANT) {
        for (int i = 0; i < ROWS; i++) {
          r.add(i);
          v.add(0.1);
        }
      } else if (j != EMPTY) {
        double density = j < 2 * SemiSyntheticDesign.PAIRS ? 0.35 : 0.05 + 0.2 * rng.nextDouble();
        double lo = j < 2 * SemiSyntheticDesign.PAIRS ? 1.0 : 0.5;
        double factor = j >= LOW_VARIANCE_FROM ? 0.01 : 1.0;
        for (int i = 0; i < ROWS; i++) {
          if (rng.nextDouble() < density) {
            r.add(i);
            v.add(factor * (lo + 2.0 * rng.nextDouble()));
          }
        }
      }
      rowsOf.add(r.stream().mapToInt(Integer::intValue).toArray());
      valsOf.add(v.stream().mapToDouble(Double::doubleValue).toArray());
    }
    int[] ptr = new int[COLS + 1];
    for (int j = 0; j < COLS; j++) {
      ptr[j + 1] = ptr[j] + rowsOf.get(j).length;
    }
    int[] idx = new int[ptr[COLS]];
    double[] val = new double[ptr[COLS]];
    for (int j = 0; j < COLS; j++) {
      System.arraycopy(rowsOf.get(j), 0, idx, ptr[j], rowsOf.get(j).length);
      System.arraycopy(valsOf.get(j), 0, val, ptr[j], valsOf.get(j).length);
    }
    double[] labels = new double[ROWS]; // ignored by the design
    Arrays.fill(labels, 1.0);
    return new LabeledData("planted", CscMatrix.of(ROWS, COLS, ptr, idx, val), labels);
  }

  @Test
  void backgroundIsTheTopVarianceDistinctNonConstantColumns() {
    // Independent ranking: two-pass variances, sorted by (variance desc, index asc).
    DesignMatrix a = plantedData.features();
    double[] var = new double[COLS];
    for (int j = 0; j < COLS; j++) {
      var[j] = SyntheticSamples.variance(a.column(j)) * (ROWS - 1) / ROWS;
    }
    assertEquals(0.0, var[EMPTY], 0.0);
    assertTrue(var[CONSTANT] < 1e-15, "the constant column's variance is rounding at most");
    Integer[] order = new Integer[COLS];
    for (int j = 0; j < COLS; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (x, y) -> var[x] != var[y] ? Double.compare(var[y], var[x]) : x - y);
    List<Integer> distinct = new ArrayList<>();
    for (int j : order) {
      if (j != DUPLICATE && j != EMPTY && j != CONSTANT) {
        distinct.add(j);
      }
    }
    int limit = SemiSyntheticDesign.MAX_BACKGROUND;
    int[] exp = distinct.subList(0, limit).stream().mapToInt(Integer::intValue).sorted().toArray();
    assertArrayEquals(exp, planted.background());
    // The ranking is not decided by rounding: the 500th and 501st distinct variances differ.
    assertTrue(var[distinct.get(limit)] < var[distinct.get(limit - 1)] * (1 - 1e-9));
    for (int j = LOW_VARIANCE_FROM; j < COLS; j++) {
      int c = j;
      assertFalse(Arrays.stream(planted.background()).anyMatch(b -> b == c), "column " + j);
    }
  }

  @Test
  void theTopCorrelatedDisjointPairsAreThePlantedOnes() {
    Set<Set<Integer>> found = new HashSet<>();
    int[] src = planted.sourceColumn();
    int[] dist = planted.instance().featuresOf("distractor");
    int[] hid = planted.instance().featuresOf("hidden");
    for (int k = 0; k < SemiSyntheticDesign.PAIRS; k++) {
      found.add(Set.of(src[dist[k]], src[hid[k]]));
    }
    Set<Set<Integer>> plantedPairs = new HashSet<>();
    for (int k = 0; k < SemiSyntheticDesign.PAIRS; k++) {
      plantedPairs.add(Set.of(2 * k, 2 * k + 1));
    }
    assertEquals(plantedPairs, found);
    // Correlations: signed (odd planted pairs are negative), descending in |ρ|, and equal to a
    // two-pass computation on the raw columns (Pearson's ρ does not see the scaling).
    double[] rho = planted.pairCorrelations();
    DesignMatrix a = plantedData.features();
    for (int k = 0; k < SemiSyntheticDesign.PAIRS; k++) {
      double r = correlation(a.column(src[dist[k]]), a.column(src[hid[k]]));
      assertEquals(r, rho[k], CORRELATION_ABS, "pair " + k);
      assertTrue(Math.abs(rho[k]) >= PLANTED_MIN_ABS_RHO && Math.abs(rho[k]) < 1.0, "pair " + k);
      assertEquals(src[dist[k]] % 4 == 0 || src[dist[k]] % 4 == 1, rho[k] > 0, "sign of " + k);
      if (k > 0) {
        assertTrue(Math.abs(rho[k]) <= Math.abs(rho[k - 1]) + CORRELATION_ABS, "order at " + k);
      }
    }
    assertArrayEquals(rho, SemiSyntheticDesign.pairCorrelations(planted.instance()), 0.0);
    // The roles are not always the same member of the pair.
    int lowerHidden = 0;
    for (int k = 0; k < SemiSyntheticDesign.PAIRS; k++) {
      lowerHidden += src[hid[k]] < src[dist[k]] ? 1 : 0;
    }
    assertTrue(lowerHidden > 0 && lowerHidden < SemiSyntheticDesign.PAIRS, lowerHidden + "/15");
  }

  @Test
  void shapesGroupsTruthSplitAndRidge() {
    SyntheticInstance inst = planted.instance();
    int m = SemiSyntheticDesign.MAX_BACKGROUND;
    int p = SemiSyntheticDesign.EASY + m;
    int pairs = SemiSyntheticDesign.PAIRS;
    SyntheticSamples.assertGroups(inst, DegenerateDesign.GROUP_NAMES,
        new int[] {SemiSyntheticDesign.EASY, pairs, pairs, m - 2 * pairs},
        List.of("easy", "hidden"), 1.0);
    assertEquals(Loss.LOGISTIC, inst.loss());
    assertEquals(UpperCriterion.LOGISTIC, inst.upperCriterion());
    assertEquals(Loss.LOGISTIC, inst.fold(new double[p]).train().loss());
    assertTrue(Double.isNaN(inst.rho()));
    assertEquals("semi-synthetic planted n=400 p=510 seed=5", inst.description());
    // Noise columns: the rest of the background, by ascending real index.
    int[] src = planted.sourceColumn();
    int[] noise = inst.featuresOf("noise");
    for (int q = 1; q < noise.length; q++) {
      assertTrue(src[noise[q]] > src[noise[q - 1]], "noise in ascending real order");
    }
    int[] bg = Arrays.stream(src).filter(c -> c >= 0).sorted().toArray();
    assertArrayEquals(planted.background(), bg, "the real columns are the background");
    for (int j = 0; j < p; j++) {
      assertEquals(j < SemiSyntheticDesign.EASY, src[j] < 0, "easy columns have no source");
    }
    // Stratified 60/20/20 on the generated labels, l2 = 1/n_train, labels ±1.
    assertEquals(1.0 / inst.train().rows(), inst.l2(), 0.0);
    int[][] counts = new int[3][2];
    List<LabeledData> parts = SyntheticSamples.parts(inst);
    for (int q = 0; q < 3; q++) {
      assertTrue(parts.get(q).features() instanceof CscMatrix, "CSC design");
      for (double b : parts.get(q).labels()) {
        assertTrue(b == 1.0 || b == -1.0);
        counts[q][b > 0 ? 1 : 0]++;
      }
    }
    for (int c = 0; c < 2; c++) {
      int[] sizes = Splits.partSizes(counts[0][c] + counts[1][c] + counts[2][c],
          Splits.Fractions.DEFAULT);
      for (int q = 0; q < 3; q++) {
        assertEquals(sizes[q], counts[q][c], "class " + c + " in part " + q);
      }
    }
  }

  /**
   * Rebuilds the planted instance from the documented rules alone (docs/experiments/generators.md):
   * child streams rows, roles, signs, easy columns, logit noise, label draws of {@code
   * SplittableRandom(seed)}; design = easy | dist | hid | noise with the real columns scaled to unit
   * RMS; η = Aβ + 0.2ε; b = +1 iff u < sigmoid(η); split stratified by the seed. Every part must
   * match bit for bit, and every real column keeps its nonzeros and has unit RMS.
   */
  @Test
  void drawsFollowTheDocumentedOrderScalingAndSplit() {
    long seed = 5;
    SyntheticInstance inst = planted.instance();
    int p = inst.cols();
    int n = ROWS;
    int e = SemiSyntheticDesign.EASY;
    int pairs = SemiSyntheticDesign.PAIRS;
    SplittableRandom root = new SplittableRandom(seed);
    root.split(); // rows: no subsample here
    SplittableRandom roles = root.split();
    SplittableRandom signs = root.split();
    SplittableRandom easy = root.split();
    SplittableRandom noise = root.split();
    SplittableRandom draws = root.split();
    int[] src = planted.sourceColumn();
    int[] dist = inst.featuresOf("distractor");
    int[] hid = inst.featuresOf("hidden");
    for (int k = 0; k < pairs; k++) {
      int lo = Math.min(src[dist[k]], src[hid[k]]);
      int hi = Math.max(src[dist[k]], src[hid[k]]);
      assertEquals(roles.nextLong() < 0 ? lo : hi, src[hid[k]], "hidden member of pair " + k);
    }
    double[] beta = new double[p];
    for (int j = 0; j < e; j++) {
      beta[j] = signs.nextLong() < 0 ? -1.0 : 1.0;
    }
    for (int j : hid) {
      beta[j] = signs.nextLong() < 0 ? -1.0 : 1.0;
    }
    assertArrayEquals(beta, inst.beta(), 0.0);
    DesignMatrix real = plantedData.features();
    double[][] a = new double[p][];
    for (int j = 0; j < p; j++) {
      if (j < e) {
        a[j] = new double[n];
        for (int i = 0; i < n; i++) {
          a[j][i] = SyntheticDraws.normal(easy);
        }
      } else {
        double[] c = real.column(src[j]);
        double ss = 0.0;
        for (double v : c) {
          ss += v * v;
        }
        double scale = planted.scale()[j];
        assertEquals(1.0 / Math.sqrt(ss / n), scale, RMS_REL * scale, "1/RMS of column " + j);
        a[j] = new double[n];
        double rs = 0.0;
        for (int i = 0; i < n; i++) {
          a[j][i] = c[i] * scale;
          rs += a[j][i] * a[j][i];
        }
        assertEquals(1.0, Math.sqrt(rs / n), RMS_REL, "RMS of design column " + j);
      }
    }
    double[] eta = new double[n];
    for (int j = 0; j < p; j++) {
      if (beta[j] != 0.0) {
        for (int i = 0; i < n; i++) {
          eta[i] += beta[j] * a[j][i];
        }
      }
    }
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      eta[i] += SemiSyntheticDesign.LOGIT_NOISE * SyntheticDraws.normal(noise);
    }
    for (int i = 0; i < n; i++) {
      b[i] = draws.nextDouble() < Kkt.sigmoid(eta[i]) ? 1.0 : -1.0;
    }
    Split split = Splits.splitStratified(b, Splits.Fractions.DEFAULT, seed);
    int[][] rows = {split.train(), split.validation(), split.test()};
    List<LabeledData> parts = SyntheticSamples.parts(inst);
    int[] nnz = new int[p];
    for (int q = 0; q < 3; q++) {
      assertArrayEquals(pick(b, rows[q]), parts.get(q).labels(), 0.0, "labels of part " + q);
      for (int j = 0; j < p; j++) {
        assertArrayEquals(pick(a[j], rows[q]), parts.get(q).features().column(j), 0.0,
            "column " + j + " of part " + q);
        nnz[j] += parts.get(q).features().columnNonzeros(j);
      }
    }
    for (int j = e; j < p; j++) {
      assertEquals(real.columnNonzeros(src[j]), nnz[j], "nonzeros of column " + j);
    }
  }

  @Test
  void sameSeedGivesTheSameBitsAndAnotherSeedOtherDraws() {
    SemiSyntheticDesign.Generated again =
        SemiSyntheticDesign.draw(plantedData, "planted", 5, Integer.MAX_VALUE);
    assertTrue(sameBits(planted.instance(), again.instance()));
    assertArrayEquals(planted.sourceColumn(), again.sourceColumn());
    SemiSyntheticDesign.Generated other =
        SemiSyntheticDesign.draw(plantedData, "planted", 6, Integer.MAX_VALUE);
    assertFalse(sameBits(planted.instance(), other.instance()));
    assertArrayEquals(planted.background(), other.background(), "the background is the data's");
    assertFalse(Arrays.equals(planted.instance().train().features().column(0),
        other.instance().train().features().column(0)), "easy column 0");
    assertFalse(Arrays.equals(planted.sourceColumn(), other.sourceColumn())
        && Arrays.equals(planted.instance().beta(), other.instance().beta()), "roles or signs");
    // A row subsample depends on the seed too.
    SemiSyntheticDesign.Generated sub = SemiSyntheticDesign.draw(plantedData, "planted", 5, 300);
    SemiSyntheticDesign.Generated sub2 = SemiSyntheticDesign.draw(plantedData, "planted", 6, 300);
    assertEquals(300, sub.rows().length);
    assertFalse(Arrays.equals(sub.rows(), sub2.rows()));
    for (int i = 1; i < sub.rows().length; i++) {
      assertTrue(sub.rows()[i] > sub.rows()[i - 1], "subsampled rows ascending");
    }
  }

  /**
   * The labels are Bernoulli(sigmoid(η)): on the w8a sample (its own labels ignored), the number of
   * positives is within 5 standard deviations of Σ_i sigmoid(a_iᵀβ*) — the logit noise 0.2 moves
   * each row's probability by at most 0.5·0.04·max|σ''| < 0.002 — and the rate is far from 0 or 1.
   */
  @Test
  void labelsAreBernoulliWithAPlausiblePositiveRate() {
    SyntheticInstance inst = w8aSample().instance();
    double expected = 0.0;
    double var = 0.0;
    int positives = 0;
    int n = 0;
    for (LabeledData d : SyntheticSamples.parts(inst)) {
      double[] m = new double[d.rows()];
      d.features().multiply(inst.beta(), m);
      for (int i = 0; i < d.rows(); i++) {
        double s = Kkt.sigmoid(m[i]);
        expected += s;
        var += s * (1 - s);
        positives += d.labels()[i] > 0 ? 1 : 0;
        n++;
      }
    }
    assertEquals(expected, positives, 5 * Math.sqrt(var) + 0.002 * n);
    double rate = (double) positives / n;
    assertTrue(rate > 0.3 && rate < 0.7, "positive rate " + rate);
  }

  private static SemiSyntheticDesign.Generated w8aGenerated;

  private static SemiSyntheticDesign.Generated w8aSample() {
    if (w8aGenerated == null) {
      String dir = System.getProperty("sparsetune.samples");
      Assumptions.assumeTrue(dir != null, "sparsetune.samples is not set");
      Path path = Path.of(dir, "w8a-sample.libsvm");
      Assumptions.assumeTrue(Files.isRegularFile(path), () -> path + " is missing");
      LabeledData real = LibsvmReader.read(path, LibsvmOptions.binary());
      w8aGenerated = SemiSyntheticDesign.draw(real, "w8a-sample", 0, Integer.MAX_VALUE);
    }
    return w8aGenerated;
  }

  /**
   * The w8a sample: 300 binary columns of which 34 are constant (empty) in its 5,000 rows and 38
   * repeat an earlier column exactly (counted with awk/numpy when the test was written), so the
   * background is the 228 others; without the duplicate rule the top pairs would be identical
   * columns with ρ = 1. Every pair is then distinct with |ρ| < 1.
   */
  @Test
  void w8aSampleBackgroundSkipsConstantAndDuplicateColumns() {
    SemiSyntheticDesign.Generated g = w8aSample();
    assertEquals(228, g.background().length);
    assertEquals(SemiSyntheticDesign.EASY + 228, g.instance().cols());
    assertEquals(5_000, g.rows().length);
    for (double r : g.pairCorrelations()) {
      assertTrue(Math.abs(r) > 0.5 && Math.abs(r) < 1.0, "pair correlation " + r);
    }
  }

  /**
   * The calibrated start on the w8a sample: β_S solves the lower level at x⁰, every hidden
   * coordinate is zero with slack |g|/α = 1/(1+δ), inside the biactive band, so with the held-out
   * logistic loss the null policy gives the hidden penalties an exactly zero subgradient while the
   * self-consistent policy gives them a nonzero one.
   */
  @Test
  void calibrationPutsHiddenFeaturesInTheBiactiveBand() {
    SyntheticInstance inst = w8aSample().instance();
    int p = inst.cols();
    DegenerateDesign.Calibration cal = SemiSyntheticDesign.calibrate(inst, ACCURATE);
    int[] hidden = inst.featuresOf("hidden");
    int[] dist = inst.featuresOf("distractor");
    double[] x1 = SemiSyntheticDesign.sentinelLogPenalties(inst);
    double[] rho = SemiSyntheticDesign.pairCorrelations(inst);

    // Pass 1's penalties are the paper's, with each pair's own ρ.
    for (int j = 0; j < p; j++) {
      int g = inst.groups()[j];
      double expected = g == 0 ? 0.5 : g == 2 ? 10.0 : g == 3 ? 10.0 : Double.NaN;
      if (g != 1) {
        assertEquals(expected, Math.exp(x1[j]), 1e-15 * expected, "pass-1 penalty of " + j);
      }
    }
    for (int k = 0; k < dist.length; k++) {
      double r = Math.abs(rho[k]);
      double expected = 0.5 * (1 - r * r) / r;
      assertEquals(expected, Math.exp(x1[dist[k]]), 1e-14 * expected, "α_dist of pair " + k);
    }
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
      assertEquals(1.0 / (1.0 + SemiSyntheticDesign.DELTA),
          Math.abs(cal.hiddenGradient()[k]) / w[j], SLACK_REL, "slack of hidden feature " + j);
    }

    // β_S is the lower-level (logistic) solution at x⁰: KKT there, a cold solve finds it again.
    FoldProblem fold = inst.fold(cal.x0());
    LowerLevelProblem atX0 = fold.train();
    assertEquals(Loss.LOGISTIC, atX0.loss());
    assertTrue(Kkt.maxViolation(atX0, cal.betaS(), 0.0) <= KKT_AT_X0);
    double[] grad = Kkt.gradient(atX0, cal.betaS(), 0.0);
    for (int k = 0; k < hidden.length; k++) {
      assertEquals(grad[hidden[k]], cal.hiddenGradient()[k], 0.0, "g_hid = ∇F");
    }
    ProximalCoordinateDescent solver = new ProximalCoordinateDescent(ACCURATE);
    SolverResult y = solver.solve(atX0, WarmStart.COLD);
    assertTrue(y.converged());
    assertArrayEquals(cal.betaS(), y.coefficients(), SOLUTION_ABS);
    for (int j : hidden) {
      assertEquals(0.0, y.coefficients()[j], 0.0, "hidden coordinate " + j + " at x0");
    }

    SyntheticSamples.assertStarvedByNullNotBySelfConsistent(fold, UpperCriterion.LOGISTIC, solver,
        w, y.coefficients(), hidden, SemiSyntheticDesign.BIACTIVE_TOL_REL);
  }

  @Test
  void badArgumentsAreRejectedWithTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SemiSyntheticDesign.draw(plantedData, "planted", 0, 19));
    assertTrue(e.getMessage().contains("19"), e.getMessage());
    // 29 distinct non-constant columns cannot give 15 pairs.
    CscMatrix a = (CscMatrix) plantedData.features();
    int[] keep = new int[29];
    for (int j = 0; j < keep.length; j++) {
      keep[j] = j;
    }
    LabeledData few = new LabeledData("few", columns(a, keep), plantedData.labels());
    e = assertThrows(IllegalArgumentException.class, () -> SemiSyntheticDesign.generate(few, "f", 0));
    assertTrue(e.getMessage().contains("29 distinct"), e.getMessage());
    SyntheticInstance degenerate = DegenerateDesign.generate(100, 150, 0.9, 0);
    e = assertThrows(IllegalArgumentException.class,
        () -> SemiSyntheticDesign.calibrate(degenerate, ACCURATE));
    assertTrue(e.getMessage().contains("QUADRATIC"), e.getMessage());
    // The semi-synthetic instance has no single ρ: the degenerate calibration refuses it.
    assertThrows(IllegalArgumentException.class,
        () -> DegenerateDesign.calibrate(planted.instance(), ACCURATE));
  }

  private static CscMatrix columns(CscMatrix a, int[] cols) {
    int[] ptr = new int[cols.length + 1];
    List<Integer> idx = new ArrayList<>();
    List<Double> val = new ArrayList<>();
    for (int k = 0; k < cols.length; k++) {
      for (int q = a.colPtr()[cols[k]]; q < a.colPtr()[cols[k] + 1]; q++) {
        idx.add(a.rowIdx()[q]);
        val.add(a.values()[q]);
      }
      ptr[k + 1] = idx.size();
    }
    return CscMatrix.of(a.rows(), cols.length, ptr,
        idx.stream().mapToInt(Integer::intValue).toArray(),
        val.stream().mapToDouble(Double::doubleValue).toArray());
  }



  private static double correlation(double[] u, double[] v) {
    double mu = SyntheticSamples.mean(u);
    double mv = SyntheticSamples.mean(v);
    double suv = 0.0;
    double suu = 0.0;
    double svv = 0.0;
    for (int i = 0; i < u.length; i++) {
      suv += (u[i] - mu) * (v[i] - mv);
      suu += (u[i] - mu) * (u[i] - mu);
      svv += (v[i] - mv) * (v[i] - mv);
    }
    return suv / Math.sqrt(suu * svv);
  }

  private static double[] pick(double[] v, int[] rows) {
    double[] out = new double[rows.length];
    for (int k = 0; k < rows.length; k++) {
      out[k] = v[rows[k]];
    }
    return out;
  }

  /** Every array of two CSC instances holds the same bits. */
  private static boolean sameBits(SyntheticInstance a, SyntheticInstance b) {
    boolean same = Arrays.equals(a.beta(), b.beta()) && Arrays.equals(a.groups(), b.groups())
        && a.l2() == b.l2() && a.description().equals(b.description());
    List<LabeledData> pa = SyntheticSamples.parts(a);
    List<LabeledData> pb = SyntheticSamples.parts(b);
    for (int k = 0; k < 3; k++) {
      CscMatrix x = (CscMatrix) pa.get(k).features();
      CscMatrix y = (CscMatrix) pb.get(k).features();
      same &= Arrays.equals(x.colPtr(), y.colPtr()) && Arrays.equals(x.rowIdx(), y.rowIdx())
          && Arrays.equals(x.values(), y.values());
      same &= Arrays.equals(pa.get(k).labels(), pb.get(k).labels());
    }
    return same;
  }
}
