package org.sparsetune.solver;

import org.sparsetune.linalg.DesignMatrix;

/**
 * Optimality measures of the lower-level problem, computed from scratch (no solver state), so
 * tests and callers can check any point independently of how it was found.
 *
 * <p>The KKT violation of feature j is the distance from 0 to {@code ∇_j F(y) + w_j ∂|y_j|}:
 * {@code |∇_j F + w_j sign(y_j)|} when {@code y_j ≠ 0} and {@code max(|∇_j F| - w_j, 0)} when
 * {@code y_j = 0}; for the intercept it is {@code |∂_c F|}. Its maximum over features is zero
 * exactly at the solution and bounds the forward–backward residual {@code |R^γ(y)_j|} of the paper
 * (eq. 7) for every γ > 0.
 */
public final class Kkt {
  private Kkt() {}

  /** Gradient of the smooth part F at (y, c): entries 0..p-1 for y, entry p for the intercept. */
  public static double[] gradient(LowerLevelProblem problem, double[] y, double intercept) {
    DesignMatrix a = problem.design();
    int n = a.rows();
    int p = a.cols();
    double[] margin = new double[n];
    a.multiply(y, margin);
    double[] rowDeriv = new double[n];
    double[] b = problem.labels();
    if (problem.loss() == Loss.QUADRATIC) {
      for (int i = 0; i < n; i++) {
        rowDeriv[i] = margin[i] + intercept - b[i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        double s = b[i] * (margin[i] + intercept);
        rowDeriv[i] = -b[i] * sigmoid(-s);
      }
    }
    double[] g = new double[p + 1];
    double invN = n == 0 ? 0.0 : 1.0 / n;
    for (int j = 0; j < p; j++) {
      g[j] = a.columnDot(j, rowDeriv) * invN + problem.l2() * y[j];
    }
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
      sum += rowDeriv[i];
    }
    g[p] = sum * invN;
    return g;
  }

  /** The maximum KKT violation at (y, c), the intercept included when the problem fits one. */
  public static double maxViolation(LowerLevelProblem problem, double[] y, double intercept) {
    double[] g = gradient(problem, y, intercept);
    double[] w = problem.penalties();
    double worst = problem.fitIntercept() ? Math.abs(g[w.length]) : 0.0;
    for (int j = 0; j < w.length; j++) {
      worst = Math.max(worst, violation(g[j], y[j], w[j]));
    }
    return worst;
  }

  /** KKT violation of one coordinate with smooth gradient g, value y and penalty w. */
  public static double violation(double g, double y, double w) {
    if (y > 0.0) {
      return Math.abs(g + w);
    } else if (y < 0.0) {
      return Math.abs(g - w);
    }
    return Math.max(Math.abs(g) - w, 0.0);
  }

  /** The objective F(y, c) + Σ w_j |y_j|. */
  public static double objective(LowerLevelProblem problem, double[] y, double intercept) {
    DesignMatrix a = problem.design();
    int n = a.rows();
    double[] margin = new double[n];
    a.multiply(y, margin);
    double[] b = problem.labels();
    double fit = 0.0;
    if (problem.loss() == Loss.QUADRATIC) {
      for (int i = 0; i < n; i++) {
        double r = b[i] - margin[i] - intercept;
        fit += 0.5 * r * r;
      }
    } else {
      for (int i = 0; i < n; i++) {
        fit += logOnePlusExp(-b[i] * (margin[i] + intercept));
      }
    }
    double value = n == 0 ? 0.0 : fit / n;
    double[] w = problem.penalties();
    double ridge = 0.0;
    double l1 = 0.0;
    for (int j = 0; j < y.length; j++) {
      ridge += y[j] * y[j];
      l1 += w[j] * Math.abs(y[j]);
    }
    return value + 0.5 * problem.l2() * ridge + l1;
  }

  /**
   * The smallest uniform penalty α_max at which y = 0 solves the problem: {@code max_j |∇_j F(0,
   * c₀)|}, with c₀ the best intercept alone (0 when the problem fits none).
   */
  public static double maxUniformPenalty(LowerLevelProblem problem) {
    double c0 = problem.fitIntercept() ? interceptOnly(problem) : 0.0;
    double[] g = gradient(problem, new double[problem.cols()], c0);
    double m = 0.0;
    for (int j = 0; j < problem.cols(); j++) {
      m = Math.max(m, Math.abs(g[j]));
    }
    return m;
  }

  /** The optimal intercept when every coefficient is zero. */
  public static double interceptOnly(LowerLevelProblem problem) {
    double[] b = problem.labels();
    if (b.length == 0) {
      return 0.0;
    }
    if (problem.loss() == Loss.QUADRATIC) {
      double s = 0.0;
      for (double v : b) {
        s += v;
      }
      return s / b.length;
    }
    int pos = 0;
    for (double v : b) {
      if (v > 0) {
        pos++;
      }
    }
    int neg = b.length - pos;
    if (pos == 0 || neg == 0) {
      throw new IllegalArgumentException(
          "an intercept-only logistic model needs both classes; all labels are "
              + (pos == 0 ? "-1" : "+1"));
    }
    return Math.log((double) pos / neg);
  }

  /** {@code 1 / (1 + exp(-t))}, without overflow. */
  public static double sigmoid(double t) {
    if (t >= 0.0) {
      return 1.0 / (1.0 + Math.exp(-t));
    }
    double e = Math.exp(t);
    return e / (1.0 + e);
  }

  /** {@code log(1 + exp(t))}, without overflow or loss of precision for large |t|. */
  public static double logOnePlusExp(double t) {
    if (t > 0.0) {
      return t + Math.log1p(Math.exp(-t));
    }
    return Math.log1p(Math.exp(t));
  }
}
