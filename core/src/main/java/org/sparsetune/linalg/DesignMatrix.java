package org.sparsetune.linalg;

/**
 * A design matrix {@code A} (n rows, p columns) as the lower-level solvers and oracles see it: a
 * collection of columns. Every method works on whole columns or whole vectors, so an implementation
 * keeps its hot loops on primitive arrays and callers pay one virtual call per column, never per
 * element.
 *
 * <p>Three storages exist: {@link CscMatrix} (compressed sparse column) and {@link DenseMatrix}
 * (column-major), on which every method is fast, and {@link CsrMatrix} (compressed sparse row),
 * on which only the whole-matrix products ({@link #multiply}, {@link #multiplyTransposed}, {@link
 * #columnSquaredNorms}) are — it holds held-out rows, which are only multiplied. They must give
 * the same results up to floating-point summation order.
 */
public interface DesignMatrix {

  /** Number of rows n (samples). */
  int rows();

  /** Number of columns p (features). */
  int cols();

  /** Number of stored entries (n·p for dense storage). */
  long storedEntries();

  /** True for compressed sparse storage. */
  boolean isSparse();

  /**
   * Bytes of the arrays that hold the matrix (indices, pointers, values), the object headers and
   * the fields of the matrix object not counted: {@code 4(p+1) + 12·nnz} for CSC, {@code 4(n+1) +
   * 12·nnz} for CSR, {@code 8·n·p} for dense storage.
   */
  long memoryBytes();

  /** Number of stored entries in column j (n for dense storage). */
  default int columnNonzeros(int j) {
    return rows();
  }

  /** {@code a_jᵀ v} for column j and a vector v of length n. */
  double columnDot(int j, double[] v);

  /** {@code Σ_i a_ij · u_i · v_i}: a column dot product against an elementwise product. */
  double columnDot(int j, double[] u, double[] v);

  /** {@code v ← v + alpha · a_j}. */
  void columnAxpy(int j, double alpha, double[] v);

  /** {@code ||a_j||²}. */
  double columnSquaredNorm(int j);

  /** {@code Σ_i w_i a_ij²}: the squared norm of column j weighted by w. */
  double columnWeightedSquaredNorm(int j, double[] w);

  /** Squared norms of all columns. */
  default double[] columnSquaredNorms() {
    double[] out = new double[cols()];
    for (int j = 0; j < out.length; j++) {
      out[j] = columnSquaredNorm(j);
    }
    return out;
  }

  /** {@code out ← A y}; y has length p, out has length n. */
  void multiply(double[] y, double[] out);

  /**
   * {@code out ← Aᵀ r}; r has length n, out has length p. Prefer it to a loop of {@link
   * #columnDot} over all columns: row-major storage computes it in one pass.
   */
  default void multiplyTransposed(double[] r, double[] out) {
    checkLength("r", r, rows());
    checkLength("out", out, cols());
    for (int j = 0; j < out.length; j++) {
      out[j] = columnDot(j, r);
    }
  }

  /**
   * The rows named by {@code rowIndices} (strictly ascending, each in [0, n)) as a new matrix of the
   * same storage kind; row k of the result is row {@code rowIndices[k]} of this matrix.
   */
  DesignMatrix selectRows(int[] rowIndices);

  /** Writes column j densely into {@code out[offset .. offset + n)}, which must hold zeros. */
  default void columnAxpyInto(int j, double[] out, int offset) {
    double[] col = column(j);
    System.arraycopy(col, 0, out, offset, col.length);
  }

  /** Column j as a dense array of length n (for tests, diagnostics and small problems). */
  default double[] column(int j) {
    double[] out = new double[rows()];
    columnAxpy(j, 1.0, out);
    return out;
  }

  /** Validates a vector argument's length; the message names the argument. */
  static void checkLength(String name, double[] v, int expected) {
    if (v == null) {
      throw new IllegalArgumentException(name + " is null");
    }
    if (v.length != expected) {
      throw new IllegalArgumentException(
          name + " has length " + v.length + ", expected " + expected);
    }
  }

  /** Validates row indices for {@link #selectRows}: strictly ascending and inside [0, n). */
  static void checkRowSelection(int[] rowIndices, int nRows) {
    int prev = -1;
    for (int k = 0; k < rowIndices.length; k++) {
      int r = rowIndices[k];
      if (r <= prev || r >= nRows) {
        throw new IllegalArgumentException(
            "row selection must be strictly ascending inside [0, " + nRows + "); entry " + k
                + " is " + r + (r <= prev ? " after " + prev : ""));
      }
      prev = r;
    }
  }
}
