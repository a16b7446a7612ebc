package org.sparsetune.experiments;

import java.util.Arrays;

/**
 * The separable weighted-ℓ1 problem of the paper's §5.1 panel (a),
 *
 * <pre>
 *   φ(y) = F(y) + G(y),   F(y) = ½||y - d||²,   G(y) = Σ_j w_j |y_j|,
 * </pre>
 *
 * its exact minimizer, its Berkovier–Engelman-style smoothing, and the forward–backward (FB)
 * operator of §3.1, eq. (6)–(7).
 *
 * <p><b>Exact minimizer.</b> φ separates by coordinate; the minimizer is the soft-threshold
 * {@code y*_j = S(d_j, w_j) = sign(d_j) max(|d_j| - w_j, 0)}.
 *
 * <p><b>Smoothing.</b> Each |t| is replaced by {@code ψ_μ(t) = sqrt(t² + μ²) - μ} (μ &gt; 0),
 * giving {@code φ_μ(y) = F(y) + Σ_j w_j ψ_μ(y_j)}. The constant {@code -μ} does not move any
 * minimizer; it only makes ψ_μ(0) = 0 = |0| so that the curves of φ and φ_μ are comparable. ψ_μ
 * is smooth and 0 ≤ |t| - ψ_μ(t) ≤ μ. The smoothed minimizer solves, coordinate by coordinate,
 * the strictly increasing equation
 *
 * <pre>
 *   g_j(t) = t - d_j + w_j t / sqrt(t² + μ²) = 0,
 * </pre>
 *
 * whose root lies between 0 and d_j; {@link #smoothedMinimizer} finds it by Newton's method
 * safeguarded by bisection, down to adjacent doubles. Because g_j(0) = -d_j, the root is nonzero
 * whenever d_j ≠ 0: smoothing moves every zero of y* with d_j ≠ 0 off zero, by an amount that
 * grows with μ (for t &gt; 0, g_j(t) decreases in μ).
 *
 * <p><b>FB operator.</b> {@code T_γ(y) = prox_{γG}(y - γ∇F(y)) = S(y - γ(y - d), γw)} and the
 * residual {@code R_γ(y) = (y - T_γ(y))/γ}. By Proposition 3, {@code R_γ(y) = 0} exactly at the
 * minimizer of φ for every γ &gt; 0: the FB reformulation keeps the solution set, smoothing does
 * not.
 */
public final class DiagonalWeightedL1 {
  private static final int MAX_ROOT_ITERATIONS = 2_000;

  private final double[] d;
  private final double[] w;

  /**
   * @param d the target (finite), length p ≥ 1
   * @param w the penalties (finite, at least 0), length p
   */
  public DiagonalWeightedL1(double[] d, double[] w) {
    if (d == null || w == null || d.length != w.length || d.length == 0) {
      throw new IllegalArgumentException("d and w must be non-empty and of equal length");
    }
    for (int j = 0; j < d.length; j++) {
      if (!Double.isFinite(d[j])) {
        throw new IllegalArgumentException("d[" + j + "] = " + d[j] + ", expected a finite value");
      }
      if (!(w[j] >= 0.0) || !Double.isFinite(w[j])) {
        throw new IllegalArgumentException("w[" + j + "] = " + w[j] + ", expected finite and at least 0");
      }
    }
    this.d = d.clone();
    this.w = w.clone();
  }

  /** The dimension p. */
  public int dimension() {
    return d.length;
  }

  /** A copy of the target d. */
  public double[] target() {
    return d.clone();
  }

  /** A copy of the penalties w. */
  public double[] penalties() {
    return w.clone();
  }

  /** {@code S(u, t) = sign(u) max(|u| - t, 0)}, the prox of {@code t|·|}. */
  public static double softThreshold(double u, double t) {
    if (u > t) {
      return u - t;
    }
    if (u < -t) {
      return u + t;
    }
    return 0.0;
  }

  /** {@code ψ_μ(t) = sqrt(t² + μ²) - μ}, the smoothed absolute value (μ &gt; 0). */
  public static double smoothedAbs(double t, double mu) {
    return Math.hypot(t, mu) - mu;
  }

  /** The exact minimizer {@code y*_j = S(d_j, w_j)}. */
  public double[] exactMinimizer() {
    double[] y = new double[d.length];
    for (int j = 0; j < y.length; j++) {
      y[j] = softThreshold(d[j], w[j]);
    }
    return y;
  }

  /** φ(y) = ½||y - d||² + Σ w_j |y_j|. */
  public double objective(double[] y) {
    checkLength(y);
    double s = 0.0;
    for (int j = 0; j < d.length; j++) {
      double r = y[j] - d[j];
      s += 0.5 * r * r + w[j] * Math.abs(y[j]);
    }
    return s;
  }

  /** φ_μ(y) = ½||y - d||² + Σ w_j ψ_μ(y_j), μ &gt; 0. */
  public double smoothedObjective(double[] y, double mu) {
    checkLength(y);
    checkMu(mu);
    double s = 0.0;
    for (int j = 0; j < d.length; j++) {
      double r = y[j] - d[j];
      s += 0.5 * r * r + w[j] * smoothedAbs(y[j], mu);
    }
    return s;
  }

  /**
   * The minimizer of φ_μ, each coordinate the root of {@code g_j(t) = t - d_j + w_j t/sqrt(t² +
   * μ²)} to the last bit (the bracket is shrunk until its ends are adjacent doubles, or g_j
   * vanishes).
   */
  public double[] smoothedMinimizer(double mu) {
    checkMu(mu);
    double[] y = new double[d.length];
    for (int j = 0; j < y.length; j++) {
      y[j] = smoothedRoot(d[j], w[j], mu);
    }
    return y;
  }

  /** {@code g_j(t)} of coordinate j: the derivative of φ_μ along y_j. */
  public double smoothedGradient(int j, double t, double mu) {
    return t - d[j] + w[j] * t / Math.hypot(t, mu);
  }

  private static double smoothedRoot(double dj, double wj, double mu) {
    if (dj == 0.0) {
      return 0.0;
    }
    // g is odd-symmetric in (t, d): solve for |d| and restore the sign.
    double target = Math.abs(dj);
    double lo = 0.0; // g(lo) = -|d| < 0
    double hi = target; // g(hi) = w·|d|/sqrt(d² + μ²) ≥ 0
    double t = 0.5 * (lo + hi);
    for (int it = 0; it < MAX_ROOT_ITERATIONS; it++) {
      double r = Math.hypot(t, mu);
      double g = t - target + wj * t / r;
      if (g == 0.0) {
        lo = t;
        hi = t;
        break;
      }
      if (g < 0.0) {
        lo = t;
      } else {
        hi = t;
      }
      if (Math.nextUp(lo) >= hi) {
        break;
      }
      double slope = 1.0 + wj * mu * mu / (r * r * r);
      double next = t - g / slope;
      t = next > lo && next < hi ? next : 0.5 * (lo + hi);
    }
    double gLo = lo - target + wj * lo / Math.hypot(lo, mu);
    double gHi = hi - target + wj * hi / Math.hypot(hi, mu);
    double root = Math.abs(gLo) <= Math.abs(gHi) ? lo : hi;
    return Math.copySign(root, dj);
  }

  /**
   * The FB operator {@code T_γ(y) = prox_{γG}(y - γ∇F(y)) = S(y - γ(y - d), γw)} (eq. (6)).
   *
   * @param gamma the step γ &gt; 0 (F is 1-smooth, so γ ∈ (0, 1] is the classical range; the fixed
   *     points are the same for every γ &gt; 0)
   */
  public double[] forwardBackward(double[] y, double gamma) {
    checkLength(y);
    if (!(gamma > 0.0) || !Double.isFinite(gamma)) {
      throw new IllegalArgumentException("gamma must be positive and finite, got " + gamma);
    }
    double[] t = new double[d.length];
    for (int j = 0; j < t.length; j++) {
      double forward = y[j] - gamma * (y[j] - d[j]);
      t[j] = softThreshold(forward, gamma * w[j]);
    }
    return t;
  }

  /**
   * {@code ||y - T_γ(y)||₂}, the FB fixed-point residual (γ times the norm of R_γ(y), eq. (7));
   * zero exactly when y minimizes φ.
   */
  public double fbResidual(double[] y, double gamma) {
    return distance(y, forwardBackward(y, gamma));
  }

  /** The Euclidean distance between two vectors of equal length. */
  public static double distance(double[] u, double[] v) {
    if (u.length != v.length) {
      throw new IllegalArgumentException("lengths differ: " + u.length + " and " + v.length);
    }
    double s = 0.0;
    for (int j = 0; j < u.length; j++) {
      double e = u[j] - v[j];
      s += e * e;
    }
    return Math.sqrt(s);
  }

  private void checkLength(double[] y) {
    if (y == null || y.length != d.length) {
      throw new IllegalArgumentException(
          "y has length " + (y == null ? "null" : y.length) + ", expected " + d.length);
    }
  }

  private static void checkMu(double mu) {
    if (!(mu > 0.0) || !Double.isFinite(mu)) {
      throw new IllegalArgumentException("smoothing parameter mu must be positive and finite, got " + mu);
    }
  }

  @Override
  public String toString() {
    return "DiagonalWeightedL1[d=" + Arrays.toString(d) + ", w=" + Arrays.toString(w) + "]";
  }
}
