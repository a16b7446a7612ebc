package org.sparsetune.linalg;

/**
 * The k largest scores of a stream, kept in two small parallel arrays sorted by descending score
 * (insertion: k is small — the exact step's entering coordinates, NTRBA's probe features).
 */
public final class TopScores {
  private TopScores() {}

  /**
   * Offers (key, score) to the first {@code count} entries of {@code keys}/{@code scores}, which
   * hold at most {@code keys.length} (at least 1) entries in descending score order; ties keep
   * the earlier key.
   *
   * @return the new count
   */
  public static int offer(int[] keys, double[] scores, int count, int key, double score) {
    int capacity = keys.length;
    int pos = Math.min(count, capacity - 1);
    if (count < capacity || score > scores[pos]) {
      while (pos > 0 && scores[pos - 1] < score) {
        scores[pos] = scores[pos - 1];
        keys[pos] = keys[pos - 1];
        pos--;
      }
      scores[pos] = score;
      keys[pos] = key;
      return Math.min(count + 1, capacity);
    }
    return count;
  }
}
