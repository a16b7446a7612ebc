package org.sparsetune.outer;

import java.util.Arrays;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.WarmStart;

/**
 * What one fold's evaluation leaves for the evaluations anchored on it: the lower-level solution
 * (the solver's warm start) and the oracle's adjoint (the warm start of its conjugate gradients),
 * both stored sparsely — O(support), so the driver can keep it, ship it to executors with the
 * trial points and write it into checkpoints.
 *
 * <p>Storing is exact: an entry is kept whenever its bits are not those of +0.0 (a −0.0 is kept),
 * so {@link #warmStart()} and {@link #adjoint()} give back the very arrays that were stored. An
 * evaluation that starts from a state therefore computes the same bits whether the state was
 * produced in this JVM, shipped from another or read from a checkpoint.
 *
 * @param cols the number of coefficients p
 * @param coefficientIndex indices of the stored coefficients (ascending), or null for the cold
 *     state (no solve yet)
 * @param coefficientValue their values
 * @param intercept the solution's intercept
 * @param adjointLength the adjoint's length (p, or p + 1 with an intercept), or -1 when none
 * @param adjointIndex indices of the stored adjoint entries (null when none)
 * @param adjointValue their values
 */
public record FoldState(
    int cols,
    int[] coefficientIndex,
    double[] coefficientValue,
    double intercept,
    int adjointLength,
    int[] adjointIndex,
    double[] adjointValue) {

  /** Checks the sparse parts line up. */
  public FoldState {
    if (cols < 0) {
      throw new IllegalArgumentException("cols must be at least 0, got " + cols);
    }
    check("coefficient", coefficientIndex, coefficientValue, cols);
    if (adjointLength >= 0) {
      if (adjointIndex == null) {
        throw new IllegalArgumentException("an adjoint of length " + adjointLength + " needs entries");
      }
      check("adjoint", adjointIndex, adjointValue, adjointLength);
    } else if (adjointIndex != null || adjointValue != null) {
      throw new IllegalArgumentException("adjoint entries without an adjoint length");
    }
  }

  private static void check(String what, int[] index, double[] value, int length) {
    if (index == null && value == null) {
      return;
    }
    if (index == null || value == null || index.length != value.length) {
      throw new IllegalArgumentException(what + " indices and values differ in length");
    }
    int last = -1;
    for (int i : index) {
      if (i <= last || i >= length) {
        throw new IllegalArgumentException(
            what + " index " + i + " is not ascending or not below " + length);
      }
      last = i;
    }
  }

  /** The state before any solve: cold start, no adjoint. */
  public static FoldState cold(int cols) {
    return new FoldState(cols, null, null, 0.0, -1, null, null);
  }

  /** The state a solve (and, when {@code adjoint} is not null, an oracle call) leaves. */
  public static FoldState of(SolverResult solution, double[] adjoint) {
    double[] y = solution.coefficients();
    // The solver names the entries that are not +0.0; otherwise all p are scanned.
    int[] ci = solution.stored() != null ? solution.stored().clone() : nonzeroIndices(y);
    int[] ai = adjoint == null ? null : nonzeroIndices(adjoint);
    return new FoldState(y.length, ci, gather(y, ci), solution.intercept(),
        adjoint == null ? -1 : adjoint.length, ai, adjoint == null ? null : gather(adjoint, ai));
  }

  /** This state with another adjoint (the previous one, after a value-only evaluation). */
  public FoldState withAdjointOf(FoldState other) {
    return new FoldState(cols, coefficientIndex, coefficientValue, intercept, other.adjointLength,
        other.adjointIndex, other.adjointValue);
  }

  /** True before the first solve. */
  public boolean isCold() {
    return coefficientIndex == null;
  }

  /** The solver's warm start: {@link WarmStart#COLD} for the cold state. */
  public WarmStart warmStart() {
    if (isCold()) {
      return WarmStart.COLD;
    }
    // Every coefficient outside the stored entries is +0.0: the solver reads only those.
    return new WarmStart(
        scatter(cols, coefficientIndex, coefficientValue), intercept, coefficientIndex);
  }

  /** The dense coefficients (zeros for the cold state). */
  public double[] coefficients() {
    return isCold() ? new double[cols] : scatter(cols, coefficientIndex, coefficientValue);
  }

  /** The dense adjoint, or null when there is none. */
  public double[] adjoint() {
    return adjointLength < 0 ? null : scatter(adjointLength, adjointIndex, adjointValue);
  }

  /** Stored coefficient entries (the solution's nonzeros, −0.0 included). */
  public int storedCoefficients() {
    return coefficientIndex == null ? 0 : coefficientIndex.length;
  }

  private static int[] nonzeroIndices(double[] v) {
    int n = 0;
    for (double d : v) {
      if (Double.doubleToRawLongBits(d) != 0L) {
        n++;
      }
    }
    int[] idx = new int[n];
    int k = 0;
    for (int j = 0; j < v.length; j++) {
      if (Double.doubleToRawLongBits(v[j]) != 0L) {
        idx[k++] = j;
      }
    }
    return idx;
  }

  private static double[] gather(double[] v, int[] idx) {
    double[] out = new double[idx.length];
    for (int k = 0; k < idx.length; k++) {
      out[k] = v[idx[k]];
    }
    return out;
  }

  private static double[] scatter(int length, int[] idx, double[] val) {
    double[] out = new double[length];
    for (int k = 0; k < idx.length; k++) {
      out[idx[k]] = val[k];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FoldState s && cols == s.cols
        && Arrays.equals(coefficientIndex, s.coefficientIndex)
        && Arrays.equals(coefficientValue, s.coefficientValue)
        && Double.compare(intercept, s.intercept) == 0 && adjointLength == s.adjointLength
        && Arrays.equals(adjointIndex, s.adjointIndex) && Arrays.equals(adjointValue, s.adjointValue);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(coefficientIndex) + Arrays.hashCode(adjointIndex) + cols;
  }

  @Override
  public String toString() {
    return "FoldState[p=" + cols + ", stored=" + storedCoefficients() + ", adjoint="
        + (adjointLength < 0 ? "none" : adjointIndex.length + "/" + adjointLength) + "]";
  }
}
