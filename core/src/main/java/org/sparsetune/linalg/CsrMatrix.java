package org.sparsetune.linalg;

import java.util.Arrays;

/**
 * Compressed sparse row storage: row i holds entries {@code k ∈ [rowPtr[i], rowPtr[i+1])} with
 * column {@code colIdx[k]} (strictly ascending within a row) and value {@code values[k]}.
 * Immutable once built; the arrays are owned by the matrix (callers must not modify them).
 *
 * <p>Meant for held-out rows: a fold block's validation design is used only through whole-matrix
 * products ({@link #multiply}, {@link #multiplyTransposed}), which run here in one pass over the
 * entries, and it costs {@code 4(n+1)} bytes of row pointers instead of a CSC block's {@code
 * 4(p+1)} column pointers — the difference that matters when a few thousand rows span millions of
 * features. Both products add the same terms in the same order as {@link CscMatrix} (within a
 * column rows ascend, within a row columns ascend), so the results equal the CSC ones bit for bit.
 *
 * <p>Single-column operations ({@link #columnDot}, {@link #columnAxpy}, …) are correct but cost
 * O(n log(nnz per row)) each, a binary search per row: loops over all columns belong on {@link
 * CscMatrix}. {@link #columnNonzeros} is O(n log) too; {@link #columnSquaredNorms} is one pass.
 */
public final class CsrMatrix implements DesignMatrix {
  private final int nRows;
  private final int nCols;
  private final int[] rowPtr;
  private final int[] colIdx;
  private final double[] values;

  private CsrMatrix(int nRows, int nCols, int[] rowPtr, int[] colIdx, double[] values) {
    this.nRows = nRows;
    this.nCols = nCols;
    this.rowPtr = rowPtr;
    this.colIdx = colIdx;
    this.values = values;
  }

  /**
   * Builds a CSR matrix after checking every structural invariant: {@code rowPtr} has length
   * nRows+1, starts at 0, never decreases and ends at the number of entries; column indices are
   * inside [0, nCols) and strictly ascending within each row; values are finite.
   *
   * @throws IllegalArgumentException naming the first violated invariant
   */
  public static CsrMatrix of(int nRows, int nCols, int[] rowPtr, int[] colIdx, double[] values) {
    CompressedSparse.check(CompressedSparse.Names.CSR, nRows, nCols, rowPtr, colIdx, values);
    return new CsrMatrix(nRows, nCols, rowPtr, colIdx, values);
  }

  /**
   * Converts any design matrix to CSR: a CSC matrix by one transposition pass (O(nnz + n + p),
   * keeping its stored entries, explicit zeros included), any other storage column by column,
   * dropping exact zeros.
   */
  public static CsrMatrix copyOf(DesignMatrix a) {
    if (a instanceof CsrMatrix csr) {
      return csr;
    }
    CscMatrix csc = CscMatrix.copyOf(a);
    CompressedSparse.Arrays t = CompressedSparse.transpose(
        csc.cols(), csc.rows(), csc.colPtr(), csc.rowIdx(), csc.values());
    // A valid CSC matrix transposes to a valid CSR one: no re-validation needed.
    return new CsrMatrix(csc.rows(), csc.cols(), t.ptr(), t.idx(), t.values());
  }

  /** The same matrix in CSC storage (one transposition pass, O(nnz + n + p)). */
  public CscMatrix toCsc() {
    CompressedSparse.Arrays t = CompressedSparse.transpose(nRows, nCols, rowPtr, colIdx, values);
    return CscMatrix.of(nRows, nCols, t.ptr(), t.idx(), t.values());
  }

  @Override
  public int rows() {
    return nRows;
  }

  @Override
  public int cols() {
    return nCols;
  }

  @Override
  public long storedEntries() {
    return colIdx.length;
  }

  @Override
  public boolean isSparse() {
    return true;
  }

  /** {@code 4(n+1) + 12·nnz}: row pointers, column indices and values. */
  @Override
  public long memoryBytes() {
    return 4L * rowPtr.length + 4L * colIdx.length + 8L * values.length;
  }

  /** The row pointer array (read-only view by convention). */
  public int[] rowPtr() {
    return rowPtr;
  }

  /** The column index array (read-only view by convention). */
  public int[] colIdx() {
    return colIdx;
  }

  /** The value array (read-only view by convention). */
  public double[] values() {
    return values;
  }

  /** Number of stored entries in row i. */
  public int rowNonzeros(int i) {
    return rowPtr[i + 1] - rowPtr[i];
  }

  /** Position of entry (i, j) in {@code colIdx}/{@code values}, or a negative number if absent. */
  private int find(int i, int j) {
    int start = rowPtr[i];
    int end = rowPtr[i + 1];
    if (start == end || j < colIdx[start] || j > colIdx[end - 1]) {
      return -1;
    }
    return Arrays.binarySearch(colIdx, start, end, j);
  }

  @Override
  public int columnNonzeros(int j) {
    int count = 0;
    for (int i = 0; i < nRows; i++) {
      if (find(i, j) >= 0) {
        count++;
      }
    }
    return count;
  }

  @Override
  public double columnDot(int j, double[] v) {
    // The partial sums of CscMatrix#columnDot, term for term: the same bits.
    int full = columnNonzeros(j) & ~3;
    double[] s = new double[4];
    int m = 0;
    for (int i = 0; i < nRows; i++) {
      int k = find(i, j);
      if (k >= 0) {
        s[m < full ? m & 3 : 0] += values[k] * v[i];
        m++;
      }
    }
    return (s[0] + s[1]) + (s[2] + s[3]);
  }

  @Override
  public double columnDot(int j, double[] u, double[] v) {
    double s = 0.0;
    for (int i = 0; i < nRows; i++) {
      int k = find(i, j);
      if (k >= 0) {
        s += values[k] * u[i] * v[i];
      }
    }
    return s;
  }

  @Override
  public void columnAxpy(int j, double alpha, double[] v) {
    for (int i = 0; i < nRows; i++) {
      int k = find(i, j);
      if (k >= 0) {
        v[i] += alpha * values[k];
      }
    }
  }

  @Override
  public void columnAxpyInto(int j, double[] out, int offset) {
    for (int i = 0; i < nRows; i++) {
      int k = find(i, j);
      if (k >= 0) {
        out[offset + i] = values[k];
      }
    }
  }

  @Override
  public double columnSquaredNorm(int j) {
    double s = 0.0;
    for (int i = 0; i < nRows; i++) {
      int k = find(i, j);
      if (k >= 0) {
        s += values[k] * values[k];
      }
    }
    return s;
  }

  @Override
  public double columnWeightedSquaredNorm(int j, double[] w) {
    // The partial sums of CscMatrix#columnWeightedSquaredNorm, term for term: the same bits.
    int full = columnNonzeros(j) & ~3;
    double[] s = new double[4];
    int m = 0;
    for (int i = 0; i < nRows; i++) {
      int k = find(i, j);
      if (k >= 0) {
        double a = values[k];
        s[m < full ? m & 3 : 0] += w[i] * a * a;
        m++;
      }
    }
    return (s[0] + s[1]) + (s[2] + s[3]);
  }

  /** One pass over the entries (rows ascending within each column, as CSC sums them). */
  @Override
  public double[] columnSquaredNorms() {
    double[] out = new double[nCols];
    for (int k = 0; k < values.length; k++) {
      double a = values[k];
      out[colIdx[k]] += a * a;
    }
    return out;
  }

  /** Row dot products, one pass over the entries. */
  @Override
  public void multiply(double[] y, double[] out) {
    DesignMatrix.checkLength("y", y, nCols);
    DesignMatrix.checkLength("out", out, nRows);
    for (int i = 0; i < nRows; i++) {
      double s = 0.0;
      for (int k = rowPtr[i], end = rowPtr[i + 1]; k < end; k++) {
        s += y[colIdx[k]] * values[k];
      }
      out[i] = s;
    }
  }

  /** Scatters each row into {@code out}, one pass over the entries. */
  @Override
  public void multiplyTransposed(double[] r, double[] out) {
    DesignMatrix.checkLength("r", r, nRows);
    DesignMatrix.checkLength("out", out, nCols);
    Arrays.fill(out, 0.0);
    for (int i = 0; i < nRows; i++) {
      double ri = r[i];
      for (int k = rowPtr[i], end = rowPtr[i + 1]; k < end; k++) {
        out[colIdx[k]] += values[k] * ri;
      }
    }
  }

  @Override
  public CsrMatrix selectRows(int[] rowIndices) {
    DesignMatrix.checkRowSelection(rowIndices, nRows);
    int m = rowIndices.length;
    int[] ptr = new int[m + 1];
    for (int k = 0; k < m; k++) {
      ptr[k + 1] = ptr[k] + rowNonzeros(rowIndices[k]);
    }
    int[] idx = new int[ptr[m]];
    double[] val = new double[ptr[m]];
    for (int k = 0; k < m; k++) {
      int from = rowPtr[rowIndices[k]];
      int len = ptr[k + 1] - ptr[k];
      System.arraycopy(colIdx, from, idx, ptr[k], len);
      System.arraycopy(values, from, val, ptr[k], len);
    }
    // Whole rows are copied: every row stays valid.
    return new CsrMatrix(m, nCols, ptr, idx, val);
  }

  @Override
  public String toString() {
    return "CsrMatrix[" + nRows + " x " + nCols + ", " + colIdx.length + " nonzeros]";
  }
}
