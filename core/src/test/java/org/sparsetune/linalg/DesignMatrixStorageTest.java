package org.sparsetune.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three storages are one matrix: on random matrices (empty rows and columns, one-row,
 * one-column and empty shapes included) every {@link DesignMatrix} method of {@link CsrMatrix}
 * agrees with {@link DenseMatrix} to {@link #DENSE_AGREEMENT_REL} and with {@link CscMatrix} bit
 * for bit — CSR adds the same products in the same order as CSC (rows ascending within a column,
 * columns ascending within a row), which is what lets a fold block hold its validation rows in
 * either storage without changing a single bit of the upper level.
 */
class DesignMatrixStorageTest {

  /**
   * Relative difference (to the largest magnitude compared, at least 1) allowed between a sparse
   * storage and the dense one: dense sums add explicit zeros and products in another order, so
   * they differ by rounding on O(n) or O(p) terms of order one.
   */
  static final double DENSE_AGREEMENT_REL = 1e-12;

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(7, 5, 0.4, 1L),
        Arguments.of(20, 30, 0.15, 2L),
        Arguments.of(30, 8, 0.6, 3L),
        Arguments.of(1, 9, 0.5, 4L),
        Arguments.of(12, 1, 0.5, 5L),
        Arguments.of(0, 4, 0.5, 6L),
        Arguments.of(5, 0, 0.5, 7L),
        Arguments.of(9, 11, 1.0, 8L));
  }

  /** Random rows; row 1 and column 2 (when they exist) are left empty. */
  static double[][] randomRows(int n, int p, double density, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] rows = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        boolean stored = rng.nextDouble() < density && i != 1 && j != 2;
        rows[i][j] = stored ? rng.nextDouble(-2, 2) : 0.0;
      }
    }
    return rows;
  }

  private static double[] vector(SplittableRandom rng, int length) {
    double[] v = new double[length];
    for (int k = 0; k < length; k++) {
      v[k] = rng.nextDouble() < 0.3 ? 0.0 : rng.nextGaussian();
    }
    return v;
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    double scale = 1.0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    assertArrayEquals(expected, actual, DENSE_AGREEMENT_REL * scale, what);
  }

  private static void assertClose(double expected, double actual, String what) {
    assertClose(new double[] {expected}, new double[] {actual}, what);
  }

  /** Every method, on CSR against dense (to tolerance) and CSC (bit for bit). */
  private static void assertSameMatrix(
      DenseMatrix d, CscMatrix c, CsrMatrix r, long seed, String label) {
    int n = d.rows();
    int p = d.cols();
    assertEquals(n, r.rows(), label);
    assertEquals(p, r.cols(), label);
    assertEquals(c.storedEntries(), r.storedEntries(), label);
    assertTrue(r.isSparse());
    assertFalse(d.isSparse());
    SplittableRandom rng = new SplittableRandom(seed);
    double[] u = vector(rng, n);
    double[] v = vector(rng, n);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = rng.nextDouble();
    }
    for (int j = 0; j < p; j++) {
      String at = label + ", column " + j;
      assertEquals(c.columnNonzeros(j), r.columnNonzeros(j), at);
      assertClose(d.column(j), r.column(j), at + ": column");
      assertArrayEquals(c.column(j), r.column(j), 0.0, at + ": column");
      assertClose(d.columnDot(j, v), r.columnDot(j, v), at + ": columnDot");
      assertEquals(c.columnDot(j, v), r.columnDot(j, v), 0.0, at + ": columnDot");
      assertClose(d.columnDot(j, u, v), r.columnDot(j, u, v), at + ": columnDot(u, v)");
      assertEquals(c.columnDot(j, u, v), r.columnDot(j, u, v), 0.0, at + ": columnDot(u, v)");
      assertClose(d.columnSquaredNorm(j), r.columnSquaredNorm(j), at + ": squared norm");
      assertEquals(c.columnSquaredNorm(j), r.columnSquaredNorm(j), 0.0, at + ": squared norm");
      assertClose(d.columnWeightedSquaredNorm(j, w), r.columnWeightedSquaredNorm(j, w),
          at + ": weighted squared norm");
      assertEquals(c.columnWeightedSquaredNorm(j, w), r.columnWeightedSquaredNorm(j, w), 0.0,
          at + ": weighted squared norm");
      double[] axD = v.clone();
      double[] axC = v.clone();
      double[] axR = v.clone();
      d.columnAxpy(j, -1.5, axD);
      c.columnAxpy(j, -1.5, axC);
      r.columnAxpy(j, -1.5, axR);
      assertClose(axD, axR, at + ": columnAxpy");
      assertArrayEquals(axC, axR, 0.0, at + ": columnAxpy");
      double[] intoC = new double[n + 3];
      double[] intoR = new double[n + 3];
      c.columnAxpyInto(j, intoC, 2);
      r.columnAxpyInto(j, intoR, 2);
      assertArrayEquals(intoC, intoR, 0.0, at + ": columnAxpyInto");
    }
    assertClose(d.columnSquaredNorms(), r.columnSquaredNorms(), label + ": squared norms");
    assertArrayEquals(c.columnSquaredNorms(), r.columnSquaredNorms(), 0.0, label);

    double[] y = vector(rng, p);
    double[] outD = new double[n];
    double[] outC = new double[n];
    double[] outR = vector(rng, n); // overwritten, not accumulated into
    d.multiply(y, outD);
    c.multiply(y, outC);
    r.multiply(y, outR);
    assertClose(outD, outR, label + ": multiply");
    assertArrayEquals(outC, outR, 0.0, label + ": multiply");

    double[] tD = new double[p];
    double[] tC = new double[p];
    double[] tR = vector(rng, p); // overwritten, not accumulated into
    d.multiplyTransposed(v, tD);
    c.multiplyTransposed(v, tC);
    r.multiplyTransposed(v, tR);
    assertClose(tD, tR, label + ": multiplyTransposed");
    assertArrayEquals(tC, tR, 0.0, label + ": multiplyTransposed");
  }

  @ParameterizedTest(name = "{0} x {1}, density {2}")
  @MethodSource("shapes")
  void csrAgreesWithCscAndDenseOnEveryMethod(int n, int p, double density, long seed) {
    DenseMatrix d = DenseMatrix.ofRows(randomRows(n, p, density, seed));
    if (n == 0) {
      d = DenseMatrix.ofColumnMajor(0, p, new double[0]); // ofRows cannot tell p without a row
    }
    CscMatrix c = CscMatrix.copyOf(d);
    CsrMatrix r = CsrMatrix.copyOf(d);
    assertSameMatrix(d, c, r, seed, "CSR from dense");
    // From CSC by transposition: the very same arrays as from dense.
    CsrMatrix t = CsrMatrix.copyOf(c);
    assertArrayEquals(r.rowPtr(), t.rowPtr());
    assertArrayEquals(r.colIdx(), t.colIdx());
    assertArrayEquals(r.values(), t.values(), 0.0);
    // And back: CscMatrix.copyOf of a CSR matrix is the CSC matrix.
    CscMatrix back = CscMatrix.copyOf(r);
    assertArrayEquals(c.colPtr(), back.colPtr());
    assertArrayEquals(c.rowIdx(), back.rowIdx());
    assertArrayEquals(c.values(), back.values(), 0.0);
    assertArrayEquals(d.data(), DenseMatrix.copyOf(r).data(), 0.0);
    assertEquals(c.storedEntries(), r.toCsc().storedEntries());
  }

  @ParameterizedTest(name = "{0} x {1}, density {2}")
  @MethodSource("shapes")
  void selectedRowsAreTheSameRowsInEveryStorage(int n, int p, double density, long seed) {
    if (n == 0) {
      return;
    }
    DenseMatrix d = DenseMatrix.ofRows(randomRows(n, p, density, seed));
    SplittableRandom rng = new SplittableRandom(seed + 100);
    int[] pick = java.util.stream.IntStream.range(0, n).filter(i -> rng.nextBoolean()).toArray();
    Function<DesignMatrix, DesignMatrix> select = a -> a.selectRows(pick);
    DesignMatrix sr = select.apply(CsrMatrix.copyOf(d));
    assertInstanceOf(CsrMatrix.class, sr, "CSR rows stay CSR");
    CsrMatrix r = (CsrMatrix) sr;
    CsrMatrix.of(r.rows(), r.cols(), r.rowPtr(), r.colIdx(), r.values()); // every invariant
    DenseMatrix sd = (DenseMatrix) select.apply(d);
    CscMatrix sc = (CscMatrix) select.apply(CscMatrix.copyOf(d));
    assertSameMatrix(sd, sc, r, seed, "selected rows " + java.util.Arrays.toString(pick));
  }

  @ParameterizedTest(name = "{0} x {1}, density {2}")
  @MethodSource("shapes")
  void sharedColumnSquaredNormsAreEachColumnsOwnComputedOnce(
      int n, int p, double density, long seed) {
    CscMatrix c = CscMatrix.copyOf(n == 0 ? DenseMatrix.ofColumnMajor(0, p, new double[0])
        : DenseMatrix.ofRows(randomRows(n, p, density, seed)));
    double[] norms = c.sharedColumnSquaredNorms();
    assertEquals(p, norms.length);
    assertSame(norms, c.sharedColumnSquaredNorms(), "kept with the matrix");
    for (int j = 0; j < p; j++) {
      assertEquals(Double.doubleToRawLongBits(c.columnSquaredNorm(j)),
          Double.doubleToRawLongBits(norms[j]), "column " + j);
    }
  }

  @ParameterizedTest(name = "{0} x {1}, density {2}")
  @MethodSource("shapes")
  void memoryBytesCountTheArrays(int n, int p, double density, long seed) {
    DenseMatrix d = n == 0 ? DenseMatrix.ofColumnMajor(0, p, new double[0])
        : DenseMatrix.ofRows(randomRows(n, p, density, seed));
    CscMatrix c = CscMatrix.copyOf(d);
    CsrMatrix r = CsrMatrix.copyOf(d);
    long nnz = c.storedEntries();
    assertEquals(8L * n * p, d.memoryBytes());
    assertEquals(4L * (p + 1) + 12L * nnz, c.memoryBytes());
    assertEquals(4L * (n + 1) + 12L * nnz, r.memoryBytes());
  }
}
