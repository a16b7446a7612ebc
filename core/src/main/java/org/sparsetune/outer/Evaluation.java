package org.sparsetune.outer;

/**
 * Φ at one point x: the held-out value and, when asked for, a subgradient from Algorithm 1, with
 * the partition sizes (summed over folds) and the lower-level solutions as an opaque handle the
 * objective uses for warm starts.
 *
 * @param x the point (log-penalties)
 * @param value Φ(x), the held-out criterion (mean over folds)
 * @param gradient a subgradient (mean over folds), or null for a value-only evaluation
 * @param support |I⁺ ∪ I⁻| (mean over folds, rounded), or -1 when not computed
 * @param biactive |B⁺ ∪ B⁻| (mean over folds, rounded), or -1
 * @param selectedBiactive biactive coordinates kept in S (mean over folds, rounded), or -1
 * @param pruningRounds Definition 2 pruning rounds (maximum over folds), or -1
 * @param trainGradient ∇F(ȳ) (mean over folds), or null for value-only evaluations
 * @param validationGradient z* (mean over folds, length p), or null
 * @param seconds wall time of the evaluation
 * @param solutions the objective's handle on the lower-level solutions (warm starts, final model)
 * @param guardValue the criterion on the folds' guard rows ({@link FoldProblem#guardDesign}, mean
 *     over folds), or NaN when the folds hold none
 * @param guardStandardError the standard error of {@code guardValue} (from the guard rows' sample
 *     variance of their losses; folds averaged as independent means), or NaN
 * @param heldOutValue the criterion on all held-out rows of the folds, validation and guard rows
 *     together (mean over folds); equals {@code value} when the folds hold no guard rows
 */
public record Evaluation(
    double[] x,
    double value,
    double[] gradient,
    int support,
    int biactive,
    int selectedBiactive,
    int pruningRounds,
    double[] trainGradient,
    double[] validationGradient,
    double seconds,
    Object solutions,
    double guardValue,
    double guardStandardError,
    double heldOutValue) {

  /** An evaluation of folds without guard rows: no guard value, held-out value = value. */
  public Evaluation(double[] x, double value, double[] gradient, int support, int biactive,
      int selectedBiactive, int pruningRounds, double[] trainGradient,
      double[] validationGradient, double seconds, Object solutions) {
    this(x, value, gradient, support, biactive, selectedBiactive, pruningRounds, trainGradient,
        validationGradient, seconds, solutions, Double.NaN, Double.NaN, value);
  }

  /** Whether the folds held guard rows (the guard value is known). */
  public boolean hasGuard() {
    return !Double.isNaN(guardValue);
  }

  /**
   * The same evaluation with {@code value} replaced by the held-out value (all held-out rows):
   * what {@code auto}'s scalar phase minimizes and what a run reports.
   */
  public Evaluation onAllHeldOutRows() {
    return new Evaluation(x, heldOutValue, gradient, support, biactive, selectedBiactive,
        pruningRounds, trainGradient, validationGradient, seconds, solutions, guardValue,
        guardStandardError, heldOutValue);
  }

  /** True when the subgradient was computed. */
  public boolean hasGradient() {
    return gradient != null;
  }

  /** ||h||₂, or NaN for a value-only evaluation. */
  public double gradientNorm() {
    if (gradient == null) {
      return Double.NaN;
    }
    double s = 0.0;
    for (double g : gradient) {
      s += g * g;
    }
    return Math.sqrt(s);
  }
}
