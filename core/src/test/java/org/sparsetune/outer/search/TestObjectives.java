package org.sparsetune.outer.search;

/** Objectives with known minima for the tuner tests. */
final class TestObjectives {

  private TestObjectives() {}

  /** Box of {@link #shiftedQuadratic}: [−5, 5]. */
  static final SearchSpace QUADRATIC_BOX = SearchSpace.of(new double[] {-5.0}, new double[] {5.0});

  /** Minimizer of {@link #shiftedQuadratic}. */
  static final double QUADRATIC_ARGMIN = 1.3;

  /** Minimum value of {@link #shiftedQuadratic}. */
  static final double QUADRATIC_MIN = 0.0;

  /** Branin's standard box: x ∈ [−5, 10], y ∈ [0, 15]. */
  static final SearchSpace BRANIN_BOX = SearchSpace.of(new double[] {-5.0, 0.0},
      new double[] {10.0, 15.0});

  /**
   * Branin's minimum value 5/(4π) ≈ 0.397887, reached at (−π, 12.275), (π, 2.275) and
   * (9.42478, 2.475): at each, the squared term vanishes and cos x = −1, leaving
   * s(1 − t)(−1) + s = s·t = 10/(8π).
   */
  static final double BRANIN_MIN = 5.0 / (4.0 * Math.PI);

  /** (x − 1.3)², minimum 0 at 1.3. */
  static double shiftedQuadratic(double[] p) {
    double d = p[0] - QUADRATIC_ARGMIN;
    return d * d;
  }

  /**
   * The Branin–Hoo function a(y − b x² + c x − r)² + s(1 − t) cos x + s with the standard
   * constants a = 1, b = 5.1/(4π²), c = 5/π, r = 6, s = 10, t = 1/(8π).
   */
  static double branin(double[] p) {
    double x = p[0];
    double y = p[1];
    double b = 5.1 / (4.0 * Math.PI * Math.PI);
    double c = 5.0 / Math.PI;
    double t = 1.0 / (8.0 * Math.PI);
    double q = y - b * x * x + c * x - 6.0;
    return q * q + 10.0 * (1.0 - t) * Math.cos(x) + 10.0;
  }
}
