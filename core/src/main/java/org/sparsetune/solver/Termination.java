package org.sparsetune.solver;

/** How a lower-level solve ended. */
public enum Termination {
  /** The maximum KKT violation fell to the tolerance. */
  CONVERGED,
  /** The pass budget ran out before the tolerance was met. */
  ITERATION_LIMIT,
  /**
   * No representable decrease is left: the tolerance asks for more than floating point resolves
   * on this problem. The result is as good as double precision allows; its kktViolation says how
   * good.
   */
  STALLED,
  /** A non-finite value appeared (overflowing data or penalties); the result is not usable. */
  NON_FINITE
}
