package org.sparsetune.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The kept entries are the k largest scores of the stream, descending, ties in arrival order. */
class TopScoresTest {

  @Test
  void keepsTheLargestScoresInOrderWithTiesInArrivalOrder() {
    SplittableRandom rng = new SplittableRandom(3L);
    for (int k : new int[] {1, 3, 8}) {
      for (int trial = 0; trial < 50; trial++) {
        int n = rng.nextInt(0, 20);
        double[] stream = new double[n];
        for (int i = 0; i < n; i++) {
          stream[i] = rng.nextInt(0, 6); // many ties
        }
        int[] keys = new int[k];
        double[] scores = new double[k];
        int count = 0;
        for (int i = 0; i < n; i++) {
          count = TopScores.offer(keys, scores, count, i, stream[i]);
        }
        // Reference: a stable sort by descending score, the first k.
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
          order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -stream[i]));
        int expected = Math.min(k, n);
        assertEquals(expected, count);
        int[] want = new int[expected];
        for (int i = 0; i < expected; i++) {
          want[i] = order[i];
        }
        assertArrayEquals(want, Arrays.copyOf(keys, count), "k " + k + " " + Arrays.toString(stream));
      }
    }
  }
}
