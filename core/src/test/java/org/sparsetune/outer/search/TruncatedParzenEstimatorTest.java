package org.sparsetune.outer.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsetune.outer.search.TpeOptions.BandwidthRule;

class TruncatedParzenEstimatorTest {

  /** Exact arithmetic in the closed-form σ checks, up to rounding. */
  private static final double EXACT = 1e-12;

  /**
   * Absolute tolerance of ∫ p = 1: Simpson's rule on 4,000 panels (h ≤ σ_min/40, error far
   * below 1e-9) plus the normalizers' Φ error (relative 1.2e-7, see StandardNormalTest).
   */
  private static final double INTEGRAL_TOLERANCE = 1e-6;

  private static final int SIMPSON_PANELS = 4_000;

  /** Draws and bins for the sampling check. */
  private static final int DRAWS = 100_000;

  private static final int BINS = 10;

  /**
   * Absolute tolerance on a bin's frequency: 5 standard errors √(0.25/100,000) ≈ 0.0016.
   */
  private static final double FREQUENCY_TOLERANCE = 0.008;

  private static TruncatedParzenEstimator fit(double[] centres, double lower, double upper,
      BandwidthRule rule) {
    return TruncatedParzenEstimator.fit(centres, centres.length, lower, upper, 1.0, rule);
  }

  /** ∫_a^b exp(logDensity) by composite Simpson. */
  private static double integrate(TruncatedParzenEstimator p, double a, double b, int panels) {
    double h = (b - a) / panels;
    double sum = Math.exp(p.logDensity(a)) + Math.exp(p.logDensity(b));
    for (int i = 1; i < panels; i++) {
      sum += (i % 2 == 1 ? 4.0 : 2.0) * Math.exp(p.logDensity(a + i * h));
    }
    return sum * h / 3.0;
  }

  @Test
  void neighborDistanceFollowsTheRuleWithEndpointsAndClip() {
    // [0, 10], centres 1, 2, 6 and the prior's 5: sorted 1, 2, 5, 6. Inner gaps: σ(2) =
    // max(1, 3) = 3; outermost use their inner gap: σ(1) = 1, σ(6) = 1. Clip to
    // [10 / min(100, 3 + 2), 10] = [2, 10]: σ = 2, 3, 2. Prior σ = width = 10.
    TruncatedParzenEstimator p =
        fit(new double[] {1.0, 2.0, 6.0}, 0.0, 10.0, BandwidthRule.NEIGHBOR_DISTANCE);
    assertEquals(4, p.kernels());
    assertEquals(2.0, p.sigma(0), EXACT);
    assertEquals(3.0, p.sigma(1), EXACT);
    assertEquals(2.0, p.sigma(2), EXACT);
    assertEquals(10.0, p.sigma(3), EXACT);
    assertEquals(5.0, p.mu(3), EXACT);
    for (int k = 0; k < 4; k++) {
      assertEquals(0.25, p.weight(k), EXACT, "weights 1, 1, 1 and prior 1, normalized");
    }
    // Centres 0.5 and 9 with the prior's 5: σ(0.5) = 5 − 0.5 = 4.5, σ(9) = 9 − 5 = 4, above the
    // clip 10/4.
    TruncatedParzenEstimator q =
        fit(new double[] {0.5, 9.0}, 0.0, 10.0, BandwidthRule.NEIGHBOR_DISTANCE);
    assertEquals(4.5, q.sigma(0), EXACT);
    assertEquals(4.0, q.sigma(1), EXACT);
    // One centre 3 with the prior's 5: gap 2, clipped up to 10 / min(100, 1 + 2).
    TruncatedParzenEstimator r =
        fit(new double[] {3.0}, 0.0, 10.0, BandwidthRule.NEIGHBOR_DISTANCE);
    assertEquals(10.0 / 3.0, r.sigma(0), EXACT);
    // No centres: the prior alone.
    TruncatedParzenEstimator prior = fit(new double[0], 0.0, 10.0, BandwidthRule.NEIGHBOR_DISTANCE);
    assertEquals(1, prior.kernels());
    assertEquals(1.0, prior.weight(0), EXACT);
  }

  @Test
  void scottUsesOneWidthForAllObservations() {
    // 32 centres on [0, 10]: 0.2 · 10 · 32^(−1/5) = 2 · 1/2 = 1, above the clip 10/34.
    double[] centres = new double[32];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = 0.3 * i;
    }
    TruncatedParzenEstimator p = fit(centres, 0.0, 10.0, BandwidthRule.SCOTT);
    for (int k = 0; k < centres.length; k++) {
      assertEquals(1.0, p.sigma(k), EXACT);
    }
    assertEquals(10.0, p.sigma(centres.length), EXACT);
  }

  @Test
  void densityIntegratesToOneOnTheInterval() {
    SplittableRandom rng = new SplittableRandom(17);
    double[][] intervals = {{-5.0, 5.0}, {2.0, 2.001}, {0.0, 1.0}};
    for (double[] interval : intervals) {
      for (int count : new int[] {0, 1, 2, 5, 40}) {
        for (BandwidthRule rule : BandwidthRule.values()) {
          double[] centres = new double[count];
          for (int i = 0; i < count; i++) {
            // crowd half of them at the lower end, where truncation matters most
            double u = i % 2 == 0 ? 0.02 * rng.nextDouble() : rng.nextDouble();
            centres[i] = interval[0] + u * (interval[1] - interval[0]);
          }
          for (double priorWeight : new double[] {1.0, 0.3}) {
            TruncatedParzenEstimator p = TruncatedParzenEstimator.fit(centres, count,
                interval[0], interval[1], priorWeight, rule);
            assertEquals(1.0, integrate(p, interval[0], interval[1], SIMPSON_PANELS),
                INTEGRAL_TOLERANCE, rule + ", " + count + " centres on [" + interval[0] + ", "
                    + interval[1] + "], prior weight " + priorWeight);
          }
        }
      }
    }
  }

  @Test
  void densityIsZeroOutsideTheInterval() {
    TruncatedParzenEstimator p = fit(new double[] {0.1}, 0.0, 1.0, BandwidthRule.NEIGHBOR_DISTANCE);
    assertEquals(Double.NEGATIVE_INFINITY, p.logDensity(-1e-9));
    assertEquals(Double.NEGATIVE_INFINITY, p.logDensity(1.5));
    assertTrue(Double.isFinite(p.logDensity(0.0)) && Double.isFinite(p.logDensity(1.0)));
  }

  @Test
  void samplesStayInTheIntervalAndFollowTheDensity() {
    TruncatedParzenEstimator p = fit(new double[] {0.02, 0.05, 0.9, 0.01}, 0.0, 1.0,
        BandwidthRule.NEIGHBOR_DISTANCE);
    SplittableRandom rng = new SplittableRandom(3);
    int[] counts = new int[BINS];
    for (int i = 0; i < DRAWS; i++) {
      double x = p.sample(rng);
      assertTrue(x >= 0.0 && x <= 1.0, "sample " + x + " outside [0, 1]");
      counts[Math.min(BINS - 1, (int) (x * BINS))]++;
    }
    for (int b = 0; b < BINS; b++) {
      double expected = integrate(p, (double) b / BINS, (double) (b + 1) / BINS, 2_000);
      assertEquals(expected, (double) counts[b] / DRAWS, FREQUENCY_TOLERANCE, "bin " + b);
    }
  }
}
