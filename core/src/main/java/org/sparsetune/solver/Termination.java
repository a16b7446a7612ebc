package org.sparsetune.solver;

/** How a lower-level solve ended. */
public enum Termination {
  /** The maximum KKT violation fell to the tolerance. */
  CONVERGED,
  /** The pass budget ran out before the tolerance was met. */
  ITERATION_LIMIT,
  /** A non-finite value appeared (overflowing data or penalties); the result is not usable. */
  NON_FINITE
}
