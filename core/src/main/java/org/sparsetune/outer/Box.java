package org.sparsetune.outer;

import java.util.Arrays;

/**
 * The feasible box X of the log-penalties, with the Euclidean projection P_X used by Algorithms 2
 * and 3.
 *
 * @param lower lower bounds (length p)
 * @param upper upper bounds (length p), each above its lower bound
 */
public record Box(double[] lower, double[] upper) {

  /** Validates the bounds; messages name the bad dimension. */
  public Box {
    if (lower == null || upper == null || lower.length != upper.length) {
      throw new IllegalArgumentException("lower and upper must be non-null arrays of equal length");
    }
    for (int j = 0; j < lower.length; j++) {
      if (!(lower[j] < upper[j]) || Double.isNaN(lower[j]) || Double.isNaN(upper[j])) {
        throw new IllegalArgumentException(
            "dimension " + j + ": lower bound " + lower[j] + " must be below upper bound " + upper[j]);
      }
    }
  }

  /** The same interval [lo, hi] in every one of p dimensions. */
  public static Box uniform(int p, double lo, double hi) {
    double[] l = new double[p];
    double[] u = new double[p];
    Arrays.fill(l, lo);
    Arrays.fill(u, hi);
    return new Box(l, u);
  }

  /**
   * The default box around α_max: penalties from 1e-8·α_max to 10·α_max, i.e.
   * {@code x ∈ [log α_max - 18.42, log α_max + 2.30]}.
   */
  public static Box aroundAlphaMax(int p, double alphaMax) {
    double c = Math.log(alphaMax);
    return uniform(p, c + Math.log(1e-8), c + Math.log(10.0));
  }

  /** Dimension p. */
  public int dimension() {
    return lower.length;
  }

  /** P_X(x), a new array. */
  public double[] project(double[] x) {
    double[] out = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      out[j] = Math.min(upper[j], Math.max(lower[j], x[j]));
    }
    return out;
  }

  /** Whether x lies in the box. */
  public boolean contains(double[] x) {
    for (int j = 0; j < x.length; j++) {
      if (x[j] < lower[j] || x[j] > upper[j]) {
        return false;
      }
    }
    return true;
  }
}
