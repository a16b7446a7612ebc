package org.sparsetune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.linalg.DenseMatrix;
import org.sparsetune.linalg.DesignMatrix;

/** Standardization: statistics from training rows only, constant columns, sparse data. */
class StandardizerTest {

  /** Absolute tolerance for values built from a few exact operations. */
  private static final double EXACT_ENOUGH = 1e-12;

  private static final int[] TRAIN = {0, 2, 4, 6};

  /**
   * Training rows 0, 2, 4, 6 hold: column 0 = 10, 14, 10, 14 (mean 12, population sd 2); column 1
   * = 5, 5, 5, 5 (constant); column 2 = 0, 2, 0, 2 (mean 1, sd 1). The other rows hold values that
   * would change every statistic if they were looked at.
   */
  private static DenseMatrix matrix(double other) {
    return DenseMatrix.ofRows(new double[][] {
        {10, 5, 0}, {other, other, other},
        {14, 5, 2}, {other, -other, other},
        {10, 5, 0}, {-other, other, 3 * other},
        {14, 5, 2}});
  }

  @Test
  void statisticsComeFromTheTrainingRowsOnly() {
    for (double other : new double[] {0, 1e6, -37.5}) {
      Standardizer s = Standardizer.fit(matrix(other), TRAIN);
      assertArrayEquals(new double[] {12, 5, 1}, s.means(), EXACT_ENOUGH, "other = " + other);
      assertArrayEquals(new double[] {2, 1, 1}, s.scales(), EXACT_ENOUGH, "other = " + other);
      assertFalse(s.isIdentity());
    }
  }

  @Test
  void appliesTheTrainingStatisticsToEveryRow() {
    DenseMatrix a = matrix(100);
    DesignMatrix z = Standardizer.fit(a, TRAIN).apply(a);
    assertArrayEquals(new double[] {-1, 44, 1, 44, -1, -56, 1}, z.column(0), EXACT_ENOUGH);
    assertArrayEquals(new double[] {0, 95, 0, -105, 0, 95, 0}, z.column(1), EXACT_ENOUGH);
    assertArrayEquals(new double[] {-1, 99, 1, 99, -1, 299, 1}, z.column(2), EXACT_ENOUGH);
  }

  @Test
  void constantColumnIsOnlyCenteredToExactZeros() {
    DenseMatrix a = DenseMatrix.ofRows(new double[][] {{0.1, 1}, {0.1, 2}, {0.1, 4}});
    Standardizer s = Standardizer.fit(a);
    assertEquals(0.1, s.means()[0], 0.0);
    assertEquals(1.0, s.scales()[0], 0.0);
    assertArrayEquals(new double[] {0, 0, 0}, s.apply(a).column(0), 0.0);
  }

  @Test
  void fittedTrainingColumnsHaveMeanZeroAndUnitDeviation() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(4);
    double[][] x = new double[50][3];
    double[] y = new double[50];
    for (int i = 0; i < 50; i++) {
      x[i] = new double[] {rnd.nextDouble() * 100, 3 + rnd.nextDouble(), -rnd.nextDouble() * 1e-3};
      y[i] = i % 2 == 0 ? 1 : -1;
    }
    LabeledData data = new LabeledData("random", DenseMatrix.ofRows(x), y);
    Split.Parts parts = Splits.split(50, 1).apply(data).standardized();
    DesignMatrix train = parts.train().features();
    for (int j = 0; j < 3; j++) {
      double[] c = train.column(j);
      double mean = 0;
      for (double v : c) {
        mean += v / c.length;
      }
      assertEquals(0.0, mean, EXACT_ENOUGH, "mean of column " + j);
      assertEquals(c.length, train.columnSquaredNorm(j), 1e-9 * c.length, "sum of squares " + j);
    }
    assertArrayEquals(data.selectRows(Splits.split(50, 1).test()).labels(), parts.test().labels());
  }

  @Test
  void sparseDataIsLeftUntouched() {
    CscMatrix a = CscMatrix.copyOf(matrix(3));
    Standardizer s = Standardizer.fit(a, TRAIN);
    assertTrue(s.isIdentity());
    assertSame(a, s.apply(a));
    LabeledData d = new LabeledData("sparse", a, new double[a.rows()]);
    assertSame(d, s.apply(d));
    Split.Parts parts = new Split(new int[] {0, 1}, new int[] {2}, new int[] {3}).apply(d);
    Split.Parts std = parts.standardized();
    assertSame(parts.train(), std.train());
    assertSame(parts.validation(), std.validation());
  }

  @Test
  void misuseIsRejected() {
    DenseMatrix a = matrix(1);
    Standardizer dense = Standardizer.fit(a, TRAIN);
    IllegalArgumentException sparse =
        assertThrows(IllegalArgumentException.class, () -> dense.apply(CscMatrix.copyOf(a)));
    assertTrue(sparse.getMessage().contains("sparse"), sparse.getMessage());
    IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
        () -> dense.apply(DenseMatrix.ofRows(new double[][] {{1, 2}})));
    assertTrue(cols.getMessage().contains("2 columns"), cols.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(a, new int[0]));
    assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(a, new int[] {2, 1}));
  }
}
