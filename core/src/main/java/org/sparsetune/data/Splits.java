package org.sparsetune.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, reproducible train / validation / test splits and K-fold assignments of row indices.
 *
 * <h2>Reproducibility</h2>
 *
 * Every method takes its seed explicitly and draws from one {@code new SplittableRandom(seed)}
 * (no global or time-seeded generator). {@link SplittableRandom} is SplitMix64, pure integer
 * arithmetic, and the part sizes use Java's platform-independent floating point, so the same seed
 * gives the same rows on any machine, driver or executor. {@code SplitsTest} pins the rows drawn
 * for small cases against an independent SplitMix64 (the script {@code splits_reference.py} next
 * to it), so a change of this code, or of the JDK's generator, is noticed.
 *
 * <h2>How rows are drawn</h2>
 *
 * The rows (of each class, when stratified) are put in ascending order and shuffled by
 * Fisher–Yates: for {@code i = m-1 down to 1}, swap position i with {@code rng.nextInt(i + 1)}.
 * Stratified methods go through the classes in ascending label order and shuffle each with the
 * same generator, continuing its sequence; with a single class they give exactly what the
 * unstratified method gives. Each part is then sorted ascending.
 *
 * <ul>
 *   <li>Split: the first {@code nTrain} shuffled rows are training rows, the next {@code
 *       nValidation} validation rows, the rest test rows; the sizes are those of {@link
 *       #partSizes}.
 *   <li>K folds: shuffled position {@code i} goes to fold {@code i mod K}, so fold sizes differ by
 *       at most one and the first {@code m mod K} folds hold the extra rows. When stratified, the
 *       position counter runs on across classes, so each class is spread over the folds as evenly
 *       as possible and the fold sizes still differ by at most one.
 * </ul>
 */
public final class Splits {

  private Splits() {}

  /**
   * Fractions of the rows that go to training, validation and test.
   *
   * @param train fraction for training, in (0, 1]
   * @param validation fraction for validation, in [0, 1)
   * @param test fraction for test, in [0, 1)
   */
  public record Fractions(double train, double validation, double test) {

    /** 0.6 / 0.2 / 0.2, the default of the tuning runs. */
    public static final Fractions DEFAULT = new Fractions(0.6, 0.2, 0.2);

    /** Tolerance on the sum of the three fractions (absolute). */
    public static final double SUM_TOLERANCE = 1e-9;

    /** Checks that each fraction is in [0, 1], that train is positive and that they sum to 1. */
    public Fractions {
      check("train", train);
      check("validation", validation);
      check("test", test);
      if (!(train > 0.0)) {
        throw new IllegalArgumentException("train fraction must be positive, got " + train);
      }
      double sum = train + validation + test;
      if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
        throw new IllegalArgumentException("fractions must sum to 1, got " + train + " + "
            + validation + " + " + test + " = " + sum);
      }
    }

    private static void check(String name, double f) {
      if (!(f >= 0.0 && f <= 1.0)) {
        throw new IllegalArgumentException(name + " fraction must be in [0, 1], got " + f);
      }
    }
  }

  /**
   * The part sizes for m rows: {@code nTrain = round(m·train)}, {@code nTrain + nValidation =
   * round(m·(train + validation))} and the test part takes the rest, where round is {@link
   * Math#round(double)} (halves round up). Rounding the cumulative boundaries keeps each part
   * within one row of its exact share and makes the three add up to m. For example m = 10 with the
   * defaults gives 6 / 2 / 2, and m = 7 gives 4 / 2 / 1.
   *
   * @return {nTrain, nValidation, nTest}
   */
  public static int[] partSizes(int m, Fractions fractions) {
    if (m < 0) {
      throw new IllegalArgumentException("row count must be non-negative, got " + m);
    }
    int b1 = (int) Math.min(m, Math.round(m * fractions.train()));
    int b2 = (int) Math.min(m, Math.round(m * (fractions.train() + fractions.validation())));
    b2 = Math.max(b1, b2);
    return new int[] {b1, b2 - b1, m - b2};
  }

  /**
   * Splits rows {@code 0 .. nRows-1} into train / validation / test.
   *
   * @param nRows the number of rows, at least 1
   * @param fractions the shares of the three parts; sizes as in {@link #partSizes}
   * @param seed the seed; the same seed gives the same split
   */
  public static Split split(int nRows, Fractions fractions, long seed) {
    if (nRows < 1) {
      throw new IllegalArgumentException("cannot split " + nRows + " rows");
    }
    int[] all = new int[nRows];
    for (int i = 0; i < nRows; i++) {
      all[i] = i;
    }
    return splitGroups(new int[][] {all}, fractions, seed);
  }

  /** {@link #split(int, Fractions, long)} with the default 0.6 / 0.2 / 0.2. */
  public static Split split(int nRows, long seed) {
    return split(nRows, Fractions.DEFAULT, seed);
  }

  /**
   * Splits rows {@code 0 .. labels.length-1} class by class, so that each part keeps the class
   * proportions: every class (distinct label value) is split with the same fractions, its sizes
   * given by {@link #partSizes} for that class's row count. The totals can therefore differ from
   * the unstratified sizes by up to one row per class. Meant for classification labels.
   *
   * @param labels one label per row, finite
   * @param fractions the shares of the three parts
   * @param seed the seed; the same seed gives the same split
   */
  public static Split splitStratified(double[] labels, Fractions fractions, long seed) {
    if (labels == null || labels.length == 0) {
      throw new IllegalArgumentException("cannot split an empty label vector");
    }
    int[] all = new int[labels.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return splitGroups(classes(all, labels), fractions, seed);
  }

  private static Split splitGroups(int[][] groups, Fractions fractions, long seed) {
    if (fractions == null) {
      throw new IllegalArgumentException("fractions must not be null");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int total = 0;
    for (int[] g : groups) {
      total += g.length;
    }
    int[] train = new int[total];
    int[] validation = new int[total];
    int[] test = new int[total];
    int nt = 0;
    int nv = 0;
    int ne = 0;
    for (int[] g : groups) {
      int[] order = g.clone();
      shuffle(order, rng);
      int[] sizes = partSizes(order.length, fractions);
      int k = 0;
      for (int i = 0; i < sizes[0]; i++) {
        train[nt++] = order[k++];
      }
      for (int i = 0; i < sizes[1]; i++) {
        validation[nv++] = order[k++];
      }
      for (int i = 0; i < sizes[2]; i++) {
        test[ne++] = order[k++];
      }
    }
    return new Split(sorted(train, nt), sorted(validation, nv), sorted(test, ne));
  }

  /**
   * Assigns the given rows to K folds; fold f's validation rows are those shuffled to positions
   * {@code f, f+K, f+2K, ...}, its training rows all the others.
   *
   * @param rows the rows to draw from (for example {@link Split#trainAndValidation()}), strictly
   *     ascending
   * @param k the number of folds, in [2, rows.length]
   * @param seed the seed; the same seed gives the same folds
   * @return K folds, fold f at position f
   */
  public static List<Fold> kFold(int[] rows, int k, long seed) {
    RowSets.checkAscending("fold", rows);
    return foldGroups(rows, new int[][] {rows}, k, seed);
  }

  /**
   * K folds that keep the class proportions: each class's rows are shuffled and dealt to the folds
   * in turn (see the class comment). A class with fewer than K rows is missing from the validation
   * rows of some folds.
   *
   * @param rows the rows to draw from, strictly ascending
   * @param labels the labels of the whole data set, indexed by row (so {@code labels[rows[i]]})
   * @param k the number of folds, in [2, rows.length]
   * @param seed the seed; the same seed gives the same folds
   */
  public static List<Fold> kFoldStratified(int[] rows, double[] labels, int k, long seed) {
    RowSets.checkAscending("fold", rows);
    if (labels == null) {
      throw new IllegalArgumentException("labels must not be null");
    }
    if (rows.length > 0 && rows[rows.length - 1] >= labels.length) {
      throw new IllegalArgumentException("row " + rows[rows.length - 1] + " has no label ("
          + labels.length + " labels)");
    }
    return foldGroups(rows, classes(rows, labels), k, seed);
  }

  private static List<Fold> foldGroups(int[] rows, int[][] groups, int k, long seed) {
    if (k < 2 || k > rows.length) {
      throw new IllegalArgumentException(
          "fold count must be in [2, " + rows.length + "] for " + rows.length + " rows, got " + k);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int[][] held = new int[k][rows.length / k + 1];
    int[] count = new int[k];
    int position = 0;
    for (int[] g : groups) {
      int[] order = g.clone();
      shuffle(order, rng);
      for (int r : order) {
        int f = position++ % k;
        held[f][count[f]++] = r;
      }
    }
    List<Fold> folds = new ArrayList<>(k);
    for (int f = 0; f < k; f++) {
      int[] validation = sorted(held[f], count[f]);
      folds.add(new Fold(f, RowSets.difference(rows, validation), validation));
    }
    return List.copyOf(folds);
  }

  /** Fisher–Yates: for i = m-1 down to 1, swap a[i] with a[rng.nextInt(i + 1)]. */
  private static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static int[] sorted(int[] a, int length) {
    int[] out = Arrays.copyOf(a, length);
    Arrays.sort(out);
    return out;
  }

  /** The given ascending rows grouped by label value, groups in ascending label order. */
  private static int[][] classes(int[] rows, double[] labels) {
    double[] distinct = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      double v = labels[rows[i]];
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("label of row " + rows[i] + " is " + v);
      }
      distinct[i] = v + 0.0; // -0.0 and 0.0 are one class
    }
    Arrays.sort(distinct);
    int nClasses = 0;
    for (int i = 0; i < distinct.length; i++) {
      if (i == 0 || distinct[i] != distinct[i - 1]) {
        distinct[nClasses++] = distinct[i];
      }
    }
    distinct = Arrays.copyOf(distinct, nClasses);
    int[] classOf = new int[rows.length];
    int[] size = new int[nClasses];
    for (int i = 0; i < rows.length; i++) {
      classOf[i] = Arrays.binarySearch(distinct, labels[rows[i]] + 0.0);
      size[classOf[i]]++;
    }
    int[][] groups = new int[nClasses][];
    for (int c = 0; c < nClasses; c++) {
      groups[c] = new int[size[c]];
    }
    int[] fill = new int[nClasses];
    for (int i = 0; i < rows.length; i++) {
      int c = classOf[i];
      groups[c][fill[c]++] = rows[i];
    }
    return groups;
  }
}
