package org.sparsetune.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link CscMatrix#stackRows}: the stacked matrix is the blocks' dense rows one after another. */
class CscMatrixStackRowsTest {

  private static CscMatrix random(int rows, int cols, double density, SplittableRandom rng) {
    double[][] dense = new double[rows][cols];
    for (double[] row : dense) {
      for (int j = 0; j < cols; j++) {
        row[j] = rng.nextDouble() < density ? rng.nextDouble(-1, 1) : 0.0;
      }
    }
    return CscMatrix.copyOf(DenseMatrix.ofRows(dense));
  }

  @Test
  void blocksOfDifferentWidthsStackToTheirDenseRows() {
    SplittableRandom rng = new SplittableRandom(7);
    List<CscMatrix> blocks = new ArrayList<>();
    blocks.add(random(5, 9, 0.3, rng));
    blocks.add(random(0, 4, 0.3, rng)); // an empty block
    blocks.add(random(3, 6, 0.5, rng));
    blocks.add(random(4, 11, 0.2, rng));
    CscMatrix s = CscMatrix.stackRows(12, blocks);
    assertEquals(12, s.rows());
    assertEquals(12, s.cols());
    long entries = blocks.stream().mapToLong(CscMatrix::storedEntries).sum();
    assertEquals(entries, s.storedEntries());
    // Every structural invariant holds (CscMatrix.of checks them all).
    CscMatrix.of(s.rows(), s.cols(), s.colPtr(), s.rowIdx(), s.values());
    for (int j = 0; j < 12; j++) {
      double[] expected = new double[12];
      int offset = 0;
      for (CscMatrix b : blocks) {
        if (j < b.cols()) {
          double[] col = b.column(j);
          System.arraycopy(col, 0, expected, offset, col.length);
        }
        offset += b.rows();
      }
      assertArrayEquals(expected, s.column(j), 0.0, "column " + j);
    }
  }

  @Test
  void aBlockWiderThanTheResultIsRejected() {
    CscMatrix a = random(2, 5, 0.5, new SplittableRandom(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CscMatrix.stackRows(4, List.of(a)));
    assertEquals("block 0 has 5 columns, more than the 4 requested", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CscMatrix.stackRows(4, List.of()));
  }
}
