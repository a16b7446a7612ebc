package org.sparsetune.oracle;

import java.util.Arrays;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.linalg.WeightedGram;

/**
 * The Hessian of the lower-level smooth part restricted to a working set S,
 * {@code H_SS = A_Sᵀ diag(d) A_S / n + l2·I} (d ≡ 1 for the quadratic loss, d_i = σ(s_i)σ(-s_i)
 * for the logistic loss), optionally bordered by the unpenalized intercept (a column of ones
 * without the l2 term). Solves {@code H_SS q = r} either by forming H_SS and factoring it with
 * LAPACK's Cholesky ({@code dpotrf}/{@code dpotrs} through dev.ludovic.netlib) or matrix-free by
 * Jacobi-preconditioned conjugate gradients on Hessian–vector products. It never forms anything
 * of size p×p or n×p.
 */
final class ReducedHessian {
  private final DesignMatrix a;
  private final double[] d;
  private final double l2;
  private final int[] cols;
  private final boolean intercept;
  private final int n;
  private final int size;
  private final double invN;

  /** Iterations of the last CG solve. */
  int lastIterations;
  /** Relative residual ||H q - r|| / ||r|| of the last solve. */
  double lastResidual;

  /**
   * @param a the training design
   * @param d per-row curvature weights, or null for all ones
   * @param l2 ridge term added to the feature block's diagonal
   * @param cols the feature indices of S, in order
   * @param intercept whether the last unknown is the intercept
   */
  ReducedHessian(DesignMatrix a, double[] d, double l2, int[] cols, boolean intercept) {
    this.a = a;
    this.d = d;
    this.l2 = l2;
    this.cols = cols;
    this.intercept = intercept;
    this.n = a.rows();
    this.size = cols.length + (intercept ? 1 : 0);
    this.invN = n == 0 ? 0.0 : 1.0 / n;
  }

  int size() {
    return size;
  }

  /** Dense Cholesky solve; returns null when H_SS is not numerically positive definite. */
  double[] solveCholesky(double[] rhs) {
    double[] h = WeightedGram.form(a, cols, d, invN, l2, intercept);
    double[] hCopy = h.clone();
    double[] q = rhs.clone();
    if (!WeightedGram.choleskySolveInPlace(h, size, q)) {
      return null;
    }
    lastIterations = 0;
    double[] hq = WeightedGram.multiply(hCopy, size, q);
    double num = 0.0;
    double den = 0.0;
    for (int i = 0; i < size; i++) {
      num += (hq[i] - rhs[i]) * (hq[i] - rhs[i]);
      den += rhs[i] * rhs[i];
    }
    lastResidual = den == 0.0 ? Math.sqrt(num) : Math.sqrt(num / den);
    return q;
  }

  /** out ← H_SS v, with scratch t of length n. */
  void multiply(double[] v, double[] out, double[] t) {
    Arrays.fill(t, intercept ? v[size - 1] : 0.0);
    for (int k = 0; k < cols.length; k++) {
      if (v[k] != 0.0) {
        a.columnAxpy(cols[k], v[k], t);
      }
    }
    if (d != null) {
      for (int i = 0; i < n; i++) {
        t[i] *= d[i];
      }
    }
    for (int k = 0; k < cols.length; k++) {
      out[k] = a.columnDot(cols[k], t) * invN + l2 * v[k];
    }
    if (intercept) {
      double s = 0.0;
      for (int i = 0; i < n; i++) {
        s += t[i];
      }
      out[size - 1] = s * invN;
    }
  }

  /**
   * Jacobi-preconditioned conjugate gradients from the start x0 (may be null).
   *
   * @return the solution, also when the budget ran out (lastResidual tells how good it is)
   */
  double[] solveConjugateGradient(double[] rhs, double[] x0, double relTol, int maxIter) {
    int s = size;
    double[] x = x0 == null ? new double[s] : x0.clone();
    double[] t = new double[n];
    double[] diag = new double[s];
    for (int k = 0; k < cols.length; k++) {
      diag[k] = (d == null ? a.columnSquaredNorm(cols[k]) : a.columnWeightedSquaredNorm(cols[k], d))
          * invN + l2;
    }
    if (intercept) {
      double sum = 0.0;
      for (int i = 0; i < n; i++) {
        sum += d == null ? 1.0 : d[i];
      }
      diag[s - 1] = sum * invN;
    }
    double rhsNorm = norm(rhs);
    double[] r = new double[s];
    multiply(x, r, t);
    for (int k = 0; k < s; k++) {
      r[k] = rhs[k] - r[k];
    }
    double[] z = new double[s];
    double[] p = new double[s];
    double[] hp = new double[s];
    precondition(r, diag, z);
    System.arraycopy(z, 0, p, 0, s);
    double rz = dot(r, z);
    int it = 0;
    double target = relTol * (rhsNorm == 0.0 ? 1.0 : rhsNorm);
    while (norm(r) > target && it < maxIter) {
      multiply(p, hp, t);
      double php = dot(p, hp);
      if (!(php > 0.0)) {
        break; // not positive definite along p: stop with the best iterate so far
      }
      double alpha = rz / php;
      for (int k = 0; k < s; k++) {
        x[k] += alpha * p[k];
        r[k] -= alpha * hp[k];
      }
      precondition(r, diag, z);
      double rzNew = dot(r, z);
      double beta = rzNew / rz;
      rz = rzNew;
      for (int k = 0; k < s; k++) {
        p[k] = z[k] + beta * p[k];
      }
      it++;
    }
    // The true residual, not the recursively updated one.
    multiply(x, hp, t);
    double res = 0.0;
    for (int k = 0; k < s; k++) {
      double e = hp[k] - rhs[k];
      res += e * e;
    }
    lastIterations = it;
    lastResidual = rhsNorm == 0.0 ? Math.sqrt(res) : Math.sqrt(res) / rhsNorm;
    return x;
  }

  private static void precondition(double[] r, double[] diag, double[] z) {
    for (int k = 0; k < r.length; k++) {
      z[k] = diag[k] > 0.0 ? r[k] / diag[k] : r[k];
    }
  }

  private static double dot(double[] u, double[] v) {
    double s = 0.0;
    for (int k = 0; k < u.length; k++) {
      s += u[k] * v[k];
    }
    return s;
  }

  private static double norm(double[] v) {
    return Math.sqrt(dot(v, v));
  }
}
