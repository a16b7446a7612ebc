package org.sparsetune.experiments;

/**
 * What one {@link SyntheticUnit} produced. Metrics that do not apply are NaN (written as absent
 * fields in results.json): {@code hiddenRecall} and {@code hiddenGradNormK0} outside the
 * degenerate design, {@code hiddenGradNormK0} and {@code finalGradNorm} for the scalar grid.
 *
 * @param unit the unit
 * @param f1 Experiments 2–4: support-recovery F1 of the final model against the true support;
 *     Experiment 5: test classification F1 (positive class), as the paper's Tables 5–6
 * @param testMse test mean squared error of the final model (regression; NaN otherwise)
 * @param bestValLoss the lowest validation loss visited (MSE, or logistic loss)
 * @param hiddenRecall fraction of hidden features in the final model's support
 * @param hiddenGradNormK0 ‖∂_{x_hid}Φ‖ at the first outer iterate (the calibrated x⁰)
 * @param finalGradNorm ‖h‖ at the selected point (stationarity)
 * @param secondsPerIteration wall time per outer iteration (per grid point for the scalar grid)
 * @param iterations outer iterations run (grid points for the scalar grid)
 * @param activeFeatures nonzero coefficients of the final model
 * @param stoppingReason why the outer loop stopped
 * @param seconds wall time of the whole unit (generation, calibration, tuning, final solve)
 * @param value Φ at the iterate after each iteration, index 0 = the starting point
 * @param bestValue the lowest Φ so far, same indexing
 * @param hiddenPenalty geometric mean of the hidden penalties exp(x_hid) at the iterate (NaN
 *     outside the degenerate design)
 * @param f1Trajectory support F1 of the iterate's lower-level solution
 * @param penalties the final penalties exp(x), one per feature
 * @param testLogLoss test logistic loss of the final model (classification; NaN otherwise)
 * @param autoSelected for {@code auto} with guard rows (Experiment 5), which phase's point it
 *     returned ({@code scalar} or {@code per-feature}, {@link
 *     org.sparsetune.outer.OuterResult.AutoChoice}); null otherwise
 */
public record UnitOutcome(
    SyntheticUnit unit,
    double f1,
    double testMse,
    double bestValLoss,
    double hiddenRecall,
    double hiddenGradNormK0,
    double finalGradNorm,
    double secondsPerIteration,
    int iterations,
    int activeFeatures,
    String stoppingReason,
    double seconds,
    double[] value,
    double[] bestValue,
    double[] hiddenPenalty,
    double[] f1Trajectory,
    double[] penalties,
    double testLogLoss,
    String autoSelected) {

  /** An outcome without an {@code auto} choice. */
  public UnitOutcome(SyntheticUnit unit, double f1, double testMse, double bestValLoss,
      double hiddenRecall, double hiddenGradNormK0, double finalGradNorm,
      double secondsPerIteration, int iterations, int activeFeatures, String stoppingReason,
      double seconds, double[] value, double[] bestValue, double[] hiddenPenalty,
      double[] f1Trajectory, double[] penalties, double testLogLoss) {
    this(unit, f1, testMse, bestValLoss, hiddenRecall, hiddenGradNormK0, finalGradNorm,
        secondsPerIteration, iterations, activeFeatures, stoppingReason, seconds, value,
        bestValue, hiddenPenalty, f1Trajectory, penalties, testLogLoss, null);
  }

  /** An outcome of a regression unit (no log-loss). */
  public UnitOutcome(SyntheticUnit unit, double f1, double testMse, double bestValLoss,
      double hiddenRecall, double hiddenGradNormK0, double finalGradNorm,
      double secondsPerIteration, int iterations, int activeFeatures, String stoppingReason,
      double seconds, double[] value, double[] bestValue, double[] hiddenPenalty,
      double[] f1Trajectory, double[] penalties) {
    this(unit, f1, testMse, bestValLoss, hiddenRecall, hiddenGradNormK0, finalGradNorm,
        secondsPerIteration, iterations, activeFeatures, stoppingReason, seconds, value,
        bestValue, hiddenPenalty, f1Trajectory, penalties, Double.NaN);
  }

  /** Fraction of the features with a nonzero coefficient in the final model. */
  public double activeFraction() {
    return penalties.length == 0 ? Double.NaN : activeFeatures / (double) penalties.length;
  }
}
