package org.sparsetune.solver;

/**
 * The outcome of one lower-level solve.
 *
 * @param coefficients the solution y (length p)
 * @param intercept the unpenalized intercept (0 when the problem has none)
 * @param termination how the solve ended
 * @param passes coordinate-descent passes over the working set (the solver's iterations)
 * @param fullPasses passes that computed the gradient of every feature (KKT checks over all p)
 * @param kktViolation the final maximum KKT violation, see {@link Kkt#maxViolation}
 * @param objective the final objective value F(y) + Σ w_j |y_j|
 * @param nanos wall time of the solve in nanoseconds
 * @param stored when not null, the ascending indices of every coefficient that is not +0.0 (the
 *     solution's nonzeros, as the solver's last full check found them); {@link WarmStart#from}
 *     and {@code FoldState.of} then read only these instead of all p
 */
public record SolverResult(
    double[] coefficients,
    double intercept,
    Termination termination,
    int passes,
    int fullPasses,
    double kktViolation,
    double objective,
    long nanos,
    int[] stored) {

  /** A result whose nonzeros may lie anywhere. */
  public SolverResult(double[] coefficients, double intercept, Termination termination,
      int passes, int fullPasses, double kktViolation, double objective, long nanos) {
    this(coefficients, intercept, termination, passes, fullPasses, kktViolation, objective, nanos,
        null);
  }

  /** Number of nonzero coefficients. */
  public int nonzeros() {
    int nz = 0;
    for (double c : coefficients) {
      if (c != 0.0) {
        nz++;
      }
    }
    return nz;
  }

  /** Solve time in seconds. */
  public double seconds() {
    return nanos * 1e-9;
  }

  /** True when the solve converged to its tolerance. */
  public boolean converged() {
    return termination == Termination.CONVERGED;
  }
}
