package org.sparsetune.outer.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StandardNormalTest {

  /**
   * (x, Φ(x)) reference pairs, produced by
   * {@code python3 -c "import math; print(0.5*math.erfc(-x/math.sqrt(2)))"} (CPython's erfc is
   * accurate to a few ulps).
   */
  private static final double[][] REFERENCE = {
      {-6.0, 9.865876450377012e-10},
      {-3.0, 0.0013498980316300957},
      {-2.0, 0.02275013194817922},
      {-1.0, 0.15865525393145707},
      {0.0, 0.5},
      {0.5, 0.6914624612740131},
      {1.0, 0.8413447460685429},
      {2.0, 0.9772498680518208},
      {3.0, 0.9986501019683699},
  };

  /**
   * Relative error bound of the Numerical Recipes erfc, 1.2e-7, applied to the smaller of Φ and
   * 1 − Φ (for x ≥ 0, Φ = 1 − erfc(x/√2)/2 inherits an absolute error of 1.2e-7 · (1 − Φ)).
   */
  private static final double ERFC_RELATIVE_ERROR = 1.2e-7;

  /** Draws for the moment check; 5 standard errors of mean (1/√n) and variance (√(2/n)). */
  private static final int DRAWS = 100_000;

  @Test
  void cdfMatchesReferenceValues() {
    for (double[] ref : REFERENCE) {
      double tolerance = ERFC_RELATIVE_ERROR * Math.min(ref[1], 1.0 - ref[1]);
      assertEquals(ref[1], StandardNormal.cdf(ref[0]), tolerance, "Φ(" + ref[0] + ")");
    }
  }

  @Test
  void samplesHaveMeanZeroAndVarianceOne() {
    SplittableRandom rng = new SplittableRandom(5);
    double sum = 0.0;
    double sumSq = 0.0;
    for (int i = 0; i < DRAWS; i++) {
      double z = StandardNormal.sample(rng);
      sum += z;
      sumSq += z * z;
    }
    double mean = sum / DRAWS;
    assertEquals(0.0, mean, 5.0 / Math.sqrt(DRAWS));
    assertEquals(1.0, sumSq / DRAWS - mean * mean, 5.0 * Math.sqrt(2.0 / DRAWS));
  }
}
