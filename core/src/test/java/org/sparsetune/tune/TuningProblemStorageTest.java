package org.sparsetune.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsetune.data.LabeledData;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.linalg.CsrMatrix;
import org.sparsetune.linalg.DenseMatrix;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.outer.FoldProblem;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.testing.RandomProblems;

/**
 * How {@link TuningProblem} stores a fold block: sparse training rows CSC, sparse validation rows
 * CSR with exactly the selected rows' entries, dense rows dense; and what {@link
 * FoldProblem#bytesPerNonzero} counts.
 */
class TuningProblemStorageTest {

  private static final TuningProblem.Layout LOGISTIC =
      new TuningProblem.Layout(Loss.LOGISTIC, 1, Double.NaN, false);

  private static LabeledData sparse(int n, int p, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    CscMatrix a = RandomProblems.sparseDesign(rng, n, p, 0.2, 1, 1);
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = i % 2 == 0 ? 1.0 : -1.0;
    }
    return new LabeledData("sparse-" + seed, a, b);
  }

  private static void assertSameEntries(CscMatrix expected, DesignMatrix actual) {
    CsrMatrix r = assertInstanceOf(CsrMatrix.class, actual);
    CscMatrix back = r.toCsc();
    assertEquals(expected.rows(), back.rows());
    assertEquals(expected.cols(), back.cols());
    assertArrayEquals(expected.colPtr(), back.colPtr());
    assertArrayEquals(expected.rowIdx(), back.rowIdx());
    assertArrayEquals(expected.values(), back.values(), 0.0);
  }

  @Test
  void sparseValidationRowsAreCsrWithTheSelectedEntries() {
    LabeledData train = sparse(40, 25, 1);
    LabeledData val = sparse(15, 25, 2);
    TuningProblem tp = TuningProblem.fromParts(train, val, val.selectRows(new int[0]), LOGISTIC, 0);
    FoldProblem block = tp.folds().get(0);
    assertSame(train.features(), block.train().design(), "training rows stay CSC, untouched");
    assertSameEntries((CscMatrix) val.features(), block.validationDesign());
    assertArrayEquals(val.labels(), block.validationLabels(), 0.0);
  }

  @Test
  void everyFoldOfOneFileHoldsCsrValidationRowsAndFoldBlockCutsTheSameBlock() {
    LabeledData data = sparse(90, 20, 3);
    TuningProblem.Layout threeFolds = new TuningProblem.Layout(Loss.LOGISTIC, 3, Double.NaN, false);
    TuningProblem tp = TuningProblem.fromOneFile(data, threeFolds, 11);
    for (int f = 0; f < 3; f++) {
      FoldProblem block = tp.folds().get(f);
      assertInstanceOf(CscMatrix.class, block.train().design());
      CsrMatrix va = assertInstanceOf(CsrMatrix.class, block.validationDesign());
      FoldProblem alone = TuningProblem.foldBlock(data, null, threeFolds, 11, f);
      CsrMatrix va2 = (CsrMatrix) alone.validationDesign();
      assertArrayEquals(va.rowPtr(), va2.rowPtr());
      assertArrayEquals(va.colIdx(), va2.colIdx());
      assertArrayEquals(va.values(), va2.values(), 0.0);
      assertEquals(block.memoryBytes(), alone.memoryBytes());
    }
    // The test rows a reported model is scored on keep the data's storage.
    assertInstanceOf(CscMatrix.class, tp.test().features());
  }

  @Test
  void denseValidationRowsStayDense() {
    SplittableRandom rng = new SplittableRandom(4);
    DenseMatrix a = RandomProblems.gaussianDesign(rng, 30, 5);
    double[] b = new double[30];
    for (int i = 0; i < b.length; i++) {
      b[i] = i % 3 == 0 ? 1.0 : -1.0;
    }
    TuningProblem tp = TuningProblem.fromOneFile(new LabeledData("dense", a, b), LOGISTIC, 0);
    assertInstanceOf(DenseMatrix.class, tp.folds().get(0).validationDesign());
    assertInstanceOf(DenseMatrix.class, tp.folds().get(0).train().design());
  }

  @Test
  void bytesPerNonzeroByHand() {
    // Training rows, CSC 3 × 4 with 4 entries: colPtr 5 ints (20 bytes) + rowIdx 4 ints (16) +
    // values 4 doubles (32) = 68, labels 3 doubles = 24.
    CscMatrix train = CscMatrix.of(3, 4, new int[] {0, 1, 2, 3, 4}, new int[] {0, 1, 2, 0},
        new double[] {1, 2, 3, 4});
    // Validation rows, CSR 2 × 4 with 3 entries: rowPtr 3 ints (12) + colIdx 3 ints (12) +
    // values 3 doubles (24) = 48, labels 2 doubles = 16.
    CsrMatrix val = CsrMatrix.of(2, 4, new int[] {0, 2, 3}, new int[] {0, 3, 1},
        new double[] {5, 6, 7});
    LowerLevelProblem problem = new LowerLevelProblem(train, new double[] {1, -1, 1},
        Loss.LOGISTIC, 0.1, new double[4], false);
    FoldProblem block = new FoldProblem(problem, val, new double[] {-1, 1});
    assertEquals(68 + 24 + 48 + 16, block.memoryBytes());
    assertEquals(7, block.storedEntries());
    assertEquals(156.0 / 7.0, block.bytesPerNonzero(), 0.0);
    // The same validation rows as CSC would cost 5 column pointers instead of 3 row pointers.
    FoldProblem asCsc = new FoldProblem(problem, val.toCsc(), new double[] {-1, 1});
    assertEquals(156 + 8, asCsc.memoryBytes());
  }
}
