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
 * CSC designs accumulate row by row over a small CSR copy of A_S (O(nnz(A_S) + Σ_i nnz_i(S)²)).
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
    if (a instanceof CscMatrix csc) {
      formSparse(csc, cols, d, scale, intercept, g, s);
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
   * Row-wise accumulation for CSC data: the S columns are transposed into a small CSR copy, then
   * every row adds d_i·a_ik·a_il to G_kl for each pair of its entries, which costs
   * O(nnz(A_S) + Σ_i nnz_i(S)²) — far below n·s² or s·nnz(A_S) on sparse data.
   */
  private static void formSparse(
      CscMatrix a, int[] cols, double[] d, double scale, boolean intercept, double[] g, int s) {
    new RowPairs(a, cols).accumulate(d, scale, intercept, g, s);
  }

  /**
   * The columns S of a CSC matrix transposed to rows (a small CSR copy), kept so that repeated
   * Gram matrices on the same S with other row weights (successive Newton steps) skip the
   * transposition.
   */
  public static final class RowPairs {
    private final int[] cols;
    private final int n;
    private final int[] rowPtr;
    private final int[] entryCol;
    private final double[] entryVal;

    /** Transposes the columns {@code cols} of a. */
    public RowPairs(CscMatrix a, int[] cols) {
      this.cols = cols.clone();
      this.n = a.rows();
      int[] colPtr = a.colPtr();
      int[] rowIdx = a.rowIdx();
      double[] values = a.values();
      rowPtr = new int[n + 1];
      for (int c : cols) {
        for (int q = colPtr[c]; q < colPtr[c + 1]; q++) {
          rowPtr[rowIdx[q] + 1]++;
        }
      }
      for (int i = 0; i < n; i++) {
        rowPtr[i + 1] += rowPtr[i];
      }
      int nnz = rowPtr[n];
      entryCol = new int[nnz];
      entryVal = new double[nnz];
      int[] next = Arrays.copyOf(rowPtr, n);
      for (int r = 0; r < cols.length; r++) {
        int c = cols[r];
        for (int q = colPtr[c]; q < colPtr[c + 1]; q++) {
          int at = next[rowIdx[q]]++;
          entryCol[at] = r; // ascending within each row, since r ascends
          entryVal[at] = values[q];
        }
      }
    }

    /** Whether these are exactly the columns {@code other}. */
    public boolean sameColumns(int[] other) {
      return Arrays.equals(cols, other);
    }

    /** G = scale·A_SᵀDA_S + ridge·I (+ intercept border), lower triangle, column-major. */
    public double[] gram(double[] d, double scale, double ridge, boolean intercept) {
      int s = cols.length + (intercept ? 1 : 0);
      double[] g = new double[s * s];
      accumulate(d, scale, intercept, g, s);
      for (int k = 0; k < cols.length; k++) {
        g[k * s + k] += ridge;
      }
      return g;
    }

    void accumulate(double[] d, double scale, boolean intercept, double[] g, int s) {
      int m = cols.length;
      double weightSum = 0.0;
      for (int i = 0; i < n; i++) {
        double di = d == null ? 1.0 : d[i];
        weightSum += di;
        int start = rowPtr[i];
        int end = rowPtr[i + 1];
        for (int p1 = start; p1 < end; p1++) {
          int r1 = entryCol[p1];
          double v1 = di * entryVal[p1];
          for (int p2 = start; p2 <= p1; p2++) {
            g[entryCol[p2] * s + r1] += v1 * entryVal[p2]; // lower triangle: row r1 ≥ column r2
          }
          if (intercept) {
            g[r1 * s + m] += v1;
          }
        }
      }
      if (intercept) {
        g[m * s + m] = weightSum;
      }
      if (scale != 1.0) {
        for (int k = 0; k < g.length; k++) {
          g[k] *= scale;
        }
      }
    }
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
