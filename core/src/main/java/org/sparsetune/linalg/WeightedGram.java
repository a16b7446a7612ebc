package org.sparsetune.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import java.util.Arrays;
import org.netlib.util.intW;

/**
 * Dense weighted Gram matrices of a few columns, {@code G = scale·A_Sᵀ diag(d) A_S + ridge·I},
 * optionally bordered by a column of ones (an unpenalized intercept, no ridge on its diagonal),
 * and their Cholesky solves through LAPACK (dev.ludovic.netlib). The s × s result is column-major
 * with the lower triangle filled. Dense designs use BLAS {@code dsyrk} on an n × s block (O(n·s²));
 * sparse designs use column dot products against one scattered column (O(s·nnz(A_S))).
 */
public final class WeightedGram {
  private static final BLAS BLAS_ = BLAS.getInstance();
  private static final LAPACK LAPACK_ = LAPACK.getInstance();

  private WeightedGram() {}

  /**
   * @param a the design
   * @param cols the columns S
   * @param d row weights (null for all ones), each at least 0
   * @param scale multiplies AᵀDA (e.g. 1/n)
   * @param ridge added to the diagonal of the feature block
   * @param intercept border with a column of ones as the last unknown
   * @return the (s + intercept) × (s + intercept) matrix, lower triangle filled
   */
  public static double[] form(
      DesignMatrix a, int[] cols, double[] d, double scale, double ridge, boolean intercept) {
    int n = a.rows();
    int s = cols.length + (intercept ? 1 : 0);
    double[] g = new double[s * s];
    if (a.isSparse()) {
      // Sparse columns: scatter d ⊙ a_k once, then dot every later column against it, which
      // costs about s·nnz(A_S)/2 instead of n·s².
      double[] scattered = new double[n];
      int m = cols.length;
      for (int k = 0; k < m; k++) {
        a.columnAxpy(cols[k], 1.0, scattered);
        if (d != null) {
          for (int i = 0; i < n; i++) {
            scattered[i] *= d[i];
          }
        }
        for (int l = k; l < m; l++) {
          g[k * s + l] = scale * a.columnDot(cols[l], scattered);
        }
        if (intercept) {
          double sum = 0.0;
          for (int i = 0; i < n; i++) {
            sum += scattered[i];
          }
          g[k * s + m] = scale * sum;
        }
        java.util.Arrays.fill(scattered, 0.0);
      }
      if (intercept) {
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
          sum += d == null ? 1.0 : d[i];
        }
        g[m * s + m] = scale * sum;
      }
    } else {
      double[] block = new double[n * s];
      for (int k = 0; k < s; k++) {
        int off = k * n;
        if (k < cols.length) {
          a.columnAxpyInto(cols[k], block, off);
        } else {
          Arrays.fill(block, off, off + n, 1.0);
        }
        if (d != null) {
          for (int i = 0; i < n; i++) {
            block[off + i] *= Math.sqrt(d[i]);
          }
        }
      }
      if (n > 0 && s > 0) {
        BLAS_.dsyrk("L", "T", s, n, scale, block, n, 0.0, g, s);
      }
    }
    for (int k = 0; k < cols.length; k++) {
      g[k * s + k] += ridge;
    }
    return g;
  }

  /**
   * Solves G q = rhs by Cholesky, overwriting g with its factor and rhs with q.
   *
   * @return false when G is not numerically positive definite (g and rhs are then garbage)
   */
  public static boolean choleskySolveInPlace(double[] g, int s, double[] rhs) {
    if (s == 0) {
      return true;
    }
    intW info = new intW(0);
    LAPACK_.dpotrf("L", s, g, s, info);
    if (info.val != 0) {
      return false;
    }
    LAPACK_.dpotrs("L", s, 1, g, s, rhs, s, info);
    return info.val == 0;
  }

  /** {@code G v} for the lower-filled G (for residual checks). */
  public static double[] multiply(double[] g, int s, double[] v) {
    double[] out = new double[s];
    for (int i = 0; i < s; i++) {
      double acc = 0.0;
      for (int j = 0; j < s; j++) {
        acc += (i >= j ? g[j * s + i] : g[i * s + j]) * v[j];
      }
      out[i] = acc;
    }
    return out;
  }
}
