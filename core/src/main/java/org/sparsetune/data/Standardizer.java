package org.sparsetune.data;

import java.util.Arrays;
import org.sparsetune.linalg.DenseMatrix;
import org.sparsetune.linalg.DesignMatrix;

/**
 * Column standardization {@code x ↦ (x − mean_j) / scale_j} with statistics taken from training
 * rows only, so that nothing about the validation or test rows leaks into the model.
 *
 * <ul>
 *   <li>{@code mean_j} is the mean of column j over the training rows and {@code scale_j} its
 *       population standard deviation (divided by the number of training rows, as scikit-learn's
 *       {@code StandardScaler}).
 *   <li>A column that is constant on the training rows gets {@code mean_j} equal to that constant
 *       and {@code scale_j = 1}: it is only centered (its training entries become exact zeros), never
 *       divided by a zero or round-off-sized deviation.
 *   <li>Sparse (CSC) data is never transformed: {@link #fit} on a sparse matrix returns the
 *       identity, and {@link #apply} hands a sparse matrix back as it is. Centering would turn
 *       every zero into {@code −mean_j} and destroy the sparsity that the solvers rely on (LIBSVM
 *       data are usually scaled already).
 * </ul>
 *
 * Immutable.
 */
public final class Standardizer {
  private final double[] means;
  private final double[] scales;
  private final boolean identity;

  private Standardizer(double[] means, double[] scales, boolean identity) {
    this.means = means;
    this.scales = scales;
    this.identity = identity;
  }

  /** The identity for p features: means 0, scales 1; {@link #apply} returns its argument. */
  public static Standardizer identity(int p) {
    if (p < 0) {
      throw new IllegalArgumentException("feature count must be non-negative, got " + p);
    }
    double[] ones = new double[p];
    Arrays.fill(ones, 1.0);
    return new Standardizer(new double[p], ones, true);
  }

  /** Statistics of all rows of a (training) matrix; the identity when the matrix is sparse. */
  public static Standardizer fit(DesignMatrix training) {
    int[] all = new int[training.rows()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return fit(training, all);
  }

  /**
   * Statistics of the given training rows of a matrix (the other rows are not looked at); the
   * identity when the matrix is sparse.
   *
   * @param a the full matrix
   * @param trainRows strictly ascending, at least one row
   */
  public static Standardizer fit(DesignMatrix a, int[] trainRows) {
    DesignMatrix.checkRowSelection(trainRows, a.rows());
    if (a.isSparse()) {
      return identity(a.cols());
    }
    int m = trainRows.length;
    if (m == 0) {
      throw new IllegalArgumentException("cannot standardize with no training rows");
    }
    DenseMatrix d = DenseMatrix.copyOf(a);
    double[] data = d.data();
    int n = d.rows();
    int p = d.cols();
    double[] means = new double[p];
    double[] scales = new double[p];
    boolean isIdentity = true;
    for (int j = 0; j < p; j++) {
      int off = j * n;
      double first = data[off + trainRows[0]];
      boolean constant = true;
      double sum = 0.0;
      for (int r : trainRows) {
        double x = data[off + r];
        sum += x;
        constant &= x == first;
      }
      if (constant) {
        means[j] = first;
        scales[j] = 1.0;
      } else {
        double mean = sum / m;
        double ss = 0.0;
        double dev = 0.0;
        for (int r : trainRows) {
          double e = data[off + r] - mean;
          ss += e * e;
          dev += e;
        }
        // Two-pass variance with the rounding correction of Chan, Golub & LeVeque (1983).
        double var = (ss - dev * dev / m) / m;
        means[j] = mean;
        scales[j] = var > 0.0 ? Math.sqrt(var) : 1.0;
      }
      isIdentity &= means[j] == 0.0 && scales[j] == 1.0;
    }
    return new Standardizer(means, scales, isIdentity);
  }

  /** Number of features p. */
  public int cols() {
    return means.length;
  }

  /** True when {@link #apply} changes nothing (sparse data, or means 0 and scales 1). */
  public boolean isIdentity() {
    return identity;
  }

  /** The column means (a copy). */
  public double[] means() {
    return means.clone();
  }

  /** The column scales (a copy); 1 for constant columns. */
  public double[] scales() {
    return scales.clone();
  }

  /**
   * The matrix with every column standardized, as a new dense matrix; the matrix itself when this
   * is the identity (always the case after fitting on sparse data).
   *
   * @throws IllegalArgumentException when the column count differs, or when a non-identity
   *     standardizer (fitted on dense data) meets a sparse matrix: train and evaluation data must
   *     have the same storage
   */
  public DesignMatrix apply(DesignMatrix a) {
    if (a.cols() != means.length) {
      throw new IllegalArgumentException(
          "matrix has " + a.cols() + " columns, the standardizer " + means.length);
    }
    if (identity) {
      return a;
    }
    if (a.isSparse()) {
      throw new IllegalArgumentException("a standardizer fitted on dense data cannot be applied"
          + " to a sparse matrix (sparse data is never centered)");
    }
    DenseMatrix d = DenseMatrix.copyOf(a);
    double[] in = d.data();
    int n = d.rows();
    double[] out = new double[in.length];
    for (int j = 0; j < means.length; j++) {
      int off = j * n;
      double mean = means[j];
      double scale = scales[j];
      for (int i = 0; i < n; i++) {
        out[off + i] = (in[off + i] - mean) / scale;
      }
    }
    return DenseMatrix.ofColumnMajor(n, means.length, out);
  }

  /** The data with standardized features and the same labels and source. */
  public LabeledData apply(LabeledData data) {
    DesignMatrix f = apply(data.features());
    return f == data.features() ? data : new LabeledData(data.source(), f, data.labels());
  }
}
