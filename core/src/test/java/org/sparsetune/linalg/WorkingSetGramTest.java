package org.sparsetune.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparsetune.linalg.WeightedGram.WorkingSetGram.Formation;

/**
 * A Gram matrix taken from a {@link WeightedGram.WorkingSetGram} — after any sequence of requests
 * that add and drop columns, across resets with new weights — equals the one {@link
 * WeightedGram#form} builds afresh on the same columns, with and without the intercept border,
 * whether fresh blocks are formed row by row, densely by dsyrk, or as the cost model chooses.
 */
class WorkingSetGramTest {

  /**
   * Relative difference (to the largest entry, at least 1) allowed against a fresh Gram matrix:
   * the same products are added in the same row order, but a product may be rounded as
   * (d·a)·b instead of (d·b)·a.
   */
  static final double FRESH_AGREEMENT_REL = 1e-12;

  /** A sparse matrix with a few dense columns (as w8a's frequent features, mnist's central pixels). */
  private static CscMatrix design(int n, int p, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] rows = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        double density = j % 5 == 0 ? 0.7 : 0.08;
        if (rng.nextDouble() < density) {
          rows[i][j] = j % 2 == 0 ? 1.0 : rng.nextDouble(-2, 2); // binary and real columns
        }
      }
    }
    return CscMatrix.copyOf(DenseMatrix.ofRows(rows));
  }

  private static double[] weights(SplittableRandom rng, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = i % 7 == 3 ? 0.0 : rng.nextDouble(0, 0.25);
    }
    return d;
  }

  private static void assertMatchesFresh(
      WeightedGram.WorkingSetGram cache, CscMatrix a, int[] work, int[] slots, double[] d,
      double scale, double ridge, boolean intercept) {
    int s = slots.length;
    int size = s + (intercept ? 1 : 0);
    int[] cols = new int[s];
    for (int r = 0; r < s; r++) {
      cols[r] = work[slots[r]];
    }
    double[] expected = WeightedGram.form(a, cols, d, scale, ridge, intercept);
    double[] actual = new double[size * size + 3]; // a longer buffer is allowed
    java.util.Arrays.fill(actual, Double.NaN);
    cache.gram(slots, s, scale, ridge, intercept, actual);
    double largest = 1.0;
    for (double v : expected) {
      largest = Math.max(largest, Math.abs(v));
    }
    for (int c = 0; c < size; c++) {
      for (int r = c; r < size; r++) {
        assertEquals(expected[c * size + r], actual[c * size + r], FRESH_AGREEMENT_REL * largest,
            "entry (" + r + ", " + c + ") of " + java.util.Arrays.toString(cols));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Formation.class)
  void subBlocksAfterAddingAndDroppingColumnsEqualFreshGrams(Formation formation) {
    int n = 60;
    CscMatrix a = design(n, 25, 11L);
    int[] work = {24, 3, 17, 0, 9, 5, 12, 20, 1, 15, 7, 22}; // W in any column order
    SplittableRandom rng = new SplittableRandom(12L);
    WeightedGram.WorkingSetGram cache =
        new WeightedGram.WorkingSetGram(a, work, work.length, formation);
    int[][] rounds = {
      {0, 2, 5},          // start
      {0, 5},             // a column leaves
      {0, 1, 3, 5, 7},    // columns enter
      {0, 1, 2, 3, 5, 7}, // one sparse column joins: visited through its own rows
      {0, 1, 2, 3, 4, 5, 6, 7}, // two sparse columns join, sharing rows with each other
      {1, 3, 4, 6, 7, 8, 9, 10, 11}, // more enter than were formed: the block grows
      {2},                // a column formed long ago
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
    };
    for (boolean intercept : new boolean[] {false, true}) {
      for (int step = 0; step < 3; step++) {
        double[] d = step == 2 ? null : weights(rng, n);
        cache.reset(d); // the next Newton step: stale products must not survive
        for (int[] slots : rounds) {
          assertMatchesFresh(cache, a, work, slots, d, 1.0 / n, 0.3, intercept);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Formation.class)
  void emptyRowsColumnsAndRequestsAreHandled(Formation formation) {
    CscMatrix a = CscMatrix.copyOf(DenseMatrix.ofRows(new double[][] {
      {0, 1, 0}, {0, 0, 0}, {0, 2, 3}, {0, 0, 1}}));
    int[] work = {0, 1, 2};
    WeightedGram.WorkingSetGram cache = new WeightedGram.WorkingSetGram(a, work, 3, formation);
    double[] d = {0.1, 0.2, 0.3, 0.4};
    cache.reset(d);
    assertMatchesFresh(cache, a, work, new int[] {}, d, 0.25, 0.0, true);
    assertMatchesFresh(cache, a, work, new int[] {0}, d, 0.25, 0.5, false);
    assertMatchesFresh(cache, a, work, new int[] {0, 1, 2}, d, 0.25, 0.5, true);
  }

  @Test
  void knowsItsWorkingSetAndRejectsUnsortedRequests() {
    CscMatrix a = design(10, 6, 3L);
    int[] work = {4, 1, 2, 99};
    WeightedGram.WorkingSetGram cache = new WeightedGram.WorkingSetGram(a, work, 3);
    assertEquals(true, cache.sameColumns(new int[] {4, 1, 2, 7}, 3));
    assertEquals(false, cache.sameColumns(new int[] {4, 1, 2}, 2));
    assertEquals(false, cache.sameColumns(new int[] {1, 4, 2}, 3));
    cache.reset(null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cache.gram(new int[] {2, 0}, 2, 1.0, 0.0, false, new double[4]));
    assertEquals("slots must ascend: slots[1] = 0 after 2", e.getMessage());
  }

  /**
   * The cost model: a few dense columns over many rows are formed by dsyrk, many sparse columns
   * (a handful of pair products per row) row by row; both agree with a fresh Gram either way.
   */
  @Test
  void freshBlocksTakeTheCheaperFormation() {
    int n = 4000;
    SplittableRandom rng = new SplittableRandom(5L);
    double[] d = weights(rng, n);
    // 6 columns, each with an entry in about 60 % of the rows: n·s cells cost less than the rows.
    CscMatrix dense = randomColumns(n, 6, 0.6, rng);
    int[] work = {0, 1, 2, 3, 4, 5};
    WeightedGram.WorkingSetGram cache = new WeightedGram.WorkingSetGram(dense, work, 6);
    cache.reset(d);
    assertMatchesFresh(cache, dense, work, new int[] {0, 1, 2, 3, 4, 5}, d, 1.0 / n, 0.1, true);
    assertEquals(Formation.DENSE, cache.lastFreshFormation());
    // 300 columns with about 4 entries each: n·s = 1.2M cells against ~1,200 entries.
    CscMatrix sparse = randomColumns(n, 300, 0.001, rng);
    int[] all = new int[300];
    for (int j = 0; j < all.length; j++) {
      all[j] = j;
    }
    cache = new WeightedGram.WorkingSetGram(sparse, all, all.length);
    cache.reset(d);
    assertMatchesFresh(cache, sparse, all, all, d, 1.0 / n, 0.1, false);
    assertEquals(Formation.ROWS, cache.lastFreshFormation());
  }

  /**
   * A working set transposed by an earlier solve and handed over ({@link
   * WeightedGram.WorkingSetGram#handOver()}) chooses its next fresh formation exactly as a new one
   * would: the cost model charges the transposition again. On these columns the choice is close
   * enough that a transposition taken as paid turns dense formation into row-by-row formation
   * (asserted, so that the test stays sensitive), which would round the Gram differently.
   */
  @Test
  void aHandedOverWorkingSetChoosesTheFormationOfANewOne() {
    int n = 2000;
    int p = 8;
    SplittableRandom rng = new SplittableRandom(5L);
    double[][] rows = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        if (rng.nextDouble() < 0.1) {
          rows[i][j] = rng.nextDouble(-1, 1);
        }
      }
    }
    CscMatrix a = CscMatrix.copyOf(DenseMatrix.ofRows(rows));
    int[] work = {0, 1, 2, 3, 4, 5, 6, 7};
    double[] d1 = new double[n];
    double[] d2 = new double[n];
    for (int i = 0; i < n; i++) {
      d1[i] = rng.nextDouble(0, 0.25);
      d2[i] = rng.nextDouble(0, 0.25);
    }
    double[] out = new double[p * p];
    WeightedGram.WorkingSetGram fresh = new WeightedGram.WorkingSetGram(a, work, p);
    fresh.reset(d2);
    fresh.gram(work, p, 1.0 / n, 0.0, false, out);
    assertEquals(Formation.DENSE, fresh.lastFreshFormation());
    Formation[] after = new Formation[2];
    for (int handOver = 0; handOver < 2; handOver++) {
      WeightedGram.WorkingSetGram used = new WeightedGram.WorkingSetGram(a, work, p);
      used.reset(d1);
      used.gram(new int[] {0}, 1, 1.0 / n, 0.0, false, out);
      used.gram(new int[] {0, 1}, 2, 1.0 / n, 0.0, false, out); // extended: transposed
      if (handOver == 1) {
        used.handOver();
      }
      used.reset(d2);
      used.gram(work, p, 1.0 / n, 0.0, false, out);
      after[handOver] = used.lastFreshFormation();
    }
    assertEquals(Formation.ROWS, after[0], "the choice must depend on the transposition's charge");
    assertEquals(fresh.lastFreshFormation(), after[1]);
  }

  /** The pair count equals Σ_i c_i(c_i+1)/2 counted from the dense rows, and leaves the scratch zero. */
  @Test
  void lowerTrianglePairsCountsEachRowsPairsOnce() {
    int n = 50;
    CscMatrix a = design(n, 12, 21L);
    int[] cols = {11, 0, 5, 7, 2};
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new double[12];
    }
    for (int j = 0; j < 12; j++) {
      for (int q = a.colPtr()[j]; q < a.colPtr()[j + 1]; q++) {
        rows[a.rowIdx()[q]][j] = a.values()[q];
      }
    }
    long expected = 0;
    for (int i = 0; i < n; i++) {
      int c = 0;
      for (int k = 0; k < 4; k++) { // the first four columns of the list only
        if (rows[i][cols[k]] != 0.0) {
          c++;
        }
      }
      expected += (long) c * (c + 1) / 2;
    }
    int[] scratch = new int[n];
    assertEquals(expected, WeightedGram.lowerTrianglePairs(a, cols, 4, scratch));
    assertEquals(0, java.util.Arrays.stream(scratch).sum());
    assertEquals(0, WeightedGram.lowerTrianglePairs(a, cols, 0, scratch));
  }

  private static CscMatrix randomColumns(int n, int p, double density, SplittableRandom rng) {
    double[][] rows = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        if (rng.nextDouble() < density) {
          rows[i][j] = rng.nextDouble(-1, 1);
        }
      }
    }
    return CscMatrix.copyOf(DenseMatrix.ofRows(rows));
  }
}
