package org.sparsetune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsetune.linalg.DenseMatrix;

/**
 * Splits and folds: partitions, sizes, stratification and reproducibility. The pinned rows come
 * from {@code splits_reference.py} next to this file, an independent SplitMix64 + Fisher–Yates.
 */
class SplitsTest {

  /** Labels of splits_reference.py: positives at rows 0, 3, 7, 10; eight negatives. */
  private static final double[] LABELS = {1, -1, -1, 1, -1, -1, -1, 1, -1, -1, 1, -1};

  private static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  private static void assertAscending(int[] a) {
    for (int k = 1; k < a.length; k++) {
      assertTrue(a[k - 1] < a[k], () -> "not strictly ascending: " + Arrays.toString(a));
    }
  }

  private static int[] concatSorted(int[]... parts) {
    int[] all = Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    Arrays.sort(all);
    return all;
  }

  private static int count(int[] rows, double[] labels, double label) {
    int c = 0;
    for (int r : rows) {
      c += labels[r] == label ? 1 : 0;
    }
    return c;
  }

  // ---------------------------------------------------------------- pinned against the reference

  @Test
  void generatorMatchesTheIndependentSplitMix64() {
    SplittableRandom a = new SplittableRandom(0);
    int[] got = new int[5];
    for (int k = 0; k < 5; k++) {
      got[k] = a.nextInt(10);
    }
    assertArrayEquals(new int[] {8, 6, 7, 3, 9}, got);
    SplittableRandom b = new SplittableRandom(-5);
    for (int k = 0; k < 5; k++) {
      got[k] = b.nextInt(7);
    }
    assertArrayEquals(new int[] {5, 3, 5, 1, 2}, got);
  }

  @Test
  void pinnedSplit() {
    assertEquals(new Split(new int[] {0, 3, 4, 5, 7, 8}, new int[] {2, 9}, new int[] {1, 6}),
        Splits.split(10, Splits.Fractions.DEFAULT, 42));
  }

  @Test
  void pinnedStratifiedSplit() {
    assertEquals(
        new Split(new int[] {0, 3, 4, 5, 6, 8, 11}, new int[] {7, 9}, new int[] {1, 2, 10}),
        Splits.splitStratified(LABELS, Splits.Fractions.DEFAULT, 7));
  }

  @Test
  void pinnedFolds() {
    List<Fold> folds = Splits.kFold(range(10), 3, 1);
    assertArrayEquals(new int[] {1, 5, 6, 9}, folds.get(0).validation());
    assertArrayEquals(new int[] {0, 2, 7}, folds.get(1).validation());
    assertArrayEquals(new int[] {3, 4, 8}, folds.get(2).validation());
    assertArrayEquals(new int[] {0, 2, 3, 4, 7, 8}, folds.get(0).train());
  }

  @Test
  void pinnedStratifiedFolds() {
    List<Fold> folds = Splits.kFoldStratified(range(12), LABELS, 4, 3);
    int[][] expected = {{2, 5, 10}, {1, 3, 9}, {0, 6, 11}, {4, 7, 8}};
    for (int f = 0; f < 4; f++) {
      assertArrayEquals(expected[f], folds.get(f).validation(), "fold " + f);
    }
  }

  // ---------------------------------------------------------------- sizes by reasoning

  @Test
  void partSizesRoundTheCumulativeBoundaries() {
    Splits.Fractions thirds = new Splits.Fractions(1.0 / 3, 1.0 / 3, 1.0 / 3);
    // 10·0.6 = 6, 10·0.8 = 8 → 6/2/2;  7·0.6 = 4.2 → 4, 7·0.8 = 5.6 → 6 → 4/2/1
    assertArrayEquals(new int[] {6, 2, 2}, Splits.partSizes(10, Splits.Fractions.DEFAULT));
    assertArrayEquals(new int[] {4, 2, 1}, Splits.partSizes(7, Splits.Fractions.DEFAULT));
    // 2·0.6 = 1.2 → 1, 2·0.8 = 1.6 → 2 → 1/1/0;  1·0.6 → 1, 1·0.8 → 1 → 1/0/0
    assertArrayEquals(new int[] {1, 1, 0}, Splits.partSizes(2, Splits.Fractions.DEFAULT));
    assertArrayEquals(new int[] {1, 0, 0}, Splits.partSizes(1, Splits.Fractions.DEFAULT));
    assertArrayEquals(new int[] {1, 1, 1}, Splits.partSizes(3, thirds));
    // halves round up: 5·0.5 = 2.5 → 3, 5·0.75 = 3.75 → 4 → 3/1/1
    assertArrayEquals(new int[] {3, 1, 1},
        Splits.partSizes(5, new Splits.Fractions(0.5, 0.25, 0.25)));
    assertArrayEquals(new int[] {0, 0, 0}, Splits.partSizes(0, thirds));
  }

  @Test
  void aSingleRowGoesToTraining() {
    assertEquals(new Split(new int[] {0}, new int[0], new int[0]), Splits.split(1, 99));
  }

  // ---------------------------------------------------------------- invariants

  @Test
  void splitIsAPartitionWithTheDocumentedSizes() {
    int n = 1003;
    Split s = Splits.split(n, 12345);
    assertAscending(s.train());
    assertAscending(s.validation());
    assertAscending(s.test());
    assertArrayEquals(range(n), concatSorted(s.train(), s.validation(), s.test()));
    int[] sizes = Splits.partSizes(n, Splits.Fractions.DEFAULT);
    assertArrayEquals(sizes, new int[] {s.train().length, s.validation().length, s.test().length});
    assertArrayEquals(concatSorted(s.train(), s.validation()), s.trainAndValidation());
  }

  @Test
  void sameSeedSameRowsOtherSeedOtherRows() {
    assertEquals(Splits.split(500, 3), Splits.split(500, 3));
    assertNotEquals(Splits.split(500, 3), Splits.split(500, 4));
    double[] labels = new double[500];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 7 == 0 ? 1 : -1;
    }
    Splits.Fractions f = new Splits.Fractions(0.5, 0.3, 0.2);
    assertEquals(Splits.splitStratified(labels, f, 8), Splits.splitStratified(labels, f, 8));
    assertEquals(Splits.kFold(range(300), 5, 2), Splits.kFold(range(300), 5, 2));
    assertNotEquals(Splits.kFold(range(300), 5, 2), Splits.kFold(range(300), 5, 6));
    assertEquals(Splits.kFoldStratified(range(500), labels, 4, 1),
        Splits.kFoldStratified(range(500), labels, 4, 1));
  }

  @Test
  void stratifiedSplitKeepsEachClassSplitWithTheSameFractions() {
    int n = 1000;
    double[] labels = new double[n];
    int positives = 0;
    SplittableRandom rnd = new SplittableRandom(11);
    for (int i = 0; i < n; i++) {
      labels[i] = rnd.nextInt(10) < 3 ? 1 : -1;
      positives += labels[i] > 0 ? 1 : 0;
    }
    Split s = Splits.splitStratified(labels, Splits.Fractions.DEFAULT, 5);
    int[] pos = Splits.partSizes(positives, Splits.Fractions.DEFAULT);
    int[] neg = Splits.partSizes(n - positives, Splits.Fractions.DEFAULT);
    int[][] parts = {s.train(), s.validation(), s.test()};
    for (int k = 0; k < 3; k++) {
      assertAscending(parts[k]);
      assertEquals(pos[k], count(parts[k], labels, 1), "positives in part " + k);
      assertEquals(neg[k], count(parts[k], labels, -1), "negatives in part " + k);
    }
    assertArrayEquals(range(n), concatSorted(parts));
  }

  @Test
  void stratifiedWithOneClassEqualsUnstratified() {
    double[] same = new double[57];
    Arrays.fill(same, -1.0);
    assertEquals(Splits.split(57, Splits.Fractions.DEFAULT, 21),
        Splits.splitStratified(same, Splits.Fractions.DEFAULT, 21));
    assertEquals(Splits.kFold(range(57), 4, 21), Splits.kFoldStratified(range(57), same, 4, 21));
  }

  @Test
  void foldsPartitionTheGivenRowsWithSizesDifferingByAtMostOne() {
    Split s = Splits.split(103, 4);
    int[] rows = s.trainAndValidation(); // a subset of 0..102, as in cross-validation
    int k = 5;
    List<Fold> folds = Splits.kFold(rows, k, 77);
    assertEquals(k, folds.size());
    int[][] validations = new int[k][];
    for (int f = 0; f < k; f++) {
      Fold fold = folds.get(f);
      assertEquals(f, fold.index());
      assertAscending(fold.validation());
      assertAscending(fold.train());
      assertArrayEquals(rows, concatSorted(fold.train(), fold.validation()));
      int expectedSize = rows.length / k + (f < rows.length % k ? 1 : 0);
      assertEquals(expectedSize, fold.validation().length, "fold " + f);
      validations[f] = fold.validation();
    }
    assertArrayEquals(rows, concatSorted(validations), "each row is held out exactly once");
  }

  @Test
  void stratifiedFoldsSpreadEveryClassEvenly() {
    int n = 211;
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 5 == 0 ? 1 : (i % 5 == 1 ? 2 : 0); // three classes: 43, 42, 126 rows
    }
    int k = 4;
    List<Fold> folds = Splits.kFoldStratified(range(n), labels, k, 9);
    for (double c : new double[] {0, 1, 2}) {
      int min = Integer.MAX_VALUE;
      int max = 0;
      for (Fold f : folds) {
        int m = count(f.validation(), labels, c);
        min = Math.min(min, m);
        max = Math.max(max, m);
      }
      assertTrue(max - min <= 1, "class " + c + " spread " + min + ".." + max);
    }
    int[][] validations = folds.stream().map(Fold::validation).toArray(int[][]::new);
    assertArrayEquals(range(n), concatSorted(validations));
    for (Fold f : folds) {
      assertTrue(Math.abs(f.validation().length - n / (double) k) < 1.0);
    }
  }

  @Test
  void applySelectsRowsAndLabels() {
    double[][] x = new double[6][2];
    double[] y = new double[6];
    for (int i = 0; i < 6; i++) {
      x[i] = new double[] {i, 10 * i};
      y[i] = i % 2 == 0 ? 1 : -1;
    }
    LabeledData data = new LabeledData("six", DenseMatrix.ofRows(x), y);
    Split.Parts parts = new Split(new int[] {1, 4}, new int[] {0, 5}, new int[] {2, 3}).apply(data);
    assertArrayEquals(new double[] {1, 4}, parts.train().features().column(0));
    assertArrayEquals(new double[] {-1, 1}, parts.train().labels());
    assertArrayEquals(new double[] {0, 50}, parts.validation().features().column(1));
    assertArrayEquals(new double[] {1, -1}, parts.test().labels());
    Fold.Parts fp = new Fold(0, new int[] {0, 2, 3}, new int[] {1}).apply(data);
    assertArrayEquals(new double[] {0, 2, 3}, fp.train().features().column(0));
    assertArrayEquals(new double[] {-1}, fp.validation().labels());
  }

  // ---------------------------------------------------------------- validation

  @Test
  void badArgumentsAreRejectedWithTheValueInTheMessage() {
    IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
        () -> new Splits.Fractions(0.6, 0.3, 0.2));
    assertTrue(sum.getMessage().contains("sum to 1"), sum.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Splits.Fractions(0, 0.5, 0.5));
    assertThrows(IllegalArgumentException.class, () -> new Splits.Fractions(1.2, -0.1, -0.1));
    assertThrows(IllegalArgumentException.class, () -> new Splits.Fractions(Double.NaN, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> Splits.split(0, 1));
    IllegalArgumentException k1 =
        assertThrows(IllegalArgumentException.class, () -> Splits.kFold(range(10), 1, 0));
    assertTrue(k1.getMessage().contains("got 1"), k1.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Splits.kFold(range(3), 4, 0));
    IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
        () -> Splits.kFold(new int[] {0, 2, 1, 3}, 2, 0));
    assertTrue(order.getMessage().contains("1 after 2"), order.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Splits.kFoldStratified(range(5), new double[4], 2, 0));
    assertThrows(IllegalArgumentException.class,
        () -> Splits.splitStratified(new double[] {1, Double.NaN}, Splits.Fractions.DEFAULT, 0));
  }

  @Test
  void splitAndFoldRecordsRejectOverlapsAndDisorder() {
    IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
        () -> new Split(new int[] {0, 1}, new int[] {1}, new int[0]));
    assertTrue(overlap.getMessage().contains("row 1"), overlap.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new Split(new int[] {2, 1}, new int[0], new int[0]));
    assertThrows(IllegalArgumentException.class,
        () -> new Split(new int[] {-1}, new int[0], new int[0]));
    assertThrows(IllegalArgumentException.class,
        () -> new Fold(0, new int[] {3}, new int[] {3}));
    assertThrows(IllegalArgumentException.class, () -> new Fold(-1, new int[0], new int[0]));
  }
}
