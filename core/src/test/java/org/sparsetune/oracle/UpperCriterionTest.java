package org.sparsetune.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.linalg.CsrMatrix;
import org.sparsetune.linalg.DenseMatrix;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.testing.RandomProblems;

/**
 * {@link UpperCriterion#valueAndGradient} (what the oracle calls, one {@code A y}) returns exactly
 * {@link UpperCriterion#value} and {@link UpperCriterion#gradient} in every storage, and the
 * gradient is {@code Aᵀr/…} computed column by column from its definition.
 */
class UpperCriterionTest {

  /** Absolute, per entry: the gradient against a column-by-column sum of O(n) terms of order 1. */
  private static final double DEFINITION_ABS = 1e-12;

  @Test
  void valueAndGradientAreTheSeparateCallsBitForBit() {
    SplittableRandom rng = new SplittableRandom(9);
    CscMatrix csc = RandomProblems.sparseDesign(rng, 25, 14, 0.3, 1, 1);
    double[] b = new double[25];
    for (int i = 0; i < b.length; i++) {
      b[i] = i % 3 == 0 ? 1.0 : -1.0;
    }
    double[] y = RandomProblems.gaussianVector(rng, 14, 1.0);
    y[3] = 0.0;
    double c = 0.25;
    DesignMatrix[] storages = {csc, CsrMatrix.copyOf(csc), DenseMatrix.copyOf(csc)};
    for (UpperCriterion u : UpperCriterion.values()) {
      for (DesignMatrix a : storages) {
        String at = u + " on " + a;
        UpperCriterion.ValueAndGradient both = u.valueAndGradient(a, b, y, c);
        assertEquals(u.value(a, b, y, c), both.value(), 0.0, at);
        double[] g = u.gradient(a, b, y, c);
        assertArrayEquals(g, both.gradient(), 0.0, at);
        // From the definition: ∂L/∂y_j = Σ_i a_ij ∂ℓ_i/∂m_i, ∂L/∂c = Σ_i ∂ℓ_i/∂m_i.
        double[] m = new double[a.rows()];
        a.multiply(y, m);
        double[] d = new double[a.rows()];
        double sum = 0.0;
        for (int i = 0; i < d.length; i++) {
          double mi = m[i] + c;
          d[i] = u == UpperCriterion.MSE ? 2.0 * (mi - b[i]) / d.length
              : -b[i] / (1.0 + Math.exp(b[i] * mi)) / d.length;
          sum += d[i];
        }
        for (int j = 0; j < a.cols(); j++) {
          double[] col = a.column(j);
          double s = 0.0;
          for (int i = 0; i < col.length; i++) {
            s += col[i] * d[i];
          }
          assertEquals(s, g[j], DEFINITION_ABS, at + ", coordinate " + j);
        }
        assertEquals(sum, g[a.cols()], DEFINITION_ABS, at + ", intercept");
      }
      // The storages agree with each other exactly for the sparse pair.
      assertArrayEquals(u.gradient(csc, b, y, c), u.gradient(storages[1], b, y, c), 0.0);
      assertEquals(u.value(csc, b, y, c), u.value(storages[1], b, y, c), 0.0);
    }
  }

  @Test
  void theMeansVarianceIsTheRowLossesSampleVarianceOverTheirCount() {
    // Three rows, y = 1, c = 0, MSE: margins (1, 2, 0), labels (1, 0, 2) ⇒ losses (0, 4, 4),
    // mean 8/3, sample variance ((8/3)² + 2·(4/3)²)/2 = 48/9 = 16/3, over 3 rows: 16/9.
    DenseMatrix a = DenseMatrix.ofRows(new double[][] {{1}, {2}, {0}});
    double[] mse = UpperCriterion.MSE.valueAndMeanVariance(a, new double[] {1, 0, 2},
        new double[] {1}, 0.0);
    assertEquals(8.0 / 3.0, mse[0], 1e-15);
    assertEquals(16.0 / 9.0, mse[1], 1e-15);
    // Logistic, labels ±1: losses log(1+e^{-b m}); the value is value()'s, bit for bit.
    double[] b = {1, -1, 1};
    double[] lg = UpperCriterion.LOGISTIC.valueAndMeanVariance(a, b, new double[] {1}, 0.5);
    assertEquals(UpperCriterion.LOGISTIC.value(a, b, new double[] {1}, 0.5), lg[0], 0.0);
    double[] loss = {Math.log1p(Math.exp(-1.5)), Math.log1p(Math.exp(2.5)),
        Math.log1p(Math.exp(-0.5))};
    double mean = (loss[0] + loss[1] + loss[2]) / 3;
    double ss = 0.0;
    for (double l : loss) {
      ss += (l - mean) * (l - mean);
    }
    assertEquals(ss / 2 / 3, lg[1], 1e-15);
    // One row: no spread to measure.
    DenseMatrix one = DenseMatrix.ofRows(new double[][] {{1}});
    assertEquals(0.0, UpperCriterion.MSE.valueAndMeanVariance(one, new double[] {3},
        new double[] {1}, 0.0)[1], 0.0);
  }

  @Test
  void heldOutRowsMustExist() {
    DesignMatrix empty = CsrMatrix.of(0, 2, new int[] {0}, new int[0], new double[0]);
    assertThrows(IllegalArgumentException.class,
        () -> UpperCriterion.LOGISTIC.valueAndGradient(empty, new double[0], new double[2], 0.0));
    assertThrows(IllegalArgumentException.class,
        () -> UpperCriterion.MSE.value(empty, new double[0], new double[2], 0.0));
  }
}
