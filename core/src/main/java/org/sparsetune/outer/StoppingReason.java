package org.sparsetune.outer;

import java.util.Locale;

/** Why an outer loop stopped. */
public enum StoppingReason {
  /** ||h|| fell below the tolerance. */
  TOLERANCE,
  /** The projected step vanished (the trajectory is pinned by the box). */
  STEP,
  /** The trust-region radius reached its minimum. */
  RADIUS,
  /** The iteration or evaluation budget ran out. */
  BUDGET,
  /** A search method evaluated every point it had (grids). */
  EXHAUSTED,
  /**
   * {@code auto}'s refinement: the criterion on the guard rows did not improve for
   * {@code --auto-patience} accepted points (early stopping on the rows neither phase fits).
   */
  GUARD;

  /** The lower-case name used in files. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
