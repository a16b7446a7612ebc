package org.sparsetune.outer.search;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A box {@code [lower_0, upper_0] × … × [lower_{d-1}, upper_{d-1}]} that black-box tuners search.
 *
 * <p>In sparsetune the coordinates are log-penalties {@code x_j} (penalty {@code exp(x_j)}), so
 * the box is already in log scale and tuners sample it uniformly. Immutable.
 */
public final class SearchSpace {

  private final double[] lower;
  private final double[] upper;

  private SearchSpace(double[] lower, double[] upper) {
    this.lower = lower;
    this.upper = upper;
  }

  /**
   * The box with the given per-dimension bounds (copied).
   *
   * @param lower lower bounds, one per dimension
   * @param upper upper bounds, one per dimension
   * @throws IllegalArgumentException if the arrays are empty or of different lengths, or if in
   *     some dimension a bound is not finite, {@code lower >= upper}, or the width overflows; the
   *     message names the dimension
   */
  public static SearchSpace of(double[] lower, double[] upper) {
    if (lower == null || upper == null) {
      throw new IllegalArgumentException("lower and upper bounds must not be null");
    }
    if (lower.length != upper.length) {
      throw new IllegalArgumentException(
          "lower has " + lower.length + " bounds but upper has " + upper.length
              + "; give one (lower, upper) pair per dimension");
    }
    if (lower.length == 0) {
      throw new IllegalArgumentException("a search space needs at least one dimension");
    }
    for (int j = 0; j < lower.length; j++) {
      if (!Double.isFinite(lower[j]) || !Double.isFinite(upper[j])) {
        throw new IllegalArgumentException(
            "dimension " + j + ": bounds must be finite, got [" + lower[j] + ", " + upper[j] + "]");
      }
      if (!(lower[j] < upper[j])) {
        throw new IllegalArgumentException(
            "dimension " + j + ": lower bound " + lower[j] + " must be below upper bound "
                + upper[j]);
      }
      if (!Double.isFinite(upper[j] - lower[j])) {
        throw new IllegalArgumentException(
            "dimension " + j + ": width of [" + lower[j] + ", " + upper[j]
                + "] overflows a double");
      }
    }
    return new SearchSpace(lower.clone(), upper.clone());
  }

  /**
   * The cube {@code [lower, upper]^dimension}.
   *
   * @throws IllegalArgumentException as {@link #of}, or if {@code dimension < 1}
   */
  public static SearchSpace cube(int dimension, double lower, double upper) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
    }
    double[] lo = new double[dimension];
    double[] hi = new double[dimension];
    Arrays.fill(lo, lower);
    Arrays.fill(hi, upper);
    return of(lo, hi);
  }

  /** Number of dimensions d. */
  public int dimension() {
    return lower.length;
  }

  /** Lower bound of dimension {@code j}. */
  public double lower(int j) {
    return lower[j];
  }

  /** Upper bound of dimension {@code j}. */
  public double upper(int j) {
    return upper[j];
  }

  /** Width {@code upper(j) - lower(j)} of dimension {@code j}; positive and finite. */
  public double width(int j) {
    return upper[j] - lower[j];
  }

  /** A copy of the lower bounds. */
  public double[] lowerBounds() {
    return lower.clone();
  }

  /** A copy of the upper bounds. */
  public double[] upperBounds() {
    return upper.clone();
  }

  /** True when {@code point} has this space's dimension and lies in the closed box. */
  public boolean contains(double[] point) {
    if (point == null || point.length != lower.length) {
      return false;
    }
    for (int j = 0; j < point.length; j++) {
      if (!(point[j] >= lower[j] && point[j] <= upper[j])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks that {@code point} is a point of this box.
   *
   * @param what how to name the point in the message, e.g. {@code "point 3"}
   * @throws IllegalArgumentException naming the point, the dimension and the bound it breaks
   */
  void requireContains(double[] point, String what) {
    if (point == null) {
      throw new IllegalArgumentException(what + " is null");
    }
    if (point.length != lower.length) {
      throw new IllegalArgumentException(
          what + " has " + point.length + " coordinates but the search space has "
              + lower.length + " dimensions");
    }
    for (int j = 0; j < point.length; j++) {
      if (!(point[j] >= lower[j] && point[j] <= upper[j])) {
        throw new IllegalArgumentException(
            what + ", dimension " + j + ": " + point[j] + " is outside [" + lower[j] + ", "
                + upper[j] + "]");
      }
    }
  }

  /** Coordinate {@code j} drawn uniformly from {@code [lower(j), upper(j)]}. */
  double uniform(int j, SplittableRandom rng) {
    double x = lower[j] + (upper[j] - lower[j]) * rng.nextDouble();
    return Math.min(x, upper[j]); // rounding of lower + width * u may overshoot by one ulp
  }

  /** A point drawn uniformly from the box, one {@code nextDouble()} per dimension in order. */
  double[] uniform(SplittableRandom rng) {
    double[] x = new double[lower.length];
    for (int j = 0; j < x.length; j++) {
      x[j] = uniform(j, rng);
    }
    return x;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SearchSpace s && Arrays.equals(lower, s.lower)
        && Arrays.equals(upper, s.upper);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("SearchSpace[");
    for (int j = 0; j < lower.length; j++) {
      if (j > 0) {
        sb.append(" × ");
      }
      sb.append('[').append(lower[j]).append(", ").append(upper[j]).append(']');
    }
    return sb.append(']').toString();
  }
}
