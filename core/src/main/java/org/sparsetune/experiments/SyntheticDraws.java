package org.sparsetune.experiments;

import java.util.SplittableRandom;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.Split;
import org.sparsetune.data.Splits;
import org.sparsetune.linalg.DenseMatrix;

/**
 * The random draws and the assembly shared by {@link ThreeGroupDesign} and {@link
 * DegenerateDesign}, written so that the same arguments and seed give the same bits on every JVM
 * and platform:
 *
 * <ul>
 *   <li>every draw comes from a {@link SplittableRandom} (SplitMix64: integer arithmetic only),
 *       one child stream per ingredient, split off the seed's root in a fixed order, so that e.g.
 *       the number of sign draws never shifts the design;
 *   <li>a standard normal is Box–Muller on two {@code nextDouble()} calls with {@link StrictMath}
 *       (as {@code org.sparsetune.outer.search.StandardNormal}), never {@code nextGaussian()},
 *       whose algorithm the JDK does not fix for {@link SplittableRandom};
 *   <li>java.util.Random is avoided on purpose: its first draws are nearly equal for consecutive
 *       seeds (0, 1, 2, ...), which are the seeds the experiments use.
 * </ul>
 */
final class SyntheticDraws {
  private static final double TWO_PI = 2.0 * Math.PI;

  private SyntheticDraws() {}

  /**
   * One standard normal: {@code sqrt(-2 log(1 - u1)) · cos(2π u2)} with u1, u2 the next two
   * {@code nextDouble()}s (the pair's second variate is discarded).
   */
  static double normal(SplittableRandom rng) {
    double u1 = 1.0 - rng.nextDouble(); // in (0, 1], so the log is finite
    double u2 = rng.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(TWO_PI * u2);
  }

  /** A random sign: -1 when the next {@code nextLong()} is negative, else +1. */
  static double sign(SplittableRandom rng) {
    return rng.nextLong() < 0L ? -1.0 : 1.0;
  }

  /**
   * A random permutation of {@code 0 .. m-1} by Fisher–Yates, exactly as {@link Splits} shuffles:
   * start from the identity and, for i = m-1 down to 1, swap positions i and {@code nextInt(i+1)}.
   */
  static int[] permutation(SplittableRandom rng, int m) {
    int[] a = new int[m];
    for (int i = 0; i < m; i++) {
      a[i] = i;
    }
    for (int i = m - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** Fills column {@code j} of the column-major n-row array with i.i.d. standard normals. */
  static void normalColumn(double[] data, int n, int j, SplittableRandom rng) {
    int off = j * n;
    for (int i = 0; i < n; i++) {
      data[off + i] = normal(rng);
    }
  }

  /**
   * Fills column {@code j} with {@code rho·A_pair + sqrt(1 - rho²)·ξ}, ξ i.i.d. standard normals
   * drawn row by row; column {@code pair} must already be filled.
   */
  static void correlatedColumn(double[] data, int n, int j, int pair, double rho,
      SplittableRandom rng) {
    double c = Math.sqrt(1.0 - rho * rho);
    int off = j * n;
    int src = pair * n;
    for (int i = 0; i < n; i++) {
      data[off + i] = rho * data[src + i] + c * normal(rng);
    }
  }

  /**
   * {@code b = Aβ* + σε}: the columns with β*_j ≠ 0 are added in ascending j, then σ·ε_i with ε
   * drawn row by row from {@code rng}.
   */
  static double[] labels(double[] data, int n, double[] beta, double sigma, SplittableRandom rng) {
    double[] b = new double[n];
    for (int j = 0; j < beta.length; j++) {
      if (beta[j] != 0.0) {
        int off = j * n;
        for (int i = 0; i < n; i++) {
          b[i] += beta[j] * data[off + i];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      b[i] += sigma * normal(rng);
    }
    return b;
  }

  /**
   * Checks that n rows give non-empty 60/20/20 parts and that the n × p array fits in one Java
   * array.
   */
  static void checkRows(int n, int p) {
    int[] sizes = Splits.partSizes(Math.max(n, 0), Splits.Fractions.DEFAULT);
    if (n < 1 || sizes[0] < 1 || sizes[1] < 1 || sizes[2] < 1) {
      throw new IllegalArgumentException("n = " + n + " rows give a 60/20/20 split of "
          + sizes[0] + "/" + sizes[1] + "/" + sizes[2] + ": every part needs a row (n ≥ 4)");
    }
    if ((long) n * p > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "a dense " + n + " x " + p + " design does not fit in one array (n·p > 2^31 - 9)");
    }
  }

  /**
   * Cuts the full data 60/20/20 with {@link Splits#split(int, long)} and builds the instance with
   * l2 = 1/n_train.
   */
  static SyntheticInstance instance(String description, double[] data, int n, int p,
      double[] labels, double[] beta, int[] groups, java.util.List<String> groupNames, double rho,
      long seed) {
    LabeledData all = new LabeledData(description, DenseMatrix.ofColumnMajor(n, p, data), labels);
    Split split = Splits.split(n, seed);
    Split.Parts parts = split.apply(all);
    return new SyntheticInstance(
        description,
        relabel(parts.train(), description + " [train]"),
        relabel(parts.validation(), description + " [validation]"),
        relabel(parts.test(), description + " [test]"),
        beta,
        groups,
        groupNames,
        1.0 / parts.train().rows(),
        rho);
  }

  private static LabeledData relabel(LabeledData d, String source) {
    return new LabeledData(source, d.features(), d.labels());
  }
}
