package org.sparsetune.linalg;

import java.util.Arrays;

/**
 * Dense column-major (Fortran order) storage: entry (i, j) lives at {@code data[j·n + i]}, so a
 * column is a contiguous slice. Immutable once built.
 */
public final class DenseMatrix implements DesignMatrix {
  private final int nRows;
  private final int nCols;
  private final double[] data;

  private DenseMatrix(int nRows, int nCols, double[] data) {
    this.nRows = nRows;
    this.nCols = nCols;
    this.data = data;
  }

  /**
   * Wraps column-major data after checking its length and that every value is finite.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static DenseMatrix ofColumnMajor(int nRows, int nCols, double[] data) {
    if (nRows < 0 || nCols < 0) {
      throw new IllegalArgumentException("negative shape " + nRows + " x " + nCols);
    }
    if (data == null || (long) nRows * nCols != data.length) {
      throw new IllegalArgumentException(
          "data has length " + (data == null ? "null" : data.length) + ", expected " + nRows
              + " x " + nCols);
    }
    for (int k = 0; k < data.length; k++) {
      if (!Double.isFinite(data[k])) {
        throw new IllegalArgumentException(
            "entry (" + (k % Math.max(nRows, 1)) + ", " + (k / Math.max(nRows, 1)) + ") is "
                + data[k]);
      }
    }
    return new DenseMatrix(nRows, nCols, data);
  }

  /** Builds a dense matrix from rows (all of the same length); the rows are copied. */
  public static DenseMatrix ofRows(double[][] rows) {
    int n = rows.length;
    int p = n == 0 ? 0 : rows[0].length;
    double[] data = new double[n * p];
    for (int i = 0; i < n; i++) {
      if (rows[i].length != p) {
        throw new IllegalArgumentException(
            "row " + i + " has " + rows[i].length + " entries, expected " + p);
      }
      for (int j = 0; j < p; j++) {
        data[j * n + i] = rows[i][j];
      }
    }
    return ofColumnMajor(n, p, data);
  }

  /** Converts any design matrix to dense column-major storage. */
  public static DenseMatrix copyOf(DesignMatrix a) {
    if (a instanceof DenseMatrix d) {
      return d;
    }
    int n = a.rows();
    double[] data = new double[n * a.cols()];
    for (int j = 0; j < a.cols(); j++) {
      System.arraycopy(a.column(j), 0, data, j * n, n);
    }
    return new DenseMatrix(n, a.cols(), data);
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
    return data.length;
  }

  @Override
  public boolean isSparse() {
    return false;
  }

  /** {@code 8·n·p}. */
  @Override
  public long memoryBytes() {
    return 8L * data.length;
  }

  /** Entry (i, j). */
  public double get(int i, int j) {
    return data[j * nRows + i];
  }

  /** The column-major data array (read-only view by convention). */
  public double[] data() {
    return data;
  }

  @Override
  public double columnDot(int j, double[] v) {
    double s = 0.0;
    int off = j * nRows;
    for (int i = 0; i < nRows; i++) {
      s += data[off + i] * v[i];
    }
    return s;
  }

  @Override
  public double columnDot(int j, double[] u, double[] v) {
    double s = 0.0;
    int off = j * nRows;
    for (int i = 0; i < nRows; i++) {
      s += data[off + i] * u[i] * v[i];
    }
    return s;
  }

  @Override
  public void columnAxpy(int j, double alpha, double[] v) {
    int off = j * nRows;
    for (int i = 0; i < nRows; i++) {
      v[i] += alpha * data[off + i];
    }
  }

  @Override
  public void columnAxpyInto(int j, double[] out, int offset) {
    System.arraycopy(data, j * nRows, out, offset, nRows);
  }

  @Override
  public double columnSquaredNorm(int j) {
    double s = 0.0;
    int off = j * nRows;
    for (int i = 0; i < nRows; i++) {
      double a = data[off + i];
      s += a * a;
    }
    return s;
  }

  @Override
  public double columnWeightedSquaredNorm(int j, double[] w) {
    double s = 0.0;
    int off = j * nRows;
    for (int i = 0; i < nRows; i++) {
      double a = data[off + i];
      s += w[i] * a * a;
    }
    return s;
  }

  @Override
  public void multiply(double[] y, double[] out) {
    DesignMatrix.checkLength("y", y, nCols);
    DesignMatrix.checkLength("out", out, nRows);
    Arrays.fill(out, 0.0);
    for (int j = 0; j < nCols; j++) {
      if (y[j] != 0.0) {
        columnAxpy(j, y[j], out);
      }
    }
  }

  @Override
  public DenseMatrix selectRows(int[] rowIndices) {
    DesignMatrix.checkRowSelection(rowIndices, nRows);
    int m = rowIndices.length;
    double[] out = new double[m * nCols];
    for (int j = 0; j < nCols; j++) {
      int src = j * nRows;
      int dst = j * m;
      for (int k = 0; k < m; k++) {
        out[dst + k] = data[src + rowIndices[k]];
      }
    }
    return new DenseMatrix(m, nCols, out);
  }

  @Override
  public String toString() {
    return "DenseMatrix[" + nRows + " x " + nCols + "]";
  }
}
