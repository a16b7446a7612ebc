package org.sparsetune.testing;

import java.util.Arrays;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.Loss;

/**
 * An independent reference solver for the lower-level problem, written to be obviously correct
 * rather than fast: accelerated proximal gradient (FISTA, Beck &amp; Teboulle 2009) with the
 * gradient-based adaptive restart of O'Donoghue &amp; Candès (2015), on dense copies of the data.
 *
 * <p>It minimizes {@code Φ(z) = F(z) + Σ_j w_j |y_j|} over {@code z = (y, c)}, where the intercept
 * c (present only when the problem fits one) is one more, unpenalized coordinate. Each step is
 *
 * <pre>
 *   x_{k+1} = prox_{w/L}(v_k - ∇F(v_k) / L)      (soft-thresholding of y, identity on c)
 *   v_{k+1} = x_{k+1} + (t_k - 1)/t_{k+1} · (x_{k+1} - x_k),   t_{k+1} = (1 + sqrt(1 + 4 t_k²))/2
 * </pre>
 *
 * and momentum is reset ({@code t = 1, v = x}) whenever {@code (v_k - x_{k+1})ᵀ(x_{k+1} - x_k) >
 * 0}, i.e. when the step and the momentum disagree. Any L at least the Lipschitz constant of ∇F
 * makes this converge; we use
 *
 * <pre>
 *   L = κ · λ̄ / n + l2,   κ = 1 (quadratic) or 1/4 (logistic, since σ' ≤ 1/4),
 * </pre>
 *
 * with λ̄ a guaranteed upper bound of λ_max(GᵀG), G = [A, 1] (the ones column only with an
 * intercept): see {@link #largestEigenvalueUpperBound}. The smooth gradient is computed here with
 * its own loops (not with {@link Kkt#gradient}); only the stopping test uses {@link
 * Kkt#maxViolation}, evaluated at the proximal point {@code x_k}, so a reported solution is
 * certified by the same measure the tests use.
 *
 * <p>Meant for small problems (n, p up to about 100): every iteration costs O(n·p).
 */
public final class FistaReference {
  private FistaReference() {}

  /** Iteration cap of {@link #solve(LowerLevelProblem)}. */
  public static final int DEFAULT_MAX_ITERATIONS = 1_000_000;

  /** The KKT violation is evaluated every this many iterations (and at the last one). */
  private static final int CHECK_EVERY = 10;

  /**
   * The reference solution.
   *
   * @param coefficients y (length p)
   * @param intercept c (0 when the problem fits none)
   * @param iterations proximal-gradient steps taken
   * @param kktViolation {@link Kkt#maxViolation} at the returned point
   * @param reachedTolerance whether {@code kktViolation} fell to the requested tolerance; tests must
   *     assert this before using the solution
   * @param lipschitz the constant L used for the step 1/L
   */
  public record Solution(
      double[] coefficients,
      double intercept,
      int iterations,
      double kktViolation,
      boolean reachedTolerance,
      double lipschitz) {}

  /** Solves to {@link Tolerances#REFERENCE_KKT} within {@link #DEFAULT_MAX_ITERATIONS}. */
  public static Solution solve(LowerLevelProblem problem) {
    return solve(problem, Tolerances.REFERENCE_KKT, DEFAULT_MAX_ITERATIONS);
  }

  /** Solves until {@code Kkt.maxViolation ≤ tolerance} or {@code maxIterations} steps. */
  public static Solution solve(LowerLevelProblem problem, double tolerance, int maxIterations) {
    int n = problem.rows();
    int p = problem.cols();
    boolean intercept = problem.fitIntercept();
    int m = p + (intercept ? 1 : 0);
    double[][] g = augmentedColumns(problem.design(), intercept);
    double[] b = problem.labels();
    double[] w = problem.penalties();
    double l2 = problem.l2();
    double curvature = problem.loss() == Loss.QUADRATIC ? 1.0 : 0.25;
    double lipschitz = curvature * largestEigenvalueUpperBound(gram(g)) / n + l2;
    if (!(lipschitz > 0.0)) {
      lipschitz = 1.0; // F is constant: any step is exact.
    }
    double step = 1.0 / lipschitz;

    double[] x = new double[m];
    double[] v = new double[m];
    double[] xNew = new double[m];
    double[] grad = new double[m];
    double t = 1.0;
    double violation = Double.POSITIVE_INFINITY;
    int k = 0;
    while (k < maxIterations) {
      gradient(problem.loss(), g, b, l2, p, v, grad);
      for (int j = 0; j < m; j++) {
        double u = v[j] - step * grad[j];
        xNew[j] = j < p ? softThreshold(u, step * w[j]) : u;
      }
      double agreement = 0.0;
      for (int j = 0; j < m; j++) {
        agreement += (v[j] - xNew[j]) * (xNew[j] - x[j]);
      }
      double tNew = 0.5 * (1.0 + Math.sqrt(1.0 + 4.0 * t * t));
      double momentum = (t - 1.0) / tNew;
      if (agreement > 0.0) {
        tNew = 1.0;
        momentum = 0.0;
      }
      for (int j = 0; j < m; j++) {
        v[j] = xNew[j] + momentum * (xNew[j] - x[j]);
        x[j] = xNew[j];
      }
      t = tNew;
      k++;
      if (k % CHECK_EVERY == 0 || k == maxIterations) {
        violation = Kkt.maxViolation(problem, coefficients(x, p), intercept ? x[p] : 0.0);
        if (violation <= tolerance) {
          break;
        }
      }
    }
    return new Solution(
        coefficients(x, p),
        intercept ? x[p] : 0.0,
        k,
        violation,
        violation <= tolerance,
        lipschitz);
  }

  /**
   * A guaranteed upper bound of the largest eigenvalue of a symmetric positive semidefinite r × r
   * matrix M: for every m, {@code λ_max^m ≤ tr(M^m) ≤ r·λ_max^m}, so {@code tr(M^m)^{1/m}} is an
   * upper bound that exceeds λ_max by at most the factor {@code r^{1/m}}. We take {@code m = 2^10}
   * by repeated squaring, rescaling to unit trace after every squaring (and keeping the logarithm
   * of the scale) so nothing overflows; for r ≤ 100 the bound is within 0.5% of λ_max.
   */
  public static double largestEigenvalueUpperBound(double[][] symmetric) {
    double trace = trace(symmetric);
    if (!(trace > 0.0)) {
      return 0.0;
    }
    double[][] power = scaled(symmetric, 1.0 / trace); // M^{2^s} / exp(logTrace)
    double logTrace = Math.log(trace); // log tr(M^{2^s})
    int squarings = 10;
    for (int s = 0; s < squarings; s++) {
      double[][] square = multiply(power, power);
      double t = trace(square);
      logTrace = 2.0 * logTrace + Math.log(t);
      power = scaled(square, 1.0 / t);
    }
    // The factor covers rounding in the last digits; the bound is loose by r^{1/1024} anyway.
    return Math.exp(logTrace / Math.pow(2.0, squarings)) * (1.0 + 1e-9);
  }

  /** ∇F at z = (y, c) for columns g of [A, 1], written out plainly. */
  private static void gradient(
      Loss loss, double[][] g, double[] b, double l2, int p, double[] z, double[] out) {
    int n = b.length;
    int m = g.length;
    double[] margin = new double[n];
    for (int j = 0; j < m; j++) {
      for (int i = 0; i < n; i++) {
        margin[i] += g[j][i] * z[j];
      }
    }
    double[] rowDerivative = new double[n];
    for (int i = 0; i < n; i++) {
      if (loss == Loss.QUADRATIC) {
        // d/dm of (b - m)²/2
        rowDerivative[i] = margin[i] - b[i];
      } else {
        // d/dm of log(1 + exp(-b m)) = -b / (1 + exp(b m))
        rowDerivative[i] = -b[i] * logistic(-b[i] * margin[i]);
      }
    }
    for (int j = 0; j < m; j++) {
      double s = 0.0;
      for (int i = 0; i < n; i++) {
        s += g[j][i] * rowDerivative[i];
      }
      out[j] = s / n + (j < p ? l2 * z[j] : 0.0);
    }
  }

  /** {@code 1/(1 + exp(-t))} computed without overflow. */
  private static double logistic(double t) {
    if (t >= 0) {
      return 1.0 / (1.0 + Math.exp(-t));
    }
    double e = Math.exp(t);
    return e / (1.0 + e);
  }

  /** {@code sign(u)·max(|u| - threshold, 0)}. */
  public static double softThreshold(double u, double threshold) {
    if (u > threshold) {
      return u - threshold;
    }
    if (u < -threshold) {
      return u + threshold;
    }
    return 0.0;
  }

  /** Dense columns of A, followed by a column of ones when there is an intercept. */
  private static double[][] augmentedColumns(DesignMatrix a, boolean intercept) {
    int p = a.cols();
    double[][] g = new double[p + (intercept ? 1 : 0)][];
    for (int j = 0; j < p; j++) {
      g[j] = a.column(j);
    }
    if (intercept) {
      g[p] = new double[a.rows()];
      Arrays.fill(g[p], 1.0);
    }
    return g;
  }

  /** GᵀG for columns g. */
  private static double[][] gram(double[][] g) {
    int m = g.length;
    double[][] out = new double[m][m];
    for (int j = 0; j < m; j++) {
      for (int k = 0; k <= j; k++) {
        double s = 0.0;
        for (int i = 0; i < g[j].length; i++) {
          s += g[j][i] * g[k][i];
        }
        out[j][k] = s;
        out[k][j] = s;
      }
    }
    return out;
  }

  private static double[][] multiply(double[][] x, double[][] y) {
    int r = x.length;
    double[][] out = new double[r][r];
    for (int i = 0; i < r; i++) {
      for (int k = 0; k < r; k++) {
        double xik = x[i][k];
        for (int j = 0; j < r; j++) {
          out[i][j] += xik * y[k][j];
        }
      }
    }
    return out;
  }

  private static double trace(double[][] x) {
    double s = 0.0;
    for (int i = 0; i < x.length; i++) {
      s += x[i][i];
    }
    return s;
  }

  private static double[][] scaled(double[][] x, double factor) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].clone();
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] *= factor;
      }
    }
    return out;
  }

  private static double[] coefficients(double[] z, int p) {
    return Arrays.copyOf(z, p);
  }
}
