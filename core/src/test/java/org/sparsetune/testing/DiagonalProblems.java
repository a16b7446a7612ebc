package org.sparsetune.testing;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.linalg.DenseMatrix;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.Loss;

/**
 * Quadratic lower-level problems with orthogonal design columns, whose solution is known in closed
 * form.
 *
 * <p><b>Derivation.</b> Take the quadratic problem
 *
 * <pre>
 *   min_{y, c} 1/(2n) ||b - A y - c·1||² + l2/2 ||y||² + Σ_j w_j |y_j|
 * </pre>
 *
 * with pairwise orthogonal columns ({@code a_jᵀ a_k = 0} for j ≠ k) and, when an intercept is
 * fitted, every column orthogonal to the ones vector ({@code a_jᵀ 1 = 0}). Write {@code κ_j =
 * ||a_j||²/n} and {@code d_j = a_jᵀ b / n}. Expanding the square, the objective separates:
 *
 * <pre>
 *   1/(2n)||b - c·1||² + Σ_j [ (κ_j + l2)/2 · y_j² - d_j y_j + w_j |y_j| ]
 * </pre>
 *
 * (the cross terms {@code a_jᵀa_k y_j y_k} and {@code c·a_jᵀ1·y_j} vanish). The intercept term is
 * minimized by {@code c* = mean(b)}; each one-dimensional term by soft-thresholding,
 *
 * <pre>
 *   y_j* = S(d_j, w_j) / (κ_j + l2),   S(u, t) = sign(u)·max(|u| - t, 0),
 * </pre>
 *
 * provided {@code κ_j + l2 > 0}. (An empty column has κ_j = d_j = 0, so y_j* = 0 whenever
 * {@code w_j > 0} or {@code l2 > 0}.) Without intercept, c = 0 and the ones-orthogonality is not
 * needed.
 */
public final class DiagonalProblems {
  private DiagonalProblems() {}

  /**
   * A problem with its exact solution.
   *
   * @param problem the quadratic problem
   * @param coefficients y* from the closed form
   * @param intercept c* from the closed form (0 without intercept)
   */
  public record Case(LowerLevelProblem problem, double[] coefficients, double intercept) {}

  /**
   * The paper's Experiment 1, panel (a) (Section 5.1): {@code min_y ½||y - d||² + Σ_j 0.6|y_j|}
   * with d = (0.8, 0.5), whose solution is y* = (S(0.8, 0.6), S(0.5, 0.6)) = (0.2, 0).
   *
   * <p>In our parametrization take n = 2, {@code A = sqrt(2)·I₂}, {@code b = sqrt(2)·d}, l2 = 0
   * and w = (0.6, 0.6): then {@code 1/(2n)||b - A y||² = ¼·2·||d - y||² = ½||y - d||²}. In the
   * notation above κ_j = 2/2 = 1 and d_j = sqrt(2)·sqrt(2)·d_j/2 = d_j.
   */
  public static Case experiment1PanelA() {
    double s = Math.sqrt(2.0);
    DenseMatrix a = DenseMatrix.ofRows(new double[][] {{s, 0.0}, {0.0, s}});
    double[] b = {s * 0.8, s * 0.5};
    LowerLevelProblem problem =
        new LowerLevelProblem(a, b, Loss.QUADRATIC, 0.0, new double[] {0.6, 0.6}, false);
    return new Case(problem, new double[] {0.2, 0.0}, 0.0);
  }

  /** The objective value of Experiment 1 panel (a) at y* = (0.2, 0): ½(0.6² + 0.5²) + 0.6·0.2. */
  public static final double EXPERIMENT_1A_OBJECTIVE = 0.5 * (0.36 + 0.25) + 0.12;

  /**
   * A dense n × p design (p &lt; n, p + 1 &lt; n with an intercept) with orthogonal columns of
   * random lengths {@code ||a_j||² = n·κ_j}, κ_j ∈ [0.25, 4): Gram–Schmidt (twice, for orthogonality
   * to rounding) of Gaussian columns, after the ones vector when an intercept is fitted so every
   * column is also orthogonal to it. Labels are Gaussian around 0.7; penalties {@code w_j = |d_j|·U(0,
   * 2)}, so about half the coefficients are zero.
   */
  public static Case randomOrthogonal(long seed, int n, int p, double l2, boolean fitIntercept) {
    if (p + (fitIntercept ? 1 : 0) > n) {
      throw new IllegalArgumentException("need p (+1 with intercept) <= n, got " + p + ", " + n);
    }
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom designRng = root.split();
    SplittableRandom labelRng = root.split();
    SplittableRandom penaltyRng = root.split();
    double[][] basis = new double[p + 1][];
    int start = 0;
    if (fitIntercept) {
      basis[0] = new double[n];
      Arrays.fill(basis[0], 1.0 / Math.sqrt(n));
      start = 1;
    }
    double[] data = new double[n * p];
    for (int j = 0; j < p; j++) {
      double[] v = RandomProblems.gaussianVector(designRng, n, 1.0);
      for (int pass = 0; pass < 2; pass++) {
        for (int k = 0; k < start + j; k++) {
          double dot = dot(basis[k], v);
          for (int i = 0; i < n; i++) {
            v[i] -= dot * basis[k][i];
          }
        }
      }
      double norm = Math.sqrt(dot(v, v));
      for (int i = 0; i < n; i++) {
        v[i] /= norm;
      }
      basis[start + j] = v;
      double length = Math.sqrt(n * (0.25 + 3.75 * designRng.nextDouble()));
      for (int i = 0; i < n; i++) {
        data[j * n + i] = length * v[i];
      }
    }
    DenseMatrix a = DenseMatrix.ofColumnMajor(n, p, data);
    double[] b = RandomProblems.gaussianVector(labelRng, n, 1.0);
    for (int i = 0; i < n; i++) {
      b[i] += 0.7;
    }
    return closedForm(a, b, l2, fitIntercept, penaltyRng);
  }

  /**
   * A sparse (CSC) n × p design whose columns have disjoint row supports, hence are exactly
   * orthogonal in floating point too: each nonempty column owns 2–4 random rows; column {@code
   * emptyColumn} (if in range) owns none, and the rows no column owns are empty. With an intercept,
   * each column's values are centred so that {@code a_jᵀ1 = 0}; every column is then scaled to
   * {@code ||a_j||² = n·κ_j}, κ_j ∈ [0.25, 4). Needs {@code n ≥ 4p}. Labels and
   * penalties as in {@link #randomOrthogonal}, except that the empty column gets the penalty 0.1 (so
   * that y_j* = 0 is its unique optimum even when l2 = 0).
   */
  public static Case disjointSupports(
      long seed, int n, int p, double l2, boolean fitIntercept, int emptyColumn) {
    if (n < 4 * p) {
      throw new IllegalArgumentException("need n >= 4p, got n = " + n + ", p = " + p);
    }
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom designRng = root.split();
    SplittableRandom labelRng = root.split();
    SplittableRandom penaltyRng = root.split();
    int[] rowOrder = shuffled(designRng, n);
    int[] colPtr = new int[p + 1];
    int[] rowIdx = new int[n];
    double[] values = new double[n];
    int next = 0;
    int k = 0;
    for (int j = 0; j < p; j++) {
      int count = j == emptyColumn ? 0 : 2 + designRng.nextInt(3);
      int[] rows = Arrays.copyOfRange(rowOrder, next, next + count);
      next += count;
      Arrays.sort(rows);
      double[] v = RandomProblems.gaussianVector(designRng, count, 1.0);
      if (fitIntercept && count > 0) {
        double mean = 0.0;
        for (double x : v) {
          mean += x;
        }
        mean /= count;
        for (int q = 0; q < count; q++) {
          v[q] -= mean;
        }
      }
      // Rescale to ||a_j||² = n·κ_j with κ_j ∈ [0.25, 4), as in randomOrthogonal, so that no
      // coordinate is badly conditioned.
      double norm = 0.0;
      for (double x : v) {
        norm += x * x;
      }
      double scale = Math.sqrt(n * (0.25 + 3.75 * designRng.nextDouble()) / Math.max(norm, 1e-300));
      for (int q = 0; q < count; q++) {
        rowIdx[k] = rows[q];
        v[q] *= scale;
        values[k++] = v[q];
      }
      colPtr[j + 1] = k;
    }
    CscMatrix a =
        CscMatrix.of(n, p, colPtr, Arrays.copyOf(rowIdx, k), Arrays.copyOf(values, k));
    double[] b = RandomProblems.gaussianVector(labelRng, n, 1.0);
    for (int i = 0; i < n; i++) {
      b[i] += 0.7;
    }
    return closedForm(a, b, l2, fitIntercept, penaltyRng);
  }

  /** Penalties {@code |d_j|·U(0, 2)} and the closed-form solution of the class comment. */
  private static Case closedForm(
      DesignMatrix a, double[] b, double l2, boolean fitIntercept, SplittableRandom penaltyRng) {
    int n = a.rows();
    int p = a.cols();
    double[] w = new double[p];
    double[] y = new double[p];
    for (int j = 0; j < p; j++) {
      double[] column = a.column(j);
      double kappa = dot(column, column) / n;
      double d = dot(column, b) / n;
      double u = penaltyRng.nextDouble();
      // An empty column gets a positive penalty so its zero coefficient is the unique optimum.
      w[j] = kappa == 0.0 ? 0.1 : Math.abs(d) * 2.0 * u;
      if (kappa + l2 > 0.0) {
        y[j] = FistaReference.softThreshold(d, w[j]) / (kappa + l2);
      }
    }
    double c = 0.0;
    if (fitIntercept) {
      for (double v : b) {
        c += v;
      }
      c /= n;
    }
    return new Case(new LowerLevelProblem(a, b, Loss.QUADRATIC, l2, w, fitIntercept), y, c);
  }

  private static double dot(double[] u, double[] v) {
    double s = 0.0;
    for (int i = 0; i < u.length; i++) {
      s += u[i] * v[i];
    }
    return s;
  }

  private static int[] shuffled(SplittableRandom rng, int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int k = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[k];
      order[k] = t;
    }
    return order;
  }
}
