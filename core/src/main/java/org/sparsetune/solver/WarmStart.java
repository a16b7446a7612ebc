package org.sparsetune.solver;

import java.util.Objects;

/**
 * A starting point for a solve: coefficients (length p) and intercept. {@link #COLD} starts from
 * zero. The arrays are copied by the solver, never modified.
 *
 * @param coefficients the starting y (null: cold)
 * @param intercept the starting intercept
 * @param stored when not null, ascending indices outside which every coefficient is exactly +0.0
 *     (a sparse state's stored entries; they may hold zeros too). The solver then reads only these
 *     entries instead of all p: at 10⁶ features a warm solve's copy and scan of the start cost
 *     about 2 ms. The bits of the solve are those of the same start without the indices.
 */
public record WarmStart(double[] coefficients, double intercept, int[] stored) {
  /** Start from y = 0, intercept 0. */
  public static final WarmStart COLD = new WarmStart(null, 0.0);

  /** Checks that {@code stored} ascends within the coefficients. */
  public WarmStart {
    if (stored != null) {
      Objects.requireNonNull(coefficients, "stored indices need coefficients");
      for (int k = 0; k < stored.length; k++) {
        int j = stored[k];
        if (j < 0 || j >= coefficients.length || (k > 0 && j <= stored[k - 1])) {
          throw new IllegalArgumentException("stored indices must ascend within [0, "
              + coefficients.length + "): index " + j + " at position " + k);
        }
      }
    }
  }

  /** A start whose nonzeros may lie anywhere. */
  public WarmStart(double[] coefficients, double intercept) {
    this(coefficients, intercept, null);
  }

  /** The warm start held by a previous result (naming its stored entries when it knows them). */
  public static WarmStart from(SolverResult previous) {
    return new WarmStart(previous.coefficients(), previous.intercept(), previous.stored());
  }

  /** True when this is a cold start. */
  public boolean isCold() {
    return coefficients == null;
  }
}
