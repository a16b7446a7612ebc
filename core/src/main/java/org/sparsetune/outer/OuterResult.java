package org.sparsetune.outer;

import java.util.List;

/**
 * The outcome of an outer loop: the best point visited (the paper reports the model of the best
 * validation objective visited) and its evaluation, how the loop stopped, and the trajectory.
 *
 * @param method the method's command-line name
 * @param best the evaluation at the best point visited (re-solved there at the end)
 * @param iterations outer iterations (or evaluations, for search methods)
 * @param evaluations points evaluated in all
 * @param stoppingReason why the loop stopped
 * @param trajectory one record per iteration
 * @param seconds wall time
 * @param autoChoice for {@code auto} with guard rows, which phase's point it returned and the
 *     guard values that decided; null otherwise
 */
public record OuterResult(
    String method,
    Evaluation best,
    int iterations,
    int evaluations,
    StoppingReason stoppingReason,
    List<IterationRecord> trajectory,
    double seconds,
    AutoChoice autoChoice) {

  /** A result without an {@code auto} choice. */
  public OuterResult(String method, Evaluation best, int iterations, int evaluations,
      StoppingReason stoppingReason, List<IterationRecord> trajectory, double seconds) {
    this(method, best, iterations, evaluations, stoppingReason, trajectory, seconds, null);
  }

  /**
   * How {@code auto} chose between its two phases on the guard rows.
   *
   * @param selected {@code scalar} (the path's best point) or {@code per-feature} (the
   *     refinement's point with the lowest guard value)
   * @param scalarGuard the criterion on the guard rows at the path's best point
   * @param perFeatureGuard the lowest criterion on the guard rows among the refinement's accepted
   *     points
   * @param perFeatureGuardStandardError the standard error of {@code perFeatureGuard}: the
   *     refinement's point is returned only when it beats the path's by more than this (the
   *     one-standard-error rule, in favour of the model with one hyperparameter)
   */
  public record AutoChoice(String selected, double scalarGuard, double perFeatureGuard,
      double perFeatureGuardStandardError) {}

  /** Wall time per outer iteration (NaN before the first). */
  public double secondsPerIteration() {
    return iterations == 0 ? Double.NaN : seconds / iterations;
  }
}
