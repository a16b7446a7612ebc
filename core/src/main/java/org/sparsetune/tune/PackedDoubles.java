package org.sparsetune.tune;

/**
 * A vector of doubles as a fill value and the entries whose bits differ from it, for the vectors
 * the outer loop ships and checkpoints: a subgradient is zero off the support and its band (465
 * nonzeros of 1,664,469 on news20), a log-penalty vector equals its starting value wherever the
 * outer loop has not moved it. Lossless: entries are compared by their raw bits, so {@code -0.0}
 * and NaN payloads come back as they went.
 *
 * @param length the vector's length
 * @param fill the value of every entry not listed
 * @param index the positions of the other entries, ascending
 * @param value their values
 */
public record PackedDoubles(int length, double fill, int[] index, double[] value) {

  /** Validates the parts. */
  public PackedDoubles {
    if (length < 0 || index == null || value == null || index.length != value.length
        || index.length > length) {
      throw new IllegalArgumentException("inconsistent packed vector");
    }
    int previous = -1;
    for (int i : index) {
      if (i <= previous || i >= length) {
        throw new IllegalArgumentException("packed positions must ascend within the length");
      }
      previous = i;
    }
  }

  /**
   * The packed form of {@code v} when at most a third of its entries differ from the best fill
   * (the one of +0.0, {@code v[0]} and {@code v[length / 2]} that the most entries equal), or
   * null when the vector is better stored as it is. One pass over v plus the copy.
   */
  public static PackedDoubles pack(double[] v) {
    int n = v.length;
    if (n < 16) {
      return null;
    }
    long c0 = 0L;
    long c1 = Double.doubleToRawLongBits(v[0]);
    long c2 = Double.doubleToRawLongBits(v[n / 2]);
    int n0 = 0;
    int n1 = 0;
    int n2 = 0;
    for (double x : v) {
      long b = Double.doubleToRawLongBits(x);
      n0 += b == c0 ? 1 : 0;
      n1 += b == c1 ? 1 : 0;
      n2 += b == c2 ? 1 : 0;
    }
    long fill = n0 >= n1 && n0 >= n2 ? c0 : n1 >= n2 ? c1 : c2;
    int same = Math.max(n0, Math.max(n1, n2));
    int others = n - same;
    if (others > n / 3) {
      return null;
    }
    int[] index = new int[others];
    double[] value = new double[others];
    int k = 0;
    for (int j = 0; j < n; j++) {
      if (Double.doubleToRawLongBits(v[j]) != fill) {
        index[k] = j;
        value[k++] = v[j];
      }
    }
    return new PackedDoubles(n, Double.longBitsToDouble(fill), index, value);
  }

  /** The vector. */
  public double[] unpack() {
    double[] v = new double[length];
    if (Double.doubleToRawLongBits(fill) != 0L) {
      java.util.Arrays.fill(v, fill);
    }
    for (int k = 0; k < index.length; k++) {
      v[index[k]] = value[k];
    }
    return v;
  }
}
