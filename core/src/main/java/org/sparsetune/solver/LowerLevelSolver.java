package org.sparsetune.solver;

/**
 * Solves the lower-level problem {@code min_y F(y) + Σ_j w_j |y_j|} (DESIGN.md) from a warm start.
 * Implementations are stateless between calls: nothing is carried over from a previous solve
 * except what the caller passes in the warm start.
 */
public interface LowerLevelSolver {

  /**
   * @param problem the immutable problem
   * @param warmStart a starting point, or {@link WarmStart#COLD}
   * @return the solution with how the solve ended, its passes, final KKT violation and time
   */
  SolverResult solve(LowerLevelProblem problem, WarmStart warmStart);
}
