package org.sparsetune.outer;

/**
 * One row of an outer trajectory.
 *
 * @param iteration the outer iteration k (or the evaluation count for search methods)
 * @param phase {@code scalar}, {@code ntrba}, {@code nba}, {@code probe}, {@code random}, ...
 * @param value Φ at the iterate after this iteration
 * @param bestValue the lowest Φ visited so far
 * @param gradientNorm ||h_k|| at the iterate before the step (NaN when not computed)
 * @param radius the trust-region radius used (NaN for other methods)
 * @param stepNorm ||s_k|| (NaN when no step was taken)
 * @param rho actual over predicted reduction (NaN when not applicable)
 * @param accepted whether the step or probe was accepted
 * @param support |I⁺ ∪ I⁻| at the iterate
 * @param biactive |B| at the iterate
 * @param evaluations lower-level evaluations so far (every fold solve counts once per point)
 * @param seconds wall time of this iteration
 */
public record IterationRecord(
    int iteration,
    String phase,
    double value,
    double bestValue,
    double gradientNorm,
    double radius,
    double stepNorm,
    double rho,
    boolean accepted,
    int support,
    int biactive,
    int evaluations,
    double seconds) {

  /** CSV header matching {@link #toCsvRow()}. */
  public static final String CSV_HEADER =
      "iteration,phase,value,best_value,gradient_norm,radius,step_norm,rho,accepted,support,"
          + "biactive,evaluations,seconds";

  /** This record as one CSV row (Locale-independent). */
  public String toCsvRow() {
    return iteration + "," + phase + "," + value + "," + bestValue + "," + gradientNorm + ","
        + radius + "," + stepNorm + "," + rho + "," + accepted + "," + support + "," + biactive
        + "," + evaluations + "," + seconds;
  }
}
