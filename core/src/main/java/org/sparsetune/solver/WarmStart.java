package org.sparsetune.solver;

/**
 * A starting point for a solve: coefficients (length p) and intercept. {@link #COLD} starts from
 * zero. The arrays are copied by the solver, never modified.
 */
public record WarmStart(double[] coefficients, double intercept) {
  /** Start from y = 0, intercept 0. */
  public static final WarmStart COLD = new WarmStart(null, 0.0);

  /** The warm start held by a previous result. */
  public static WarmStart from(SolverResult previous) {
    return new WarmStart(previous.coefficients(), previous.intercept());
  }

  /** True when this is a cold start. */
  public boolean isCold() {
    return coefficients == null;
  }
}
