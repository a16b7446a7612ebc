package org.sparsetune.outer.search;

import java.util.Arrays;
import java.util.Comparator;

/**
 * One evaluated point: the objective {@code value} at {@code point}.
 *
 * <p>A non-finite value (NaN or ±∞, e.g. a lower-level solve that diverged) marks a
 * <em>failure</em>: it is kept as told, for the record, and ranks worse than every finite value
 * ({@link #BY_VALUE}). Equality compares the point's coordinates and the value bit for bit.
 *
 * @param point the point (copied in and out, so an observation is immutable)
 * @param value the objective value there, to be minimized
 */
public record Observation(double[] point, double value) {

  /**
   * Best first: finite values ascending, then failures. Sorting with it is stable, so ties keep
   * the order in which they were told.
   */
  public static final Comparator<Observation> BY_VALUE = Comparator.comparingDouble(
      Observation::rankValue);

  /** Copies the point. */
  public Observation {
    if (point == null) {
      throw new IllegalArgumentException("point must not be null");
    }
    point = point.clone();
  }

  /** A copy of the point. */
  @Override
  public double[] point() {
    return point.clone();
  }

  /** Coordinate {@code j} of the point, without copying. */
  public double coordinate(int j) {
    return point[j];
  }

  /** Number of coordinates. */
  public int dimension() {
    return point.length;
  }

  /** True when the value is NaN or infinite: the evaluation failed. */
  public boolean failed() {
    return !Double.isFinite(value);
  }

  /** The value for ranking: failures count as {@code +∞}. */
  double rankValue() {
    return failed() ? Double.POSITIVE_INFINITY : value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Observation other && Arrays.equals(point, other.point)
        && Double.doubleToLongBits(value) == Double.doubleToLongBits(other.value);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(point) + Double.hashCode(value);
  }

  @Override
  public String toString() {
    return "Observation[point=" + Arrays.toString(point) + ", value=" + value + "]";
  }
}
