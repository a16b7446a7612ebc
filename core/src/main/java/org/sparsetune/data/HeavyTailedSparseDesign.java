package org.sparsetune.data;

import java.util.SplittableRandom;
import org.sparsetune.linalg.CscMatrix;

/**
 * Seeded generator of text-like sparse classification data: a CSC matrix whose column (term)
 * frequencies follow a Zipf law, TF-IDF-like positive values, rows scaled to unit Euclidean norm
 * (as in the LIBSVM news20.binary and rcv1 files), and ±1 labels from a sparse logistic model.
 *
 * <p>Column j (0-based, most frequent first) holds {@code min(n, max(1, round(C / (j + 1)^s)))}
 * entries in distinct random rows, with C chosen so the total is close to the requested number of
 * nonzeros. Entry values are {@code log(n / df_j) · (1 + u)} with u uniform in [0, 1), before row
 * normalization. Labels: a true coefficient vector with {@code signalFeatures} nonzero ±1 entries
 * spread over the 2,000 most frequent columns, margin {@code 4·a_iᵀβ} plus logistic noise, label
 * its sign.
 *
 * @param rows n
 * @param cols p
 * @param targetNonzeros the approximate total number of stored entries
 * @param zipfExponent s (1.0 is a classic term-frequency law)
 * @param signalFeatures the number of features the labels depend on
 * @param seed the seed of the one random stream
 */
public record HeavyTailedSparseDesign(
    int rows, int cols, long targetNonzeros, double zipfExponent, int signalFeatures, long seed) {

  /** Validates the shape. */
  public HeavyTailedSparseDesign {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("shape must be positive, got " + rows + " x " + cols);
    }
    if (targetNonzeros < cols || targetNonzeros > (long) rows * cols) {
      throw new IllegalArgumentException(
          "targetNonzeros must lie in [cols, rows*cols], got " + targetNonzeros);
    }
    if (!(zipfExponent > 0.0)) {
      throw new IllegalArgumentException("zipfExponent must be positive, got " + zipfExponent);
    }
    if (signalFeatures < 1 || signalFeatures > cols) {
      throw new IllegalArgumentException("signalFeatures must lie in [1, cols], got " + signalFeatures);
    }
  }

  /**
   * The shape of the 60% training part of LIBSVM's news20.binary: 12,000 × 1,355,191 with about
   * 5.4 million nonzeros.
   */
  public static HeavyTailedSparseDesign news20Shaped(long seed) {
    return new HeavyTailedSparseDesign(12_000, 1_355_191, 5_400_000L, 1.0, 200, seed);
  }

  /** Generates the data set. */
  public LabeledData generate() {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] df = columnFrequencies();
    int[] colPtr = new int[cols + 1];
    for (int j = 0; j < cols; j++) {
      colPtr[j + 1] = colPtr[j] + df[j];
    }
    int nnz = colPtr[cols];
    int[] rowIdx = new int[nnz];
    double[] values = new double[nnz];
    boolean[] taken = new boolean[rows];
    double[] rowSq = new double[rows];
    for (int j = 0; j < cols; j++) {
      int start = colPtr[j];
      int k = df[j];
      sampleDistinctRows(rnd, k, taken, rowIdx, start);
      java.util.Arrays.sort(rowIdx, start, start + k);
      double idf = Math.log((double) rows / k) + 1.0;
      for (int q = start; q < start + k; q++) {
        double v = idf * (1.0 + rnd.nextDouble());
        values[q] = v;
        rowSq[rowIdx[q]] += v * v;
      }
    }
    for (int q = 0; q < nnz; q++) {
      values[q] /= Math.sqrt(rowSq[rowIdx[q]]);
    }
    CscMatrix a = CscMatrix.of(rows, cols, colPtr, rowIdx, values);
    double[] margin = new double[rows];
    int spread = Math.min(cols, Math.max(2_000, signalFeatures));
    boolean[] chosen = new boolean[spread];
    for (int s = 0; s < signalFeatures; s++) {
      int j;
      do {
        j = rnd.nextInt(spread);
      } while (chosen[j]);
      chosen[j] = true;
      a.columnAxpy(j, rnd.nextBoolean() ? 4.0 : -4.0, margin);
    }
    double[] labels = new double[rows];
    for (int i = 0; i < rows; i++) {
      double u = rnd.nextDouble();
      double noise = Math.log(u / (1.0 - u) + Double.MIN_NORMAL);
      labels[i] = margin[i] + 0.2 * noise >= 0.0 ? 1.0 : -1.0;
    }
    return new LabeledData(
        "heavy-tailed(" + rows + "x" + cols + ", seed " + seed + ")", a, labels);
  }

  /** Zipf column frequencies, with the scale C found by bisection to match the target total. */
  int[] columnFrequencies() {
    double lo = 0.0;
    double hi = (double) rows * Math.pow(cols, zipfExponent);
    for (int it = 0; it < 100; it++) {
      double mid = 0.5 * (lo + hi);
      if (total(mid) < targetNonzeros) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    int[] df = new int[cols];
    for (int j = 0; j < cols; j++) {
      df[j] = frequency(hi, j);
    }
    return df;
  }

  private long total(double scale) {
    long t = 0;
    for (int j = 0; j < cols; j++) {
      t += frequency(scale, j);
    }
    return t;
  }

  private int frequency(double scale, int j) {
    double f = Math.rint(scale / Math.pow(j + 1.0, zipfExponent));
    return (int) Math.min(rows, Math.max(1.0, f));
  }

  /** Floyd's algorithm: k distinct rows in [0, n), written to out[start..start+k). */
  private void sampleDistinctRows(
      SplittableRandom rnd, int k, boolean[] taken, int[] out, int start) {
    int n = rows;
    int m = 0;
    for (int t = n - k; t < n; t++) {
      int r = rnd.nextInt(t + 1);
      if (taken[r]) {
        r = t;
      }
      taken[r] = true;
      out[start + m++] = r;
    }
    for (int q = start; q < start + k; q++) {
      taken[out[q]] = false;
    }
  }
}
