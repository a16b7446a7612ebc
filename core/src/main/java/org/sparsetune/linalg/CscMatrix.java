package org.sparsetune.linalg;

import java.util.Arrays;

/**
 * Compressed sparse column storage: column j holds entries {@code k ∈ [colPtr[j], colPtr[j+1])}
 * with row {@code rowIdx[k]} (strictly ascending within a column) and value {@code values[k]}.
 * Immutable once built; the arrays are owned by the matrix (callers must not modify them).
 */
public final class CscMatrix implements DesignMatrix {
  private final int nRows;
  private final int nCols;
  private final int[] colPtr;
  private final int[] rowIdx;
  private final double[] values;
  /**
   * Every stored value is exactly 1 (binary features: w8a, one-hot and bag-of-words presence
   * data). The column kernels then skip loading and multiplying the values; a product with 1.0 is
   * exact, so the results are the bits the general loops give.
   */
  private final boolean unitValues;
  /** {@link #columnAbsSums()}, once computed (threads that race compute equal arrays). */
  private volatile float[] absSums;
  /** {@link #sharedColumnSquaredNorms()}, once computed (as absSums). */
  private volatile double[] squaredNorms;

  private CscMatrix(int nRows, int nCols, int[] colPtr, int[] rowIdx, double[] values) {
    this.nRows = nRows;
    this.nCols = nCols;
    this.colPtr = colPtr;
    this.rowIdx = rowIdx;
    this.values = values;
    this.unitValues = allOnes(values);
  }

  private static boolean allOnes(double[] values) {
    for (double v : values) {
      if (v != 1.0) {
        return false;
      }
    }
    return true;
  }

  /** Whether every stored value is exactly 1. */
  public boolean unitValues() {
    return unitValues;
  }

  /**
   * Builds a CSC matrix after checking every structural invariant: {@code colPtr} has length
   * nCols+1, starts at 0, never decreases and ends at the number of entries; row indices are
   * inside [0, nRows) and strictly ascending within each column; values are finite.
   *
   * @throws IllegalArgumentException naming the first violated invariant
   */
  public static CscMatrix of(int nRows, int nCols, int[] colPtr, int[] rowIdx, double[] values) {
    CompressedSparse.check(CompressedSparse.Names.CSC, nRows, nCols, colPtr, rowIdx, values);
    return new CscMatrix(nRows, nCols, colPtr, rowIdx, values);
  }

  /**
   * Converts any design matrix to CSC: a CSR matrix by one transposition pass (keeping its stored
   * entries), any other storage column by column, dropping exact zeros.
   */
  public static CscMatrix copyOf(DesignMatrix a) {
    if (a instanceof CscMatrix csc) {
      return csc;
    }
    if (a instanceof CsrMatrix csr) {
      return csr.toCsc();
    }
    int n = a.rows();
    int p = a.cols();
    int[] ptr = new int[p + 1];
    int nnz = 0;
    double[][] cols = new double[p][];
    for (int j = 0; j < p; j++) {
      cols[j] = a.column(j);
      for (double v : cols[j]) {
        if (v != 0.0) {
          nnz++;
        }
      }
      ptr[j + 1] = nnz;
    }
    int[] idx = new int[nnz];
    double[] val = new double[nnz];
    int k = 0;
    for (int j = 0; j < p; j++) {
      for (int i = 0; i < n; i++) {
        if (cols[j][i] != 0.0) {
          idx[k] = i;
          val[k++] = cols[j][i];
        }
      }
    }
    return of(n, p, ptr, idx, val);
  }

  /**
   * Stacks row blocks on top of each other: the result's rows are block 0's rows, then block 1's,
   * and so on. A block may have fewer than {@code nCols} columns (its missing trailing columns are
   * empty), as when parts of one data set are read separately and each infers its width from
   * the largest index it holds.
   *
   * @param nCols the width of the result, at least every block's width
   * @param blocks the blocks, in row order (at least one)
   * @throws IllegalArgumentException when a block is wider than {@code nCols} or the result
   *     would hold more than {@code Integer.MAX_VALUE - 8} rows or entries
   */
  public static CscMatrix stackRows(int nCols, java.util.List<CscMatrix> blocks) {
    if (blocks == null || blocks.isEmpty()) {
      throw new IllegalArgumentException("stackRows needs at least one block");
    }
    long rows = 0;
    long entries = 0;
    for (int b = 0; b < blocks.size(); b++) {
      CscMatrix m = blocks.get(b);
      if (m.nCols > nCols) {
        throw new IllegalArgumentException(
            "block " + b + " has " + m.nCols + " columns, more than the " + nCols + " requested");
      }
      rows += m.nRows;
      entries += m.rowIdx.length;
    }
    if (rows > Integer.MAX_VALUE - 8 || entries > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          rows + " rows and " + entries + " entries do not fit one CSC matrix");
    }
    int[] ptr = new int[nCols + 1];
    for (CscMatrix m : blocks) {
      for (int j = 0; j < m.nCols; j++) {
        ptr[j + 1] += m.colPtr[j + 1] - m.colPtr[j];
      }
    }
    for (int j = 0; j < nCols; j++) {
      ptr[j + 1] += ptr[j];
    }
    int[] next = Arrays.copyOf(ptr, nCols);
    int[] idx = new int[(int) entries];
    double[] val = new double[(int) entries];
    int offset = 0;
    for (CscMatrix m : blocks) {
      for (int j = 0; j < m.nCols; j++) {
        int from = m.colPtr[j];
        int len = m.colPtr[j + 1] - from;
        int to = next[j];
        for (int k = 0; k < len; k++) {
          idx[to + k] = m.rowIdx[from + k] + offset;
        }
        System.arraycopy(m.values, from, val, to, len);
        next[j] = to + len;
      }
      offset += m.nRows;
    }
    // Each block's rows are ascending within a column and later blocks come after earlier ones,
    // so the stacked columns are ascending too: no re-validation needed.
    return new CscMatrix((int) rows, nCols, ptr, idx, val);
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
    return rowIdx.length;
  }

  @Override
  public boolean isSparse() {
    return true;
  }

  /** {@code 4(p+1) + 12·nnz}: column pointers, row indices and values. */
  @Override
  public long memoryBytes() {
    return 4L * colPtr.length + 4L * rowIdx.length + 8L * values.length;
  }

  /** Number of stored entries in column j. */
  @Override
  public int columnNonzeros(int j) {
    return colPtr[j + 1] - colPtr[j];
  }

  /** The column pointer array (read-only view by convention). */
  public int[] colPtr() {
    return colPtr;
  }

  /** The row index array (read-only view by convention). */
  public int[] rowIdx() {
    return rowIdx;
  }

  /** The value array (read-only view by convention). */
  public double[] values() {
    return values;
  }

  /**
   * {@link #columnSquaredNorm ||a_j||²} of every column (the same bits), computed on first use and
   * kept with the matrix: 8 bytes per column. Callers must not modify the array. A quadratic
   * solve's coordinate steps need them on every working set, and a tuning loop solves on one
   * matrix hundreds of times.
   */
  public double[] sharedColumnSquaredNorms() {
    double[] norms = squaredNorms;
    if (norms == null) {
      norms = new double[nCols];
      for (int j = 0; j < nCols; j++) {
        norms[j] = columnSquaredNorm(j);
      }
      squaredNorms = norms;
    }
    return norms;
  }

  /**
   * {@code ||a_j||₁} of every column as a float rounded up (never below the double-precision sum),
   * computed on first use and kept with the matrix: 4 bytes per column, as much as the column
   * pointers. Callers must not modify the array. With {@code |v_i| ≤ m} it bounds
   * {@code |a_jᵀv| ≤ m·||a_j||₁}, which lets a full KKT check skip the columns that cannot violate.
   */
  public float[] columnAbsSums() {
    float[] sums = absSums;
    if (sums == null) {
      sums = new float[nCols];
      for (int j = 0; j < nCols; j++) {
        double s = 0.0;
        for (int k = colPtr[j], end = colPtr[j + 1]; k < end; k++) {
          s += Math.abs(values[k]);
        }
        float f = (float) s;
        sums[j] = f < s ? Math.nextUp(f) : f;
      }
      absSums = sums;
    }
    return sums;
  }

  @Override
  public double columnDot(int j, double[] v) {
    // Four partial sums: one sum waits on each addition's latency, four overlap them (the
    // gradients of long text columns, docs/benchmarks.md). Entries k ≡ m (mod 4) of the column
    // go to sum m; the column's last (length mod 4) entries to sum 0, after its share.
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int k = colPtr[j];
    int end = colPtr[j + 1];
    if (unitValues) {
      for (; k + 3 < end; k += 4) {
        s0 += v[rowIdx[k]];
        s1 += v[rowIdx[k + 1]];
        s2 += v[rowIdx[k + 2]];
        s3 += v[rowIdx[k + 3]];
      }
      for (; k < end; k++) {
        s0 += v[rowIdx[k]];
      }
    } else {
      for (; k + 3 < end; k += 4) {
        s0 += values[k] * v[rowIdx[k]];
        s1 += values[k + 1] * v[rowIdx[k + 1]];
        s2 += values[k + 2] * v[rowIdx[k + 2]];
        s3 += values[k + 3] * v[rowIdx[k + 3]];
      }
      for (; k < end; k++) {
        s0 += values[k] * v[rowIdx[k]];
      }
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public double columnDot(int j, double[] u, double[] v) {
    double s = 0.0;
    if (unitValues) {
      for (int k = colPtr[j], end = colPtr[j + 1]; k < end; k++) {
        int i = rowIdx[k];
        s += u[i] * v[i];
      }
      return s;
    }
    for (int k = colPtr[j], end = colPtr[j + 1]; k < end; k++) {
      int i = rowIdx[k];
      s += values[k] * u[i] * v[i];
    }
    return s;
  }

  @Override
  public void columnAxpy(int j, double alpha, double[] v) {
    if (unitValues) {
      for (int k = colPtr[j], end = colPtr[j + 1]; k < end; k++) {
        v[rowIdx[k]] += alpha;
      }
      return;
    }
    for (int k = colPtr[j], end = colPtr[j + 1]; k < end; k++) {
      v[rowIdx[k]] += alpha * values[k];
    }
  }

  @Override
  public void columnAxpyInto(int j, double[] out, int offset) {
    for (int k = colPtr[j], end = colPtr[j + 1]; k < end; k++) {
      out[offset + rowIdx[k]] = values[k];
    }
  }

  @Override
  public double columnSquaredNorm(int j) {
    double s = 0.0;
    for (int k = colPtr[j], end = colPtr[j + 1]; k < end; k++) {
      s += values[k] * values[k];
    }
    return s;
  }

  @Override
  public double columnWeightedSquaredNorm(int j, double[] w) {
    if (unitValues) {
      return columnDot(j, w);
    }
    // Four partial sums, as columnDot.
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int k = colPtr[j];
    int end = colPtr[j + 1];
    for (; k + 3 < end; k += 4) {
      double a0 = values[k];
      double a1 = values[k + 1];
      double a2 = values[k + 2];
      double a3 = values[k + 3];
      s0 += w[rowIdx[k]] * a0 * a0;
      s1 += w[rowIdx[k + 1]] * a1 * a1;
      s2 += w[rowIdx[k + 2]] * a2 * a2;
      s3 += w[rowIdx[k + 3]] * a3 * a3;
    }
    for (; k < end; k++) {
      double a = values[k];
      s0 += w[rowIdx[k]] * a * a;
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void multiply(double[] y, double[] out) {
    DesignMatrix.checkLength("y", y, nCols);
    DesignMatrix.checkLength("out", out, nRows);
    Arrays.fill(out, 0.0);
    for (int j = 0; j < nCols; j++) {
      double yj = y[j];
      if (yj != 0.0) {
        columnAxpy(j, yj, out);
      }
    }
  }

  /**
   * Aᵀr, each column's terms added one after another in row order (not in columnDot's partial
   * sums): {@link CsrMatrix#multiplyTransposed} adds the same terms in the same order, so held-out
   * rows give the same bits in either storage.
   */
  @Override
  public void multiplyTransposed(double[] r, double[] out) {
    DesignMatrix.checkLength("r", r, nRows);
    DesignMatrix.checkLength("out", out, nCols);
    for (int j = 0; j < nCols; j++) {
      double s = 0.0;
      for (int k = colPtr[j], end = colPtr[j + 1]; k < end; k++) {
        s += values[k] * r[rowIdx[k]];
      }
      out[j] = s;
    }
  }

  @Override
  public CscMatrix selectRows(int[] rowIndices) {
    DesignMatrix.checkRowSelection(rowIndices, nRows);
    int[] map = new int[nRows];
    Arrays.fill(map, -1);
    for (int k = 0; k < rowIndices.length; k++) {
      map[rowIndices[k]] = k;
    }
    int[] ptr = new int[nCols + 1];
    int count = 0;
    for (int k = 0; k < rowIdx.length; k++) {
      if (map[rowIdx[k]] >= 0) {
        count++;
      }
    }
    int[] idx = new int[count];
    double[] val = new double[count];
    int out = 0;
    for (int j = 0; j < nCols; j++) {
      for (int k = colPtr[j], end = colPtr[j + 1]; k < end; k++) {
        int r = map[rowIdx[k]];
        if (r >= 0) {
          idx[out] = r;
          val[out++] = values[k];
        }
      }
      ptr[j + 1] = out;
    }
    // Ascending selection keeps rows ascending within each column: no re-validation needed.
    return new CscMatrix(rowIndices.length, nCols, ptr, idx, val);
  }

  @Override
  public String toString() {
    return "CscMatrix[" + nRows + " x " + nCols + ", " + rowIdx.length + " nonzeros]";
  }
}
