package org.sparsetune.linalg;

/**
 * The structural checks CSC and CSR share: one storage is the other's transpose, so only the
 * names change — CSC's major dimension is the column ({@code colPtr}, {@code rowIdx}), CSR's the
 * row ({@code rowPtr}, {@code colIdx}).
 */
final class CompressedSparse {
  private CompressedSparse() {}

  /** The names a storage's messages use. */
  record Names(String ptr, String idx, String major, String minor, String majorCount) {
    static final Names CSC = new Names("colPtr", "rowIdx", "column", "row", "nCols");
    static final Names CSR = new Names("rowPtr", "colIdx", "row", "column", "nRows");
  }

  /**
   * Checks every structural invariant: {@code ptr} has length nMajor+1, starts at 0, never
   * decreases and ends at the number of entries; minor indices are inside [0, nMinor) and
   * strictly ascending within each major slice; values are finite.
   *
   * @throws IllegalArgumentException naming the first violated invariant
   */
  static void check(Names n, int nRows, int nCols, int[] ptr, int[] idx, double[] values) {
    if (nRows < 0 || nCols < 0) {
      throw new IllegalArgumentException("negative shape " + nRows + " x " + nCols);
    }
    if (ptr == null || idx == null || values == null) {
      throw new IllegalArgumentException(
          n.ptr() + ", " + n.idx() + " and values must not be null");
    }
    boolean csc = n == Names.CSC;
    int nMajor = csc ? nCols : nRows;
    int nMinor = csc ? nRows : nCols;
    if (ptr.length != nMajor + 1) {
      throw new IllegalArgumentException(n.ptr() + " has length " + ptr.length + ", expected "
          + n.majorCount() + " + 1 = " + (nMajor + 1));
    }
    if (idx.length != values.length) {
      throw new IllegalArgumentException(n.idx() + " (" + idx.length + ") and values ("
          + values.length + ") differ in length");
    }
    if (ptr[0] != 0 || ptr[nMajor] != idx.length) {
      throw new IllegalArgumentException(n.ptr() + " must start at 0 and end at the entry count "
          + idx.length + ", found " + ptr[0] + " .. " + ptr[nMajor]);
    }
    for (int j = 0; j < nMajor; j++) {
      int start = ptr[j];
      int end = ptr[j + 1];
      if (end < start) {
        throw new IllegalArgumentException(n.ptr() + " decreases at " + n.major() + " " + j);
      }
      int prev = -1;
      for (int k = start; k < end; k++) {
        int r = idx[k];
        if (r <= prev || r >= nMinor) {
          throw new IllegalArgumentException(n.major() + " " + j + ": " + n.minor() + " index "
              + r + " out of order or outside [0, " + nMinor + ")");
        }
        if (!Double.isFinite(values[k])) {
          throw new IllegalArgumentException(n.major() + " " + j + ", " + n.minor() + " " + r
              + ": value " + values[k] + " is not finite");
        }
        prev = r;
      }
    }
  }

  /** A compressed matrix's three arrays. */
  record Arrays(int[] ptr, int[] idx, double[] values) {}

  /**
   * The transpose of a compressed matrix with {@code nMajor} slices over {@code nMinor} indices
   * — CSC to CSR or back — in one counting pass, O(nnz + nMajor + nMinor), stored entries kept
   * (explicit zeros too); indices come out ascending within each new slice.
   */
  static Arrays transpose(int nMajor, int nMinor, int[] ptr, int[] idx, double[] values) {
    int[] out = new int[nMinor + 1];
    for (int r : idx) {
      out[r + 1]++;
    }
    for (int i = 0; i < nMinor; i++) {
      out[i + 1] += out[i];
    }
    int[] next = java.util.Arrays.copyOf(out, nMinor);
    int[] outIdx = new int[idx.length];
    double[] outVal = new double[idx.length];
    for (int j = 0; j < nMajor; j++) {
      for (int k = ptr[j], end = ptr[j + 1]; k < end; k++) {
        int at = next[idx[k]]++;
        outIdx[at] = j; // ascending within each new slice, since j ascends
        outVal[at] = values[k];
      }
    }
    return new Arrays(out, outIdx, outVal);
  }
}
