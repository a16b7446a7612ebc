package org.sparsetune.data;

/** Checks and set operations on strictly ascending arrays of row indices. */
final class RowSets {
  private RowSets() {}

  /** Throws unless {@code rows} is non-null, strictly ascending and non-negative. */
  static void checkAscending(String name, int[] rows) {
    if (rows == null) {
      throw new IllegalArgumentException(name + " rows must not be null");
    }
    int prev = -1;
    for (int k = 0; k < rows.length; k++) {
      if (rows[k] <= prev) {
        throw new IllegalArgumentException(name + " rows must be strictly ascending and"
            + " non-negative; entry " + k + " is " + rows[k] + (k > 0 ? " after " + prev : ""));
      }
      prev = rows[k];
    }
  }

  /** Throws when two ascending row sets share a row, naming it. */
  static void checkDisjoint(String nameA, int[] a, String nameB, int[] b) {
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) {
        i++;
      } else if (a[i] > b[j]) {
        j++;
      } else {
        throw new IllegalArgumentException(
            "row " + a[i] + " is in both the " + nameA + " and the " + nameB + " rows");
      }
    }
  }

  /** The union of two disjoint ascending row sets, ascending. */
  static int[] union(int[] a, int[] b) {
    int[] out = new int[a.length + b.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.length && j < b.length) {
      out[k++] = a[i] < b[j] ? a[i++] : b[j++];
    }
    while (i < a.length) {
      out[k++] = a[i++];
    }
    while (j < b.length) {
      out[k++] = b[j++];
    }
    return out;
  }

  /** The rows of ascending {@code all} that are not in ascending {@code removed} (a subset). */
  static int[] difference(int[] all, int[] removed) {
    int[] out = new int[all.length - removed.length];
    int j = 0;
    int k = 0;
    for (int r : all) {
      if (j < removed.length && removed[j] == r) {
        j++;
      } else {
        out[k++] = r;
      }
    }
    if (j != removed.length || k != out.length) {
      throw new IllegalStateException("removed rows are not a subset of all rows");
    }
    return out;
  }
}
