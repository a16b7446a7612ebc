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
 */
public record OuterResult(
    String method,
    Evaluation best,
    int iterations,
    int evaluations,
    StoppingReason stoppingReason,
    List<IterationRecord> trajectory,
    double seconds) {

  /** Wall time per outer iteration (NaN before the first). */
  public double secondsPerIteration() {
    return iterations == 0 ? Double.NaN : seconds / iterations;
  }
}
