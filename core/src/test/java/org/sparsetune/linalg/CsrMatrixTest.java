package org.sparsetune.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link CsrMatrix#of} checks every invariant and names the broken one; sizes by hand. */
class CsrMatrixTest {

  /**
   * The 3 × 4 matrix
   *
   * <pre>
   *   [ 1  0  2  0 ]
   *   [ 0  0  0  0 ]
   *   [ 0  3  0  4 ]
   * </pre>
   */
  private static CsrMatrix small() {
    return CsrMatrix.of(3, 4, new int[] {0, 2, 2, 4}, new int[] {0, 2, 1, 3},
        new double[] {1, 2, 3, 4});
  }

  private static void assertRejected(String expectedPart, Runnable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
    assertTrue(e.getMessage().contains(expectedPart),
        "message '" + e.getMessage() + "' should mention '" + expectedPart + "'");
  }

  @Test
  void theSmallMatrixIsWhatItsArraysSay() {
    CsrMatrix a = small();
    assertArrayEquals(new double[] {1, 0, 0}, a.column(0), 0.0);
    assertArrayEquals(new double[] {0, 0, 3}, a.column(1), 0.0);
    assertArrayEquals(new double[] {2, 0, 0}, a.column(2), 0.0);
    assertArrayEquals(new double[] {0, 0, 4}, a.column(3), 0.0);
    assertEquals(0, a.rowNonzeros(1));
    double[] out = new double[3];
    a.multiply(new double[] {1, 10, 100, 1000}, out);
    assertArrayEquals(new double[] {201, 0, 4030}, out, 0.0);
    double[] t = new double[4];
    a.multiplyTransposed(new double[] {1, 7, -1}, t);
    assertArrayEquals(new double[] {1, -3, 2, -4}, t, 0.0);
    assertEquals("CsrMatrix[3 x 4, 4 nonzeros]", a.toString());
  }

  @Test
  void memoryBytesByHand() {
    // rowPtr 4 ints (16 bytes) + colIdx 4 ints (16) + values 4 doubles (32) = 64 bytes;
    // the same matrix in CSC: colPtr 5 ints (20) + rowIdx 4 ints (16) + values (32) = 68;
    // dense: 12 doubles = 96.
    CsrMatrix a = small();
    assertEquals(64, a.memoryBytes());
    assertEquals(68, a.toCsc().memoryBytes());
    assertEquals(96, DenseMatrix.copyOf(a).memoryBytes());
  }

  @Test
  void theFactoryNamesTheBrokenInvariant() {
    int[] ptr = {0, 2, 2, 4};
    int[] idx = {0, 2, 1, 3};
    double[] val = {1, 2, 3, 4};
    assertRejected("negative shape", () -> CsrMatrix.of(-1, 4, ptr, idx, val));
    assertRejected("must not be null", () -> CsrMatrix.of(3, 4, null, idx, val));
    assertRejected("must not be null", () -> CsrMatrix.of(3, 4, ptr, idx, null));
    assertRejected("rowPtr has length 4, expected nRows + 1 = 3",
        () -> CsrMatrix.of(2, 4, ptr, idx, val));
    assertRejected("differ in length",
        () -> CsrMatrix.of(3, 4, ptr, idx, new double[] {1, 2, 3}));
    assertRejected("start at 0",
        () -> CsrMatrix.of(3, 4, new int[] {1, 2, 2, 4}, idx, val));
    assertRejected("end at the entry count 4",
        () -> CsrMatrix.of(3, 4, new int[] {0, 2, 2, 3}, idx, val));
    assertRejected("rowPtr decreases at row 1",
        () -> CsrMatrix.of(3, 4, new int[] {0, 3, 2, 4}, new int[] {0, 1, 2, 3}, val));
    assertRejected("row 0: column index 0 out of order",
        () -> CsrMatrix.of(3, 4, ptr, new int[] {2, 0, 1, 3}, val));
    assertRejected("row 0: column index 2 out of order", // a repeated column
        () -> CsrMatrix.of(3, 4, ptr, new int[] {2, 2, 1, 3}, val));
    assertRejected("row 2: column index 4 out of order or outside [0, 4)",
        () -> CsrMatrix.of(3, 4, ptr, new int[] {0, 2, 1, 4}, val));
    assertRejected("row 0: column index -1",
        () -> CsrMatrix.of(3, 4, ptr, new int[] {-1, 2, 1, 3}, val));
    assertRejected("row 2, column 3: value NaN is not finite",
        () -> CsrMatrix.of(3, 4, ptr, idx, new double[] {1, 2, 3, Double.NaN}));
    assertRejected("value Infinity is not finite",
        () -> CsrMatrix.of(3, 4, ptr, idx, new double[] {Double.POSITIVE_INFINITY, 2, 3, 4}));
  }

  @Test
  void vectorArgumentsAreChecked() {
    CsrMatrix a = small();
    assertRejected("y has length 3, expected 4", () -> a.multiply(new double[3], new double[3]));
    assertRejected("out has length 2, expected 3", () -> a.multiply(new double[4], new double[2]));
    assertRejected("r has length 4, expected 3",
        () -> a.multiplyTransposed(new double[4], new double[4]));
    assertRejected("out has length 3, expected 4",
        () -> a.multiplyTransposed(new double[3], new double[3]));
    assertRejected("strictly ascending", () -> a.selectRows(new int[] {2, 1}));
    assertRejected("strictly ascending", () -> a.selectRows(new int[] {3}));
  }
}
