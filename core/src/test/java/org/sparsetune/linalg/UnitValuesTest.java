package org.sparsetune.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparsetune.linalg.WeightedGram.WorkingSetGram.Formation;

/**
 * A binary CSC matrix (every stored value exactly 1) takes kernels that skip the values; they must
 * give the bits of the general kernels. Doubling every value scales each product by an exact
 * power of two, so the general kernels on 2A give exactly 2× (or 4×) the unit kernels' results on
 * A — to the bit, which is what is asserted.
 */
class UnitValuesTest {

  /** A binary n × p matrix with a few dense columns (w8a-like), and the same pattern doubled. */
  private static CscMatrix[] binaryAndDoubled(int n, int p, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] rows = new double[n][p];
    double[][] doubled = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        if (rng.nextDouble() < (j % 4 == 0 ? 0.6 : 0.1)) {
          rows[i][j] = 1.0;
          doubled[i][j] = 2.0;
        }
      }
    }
    return new CscMatrix[] {
      CscMatrix.copyOf(DenseMatrix.ofRows(rows)), CscMatrix.copyOf(DenseMatrix.ofRows(doubled))};
  }

  private static double[] randomVector(SplittableRandom rng, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextDouble(-3, 3);
    }
    return v;
  }

  @Test
  void aMatrixKnowsWhetherEveryValueIsOne() {
    CscMatrix[] m = binaryAndDoubled(30, 8, 1L);
    assertTrue(m[0].unitValues());
    assertFalse(m[1].unitValues());
    assertFalse(CscMatrix.copyOf(DenseMatrix.ofRows(new double[][] {{1, 0}, {0, -1}})).unitValues());
    assertTrue(CscMatrix.copyOf(DenseMatrix.ofRows(new double[][] {{0, 0}})).unitValues());
    // Row selection keeps the property.
    assertTrue(m[0].selectRows(new int[] {1, 3, 7}).unitValues());
  }

  @Test
  void columnKernelsGiveTheBitsOfTheGeneralLoops() {
    int n = 200;
    CscMatrix[] m = binaryAndDoubled(n, 12, 2L);
    CscMatrix a = m[0];
    CscMatrix twice = m[1];
    SplittableRandom rng = new SplittableRandom(3L);
    double[] u = randomVector(rng, n);
    double[] v = randomVector(rng, n);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = rng.nextDouble(0, 0.25);
    }
    for (int j = 0; j < a.cols(); j++) {
      assertEquals(2.0 * a.columnDot(j, v), twice.columnDot(j, v), 0.0, "columnDot " + j);
      assertEquals(2.0 * a.columnDot(j, u, v), twice.columnDot(j, u, v), 0.0, "columnDot3 " + j);
      assertEquals(4.0 * a.columnWeightedSquaredNorm(j, w), twice.columnWeightedSquaredNorm(j, w),
          0.0, "weighted norm " + j);
      double alpha = rng.nextDouble(-2, 2);
      double[] x = v.clone();
      double[] y = v.clone();
      a.columnAxpy(j, alpha, x);
      twice.columnAxpy(j, alpha / 2, y);
      for (int i = 0; i < n; i++) {
        assertEquals(x[i], y[i], 0.0, "axpy " + j + " row " + i);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Formation.class)
  void workingSetGramsGiveTheBitsOfTheGeneralFormation(Formation formation) {
    int n = 80;
    CscMatrix[] m = binaryAndDoubled(n, 20, 4L);
    int[] work = {19, 2, 8, 0, 13, 4, 11, 16, 1, 6};
    WeightedGram.WorkingSetGram unit = new WeightedGram.WorkingSetGram(m[0], work, work.length,
        formation);
    WeightedGram.WorkingSetGram general = new WeightedGram.WorkingSetGram(m[1], work, work.length,
        formation);
    int[][] rounds = {
      {0, 2, 5}, {0, 5}, {0, 1, 3, 5, 7}, {0, 1, 2, 3, 5, 7}, {0, 1, 2, 3, 4, 5, 6, 7},
      {1, 3, 4, 6, 7, 8, 9}, {2}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
    };
    SplittableRandom rng = new SplittableRandom(5L);
    for (int step = 0; step < 3; step++) {
      double[] d = step == 2 ? null : randomVector(rng, n);
      if (d != null) {
        for (int i = 0; i < n; i++) {
          d[i] = Math.abs(d[i]) / 12;
        }
      }
      unit.reset(d);
      general.reset(d);
      for (int[] slots : rounds) {
        int s = slots.length;
        double[] g1 = new double[s * s];
        double[] g2 = new double[s * s];
        unit.gram(slots, s, 1.0 / n, 0.0, false, g1);
        general.gram(slots, s, 1.0 / n, 0.0, false, g2);
        for (int c = 0; c < s; c++) {
          for (int r = c; r < s; r++) {
            assertEquals(4.0 * g1[c * s + r], g2[c * s + r], 0.0,
                "entry (" + r + ", " + c + "), step " + step + ", " + formation);
          }
        }
      }
    }
  }
}
