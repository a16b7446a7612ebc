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
 */
public record SolverResult(
    double[] coefficients,
    double intercept,
    Termination termination,
    int passes,
    int fullPasses,
    double kktViolation,
    double objective,
    long nanos) {

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
