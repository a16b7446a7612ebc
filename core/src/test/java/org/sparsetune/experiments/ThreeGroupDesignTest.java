package org.sparsetune.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ThreeGroupDesign}: the shapes of the paper's Table 1 grid, reproducibility, and the
 * sample statistics of a large instance.
 */
class ThreeGroupDesignTest {
  /** Rows of the statistics instance (n/p = 200): a sample correlation has s.e. ≈ 0.0071. */
  private static final double STAT_ROWS_PER_COL = 200.0;
  private static final int STAT_COLS = 100;
  /** Absolute: correlated column against its signal column, against ρ = 0.9 (4.2 s.e.). */
  private static final double PAIR_CORRELATION_ABS = 0.03;
  /** Absolute: any other pair against 0; 5.7 s.e., family-wise about 1e-4 over 4,950 pairs. */
  private static final double UNCORRELATED_ABS = 0.04;
  /** Absolute: a column's sample mean against 0 (5.7 s.e.). */
  private static final double MEAN_ABS = 0.04;
  /** Absolute: a column's sample variance against 1 (s.e. sqrt(2/n) = 0.01). */
  private static final double VARIANCE_ABS = 0.05;
  /** Relative: the residual's sample std against σ (s.e. 0.5%). */
  private static final double NOISE_STD_REL = 0.03;

  @Test
  void tableOneGridHasTheDocumentedShapes() {
    // p, n/p, nnz fraction, n, s = max(1, round(nnz·p))
    Object[][] cases = {
      {100, 0.8, 0.02, 80, 2}, {100, 0.8, 0.05, 80, 5}, {100, 0.8, 0.10, 80, 10},
      {100, 1.0, 0.02, 100, 2}, {100, 1.0, 0.05, 100, 5}, {100, 1.0, 0.10, 100, 10},
      {200, 0.8, 0.02, 160, 4}, {200, 0.8, 0.05, 160, 10}, {200, 0.8, 0.10, 160, 20},
      {200, 1.0, 0.02, 200, 4}, {200, 1.0, 0.05, 200, 10}, {200, 1.0, 0.10, 200, 20},
      {30, 1.0, 0.01, 30, 1}
    };
    for (Object[] c : cases) {
      int p = (Integer) c[0];
      int n = (Integer) c[3];
      int s = (Integer) c[4];
      SyntheticInstance inst = ThreeGroupDesign.generate(p, (Double) c[1], (Double) c[2], 5);
      String what = Arrays.toString(c);
      assertEquals(s, ThreeGroupDesign.signalCount(p, (Double) c[2]), what);
      SyntheticSamples.assertSplitOf(inst, n);
      SyntheticSamples.assertGroups(inst, ThreeGroupDesign.GROUP_NAMES,
          new int[] {s, s, p - 2 * s}, List.of("signal"), ThreeGroupDesign.BETA_MAGNITUDE);
      assertEquals(ThreeGroupDesign.RHO_CORRELATED, inst.rho());
    }
    SyntheticInstance inst = ThreeGroupDesign.generate(100, 1.0, 0.05, 0);
    assertEquals(60, inst.train().rows());
    assertEquals(20, inst.validation().rows());
    assertEquals(20, inst.test().rows());
    assertEquals(1.0 / 60, inst.l2(), 0.0);
    assertEquals("three-group n=100 p=100 n/p=1.0 nnz=0.05 seed=0", inst.description());
  }

  @Test
  void sameSeedGivesTheSameBitsAndAnotherSeedOtherData() {
    SyntheticInstance a = ThreeGroupDesign.generate(200, 0.8, 0.1, 3);
    assertTrue(SyntheticSamples.sameBits(a, ThreeGroupDesign.generate(200, 0.8, 0.1, 3)));
    SyntheticInstance b = ThreeGroupDesign.generate(200, 0.8, 0.1, 4);
    assertFalse(Arrays.equals(a.train().labels(), b.train().labels()));
    assertFalse(Arrays.equals(a.train().features().column(0), b.train().features().column(0)));
    assertFalse(Arrays.equals(a.beta(), b.beta())); // 20 random signs
  }

  @Test
  void largeSampleHasTheDesignedCorrelationsAndNoiseLevel() {
    SyntheticInstance inst = ThreeGroupDesign.generate(STAT_COLS, STAT_ROWS_PER_COL, 0.1, 2);
    int[] signal = inst.featuresOf("signal");
    int[] corr = inst.featuresOf("correlated");
    double[][] z = SyntheticSamples.standardizedColumns(inst);
    for (int j = 0; j < STAT_COLS; j++) {
      double[] c = SyntheticSamples.column(inst, j);
      assertEquals(0.0, SyntheticSamples.mean(c), MEAN_ABS, "mean of column " + j);
      assertEquals(1.0, SyntheticSamples.variance(c), VARIANCE_ABS, "variance of column " + j);
    }
    for (int i = 0; i < STAT_COLS; i++) {
      for (int j = i + 1; j < STAT_COLS; j++) {
        double r = SyntheticSamples.dot(z[i], z[j]);
        boolean paired = i < signal.length && j == corr[i];
        if (paired) {
          assertEquals(ThreeGroupDesign.RHO_CORRELATED, r, PAIR_CORRELATION_ABS,
              "signal " + i + " with correlated " + j);
        } else {
          assertEquals(0.0, r, UNCORRELATED_ABS, "correlation of columns " + i + " and " + j);
        }
      }
    }
    double[] r = SyntheticSamples.residual(inst);
    assertEquals(0.0, SyntheticSamples.mean(r), MEAN_ABS * ThreeGroupDesign.SIGMA);
    assertEquals(ThreeGroupDesign.SIGMA, Math.sqrt(SyntheticSamples.variance(r)),
        NOISE_STD_REL * ThreeGroupDesign.SIGMA);
  }

  @Test
  void badArgumentsAreRejectedWithTheValue() {
    for (double f : new double[] {0.0, 0.5, -0.1, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ThreeGroupDesign.generate(100, 1.0, f, 0));
      assertTrue(e.getMessage().contains("nnzFraction") && e.getMessage().contains("" + f),
          e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ThreeGroupDesign.generate(10, 1.0, 0.45, 0)); // s = round(4.5) = 5: 10 of 10
    assertTrue(e.getMessage().contains("no noise feature"), e.getMessage());
    for (double r : new double[] {0.0, -1.0, Double.POSITIVE_INFINITY}) {
      e = assertThrows(IllegalArgumentException.class,
          () -> ThreeGroupDesign.generate(100, r, 0.05, 0));
      assertTrue(e.getMessage().contains("nOverP"), e.getMessage());
    }
    e = assertThrows(IllegalArgumentException.class,
        () -> ThreeGroupDesign.generate(100, 0.03, 0.05, 0)); // n = 3
    assertTrue(e.getMessage().contains("n = 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ThreeGroupDesign.generate(2, 1.0, 0.1, 0));
    assertTrue(e.getMessage().contains("p must be at least 3"), e.getMessage());
  }

  @Test
  void correlatedColumnsArePairedWithTheirOwnSignalColumn() {
    // Exactly: A_corr,j = ρ A_sig,j + sqrt(1-ρ²) ξ_j, so A_corr,j - ρ A_sig,j is uncorrelated with
    // A_sig,j and the pairing is by position (statistics test above); here the definition of the
    // pairing on a small instance: signal j and correlated j are the most correlated pair.
    SyntheticInstance inst = ThreeGroupDesign.generate(50, 40.0, 0.1, 1); // n = 2000, s = 5
    double[][] z = SyntheticSamples.standardizedColumns(inst);
    int[] signal = inst.featuresOf("signal");
    int[] corr = inst.featuresOf("correlated");
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, signal);
    for (int k = 0; k < corr.length; k++) {
      int best = -1;
      double bestR = -2.0;
      for (int j : signal) {
        double r = SyntheticSamples.dot(z[corr[k]], z[j]);
        if (r > bestR) {
          best = j;
          bestR = r;
        }
      }
      assertEquals(signal[k], best, "partner of correlated feature " + corr[k]);
    }
  }
}
