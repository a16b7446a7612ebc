package org.sparsetune.outer.search;

import java.util.SplittableRandom;

/**
 * The standard normal distribution's CDF and a sampler. Both use {@link StrictMath} only, so the
 * tuners' draws and rankings are the same bit for bit on every JVM and platform (a checkpoint
 * written on one machine resumes identically on another).
 */
final class StandardNormal {

  private static final double TWO_PI = 2.0 * Math.PI;

  private StandardNormal() {}

  /**
   * Φ(x) = erfc(−x/√2)/2, with the Chebyshev-fitted erfc of Press, Teukolsky, Vetterling &amp;
   * Flannery, <i>Numerical Recipes in C</i>, 2nd ed., §6.2 (function {@code erfcc}), whose
   * fractional error is below 1.2e-7 everywhere. The tuners only use Φ for the normalizers of
   * kernels truncated to the box, which are at least 0.34 (a kernel's centre lies in the box and
   * its σ is at most the box width), so this accuracy is ample.
   */
  static double cdf(double x) {
    return 0.5 * erfc(-x / StrictMath.sqrt(2.0));
  }

  /** Complementary error function, fractional error below 1.2e-7 (see {@link #cdf}). */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1.0 / (1.0 + 0.5 * z);
    double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277))))))));
    double r = t * StrictMath.exp(poly);
    return x >= 0.0 ? r : 2.0 - r;
  }

  /**
   * One standard normal draw by the Box–Muller transform, using two {@code nextDouble()} calls
   * (the second variate of the pair is discarded so that no state is carried between calls).
   */
  static double sample(SplittableRandom rng) {
    double u1 = 1.0 - rng.nextDouble(); // in (0, 1], so the log is finite
    double u2 = rng.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(TWO_PI * u2);
  }
}
