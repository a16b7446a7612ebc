package org.sparsetune.outer;

import org.sparsetune.oracle.OracleResult;
import org.sparsetune.solver.SolverResult;

/**
 * What one fold contributes to an evaluation of Φ: its held-out value and, for an evaluation with
 * subgradient, the fold's subgradient, ∇F(ȳ), z* and partition sizes. This is all an evaluation
 * needs from a fold — the lower-level solution itself stays where it was computed (in-process, or
 * in an executor's warm-start cache) — so it is what a Spark executor ships back to the driver.
 * {@link #mean} combines the folds; the in-process {@link BilevelObjective} and the Spark objective
 * both call it, in fold order, which is why their results agree to the last bit.
 *
 * @param value the fold's held-out criterion at y*(x)
 * @param gradient the fold's subgradient h (length p), or null for a value-only evaluation
 * @param trainGradient ∇F(ȳ) (length p), or null
 * @param validationGradient z* = ∇_y L(ȳ) (length p, plus the intercept's entry when fitted), or
 *     null
 * @param support |I⁺ ∪ I⁻| with subgradient, else the solution's nonzero count
 * @param biactive |B⁺ ∪ B⁻|, or -1 for a value-only evaluation
 * @param selectedBiactive the biactive coordinates kept in S, or -1
 * @param pruningRounds Definition 2 pruning rounds, or -1
 * @param guardValue the criterion on the fold's guard rows, or NaN when it has none
 * @param guardMeanVariance the sampling variance of {@code guardValue} (the guard rows' sample
 *     variance of their losses over their count), or NaN
 * @param heldOutValue the criterion on all the fold's held-out rows (validation and guard rows
 *     together; {@code value} when it has no guard rows)
 */
public record FoldContribution(
    double value,
    double[] gradient,
    double[] trainGradient,
    double[] validationGradient,
    int support,
    int biactive,
    int selectedBiactive,
    int pruningRounds,
    double guardValue,
    double guardMeanVariance,
    double heldOutValue) {

  /** A contribution without guard rows. */
  public FoldContribution(double value, double[] gradient, double[] trainGradient,
      double[] validationGradient, int support, int biactive, int selectedBiactive,
      int pruningRounds) {
    this(value, gradient, trainGradient, validationGradient, support, biactive, selectedBiactive,
        pruningRounds, Double.NaN, Double.NaN, value);
  }

  /**
   * This contribution with the fold's guard value: the held-out value is the row-weighted mean
   * of the validation and guard values (the criteria are means over rows).
   *
   * @param guard the criterion on the guard rows
   * @param guardVariance its sampling variance
   * @param validationRows the fold's validation rows
   * @param guardRows the fold's guard rows
   */
  public FoldContribution withGuard(
      double guard, double guardVariance, int validationRows, int guardRows) {
    double all = (validationRows * value + guardRows * guard) / (validationRows + guardRows);
    return new FoldContribution(value, gradient, trainGradient, validationGradient, support,
        biactive, selectedBiactive, pruningRounds, guard, guardVariance, all);
  }

  /** The contribution of a solve (value only, {@code oracle == null}) or of a solve + oracle. */
  public static FoldContribution of(SolverResult solution, double value, OracleResult oracle) {
    if (oracle == null) {
      return new FoldContribution(value, null, null, null, solution.nonzeros(), -1, -1, -1);
    }
    return new FoldContribution(oracle.value(), oracle.gradient(), oracle.trainGradient(),
        oracle.validationGradient(), oracle.support(), oracle.biactive(),
        oracle.selectedBiactive(), oracle.pruningRounds());
  }

  /**
   * This contribution without ∇F(ȳ) and z*, which only NTRBA's probing reads: two dense
   * p-vectors that an outer loop without probing need not ship or checkpoint (on news20, 2 × 13
   * MB per fold and evaluation).
   */
  public FoldContribution withoutProbeGradients() {
    return new FoldContribution(value, gradient, null, null, support, biactive, selectedBiactive,
        pruningRounds, guardValue, guardMeanVariance, heldOutValue);
  }

  /** Whether the subgradient was computed. */
  public boolean hasGradient() {
    return gradient != null;
  }

  /**
   * Φ at x from its folds (DESIGN.md: "With K folds, L is the mean over folds and the subgradient
   * is the mean of the folds'"): every quantity is summed in the order of {@code folds}, each
   * term divided by K first; partition sizes are rounded means, pruning rounds the maximum.
   *
   * @param x the point (copied into the evaluation)
   * @param folds one contribution per fold, in fold order, all with or all without subgradient
   * @param withGradient whether the contributions carry subgradients
   * @param seconds the wall time to record
   * @param solutions the objective's handle on the lower-level solutions
   */
  public static Evaluation mean(double[] x, FoldContribution[] folds, boolean withGradient,
      double seconds, Object solutions) {
    int p = x.length;
    int k = folds.length;
    if (k == 0) {
      throw new IllegalArgumentException("at least one fold is needed");
    }
    double value = 0.0;
    double guard = 0.0;
    double guardVariance = 0.0;
    double heldOut = 0.0;
    boolean probe = withGradient;
    for (FoldContribution c : folds) {
      probe &= c.trainGradient != null && c.validationGradient != null;
    }
    double[] grad = withGradient ? new double[p] : null;
    double[] trainGrad = probe ? new double[p] : null;
    double[] valGrad = probe ? new double[p] : null;
    double support = 0;
    double biactive = 0;
    double selected = 0;
    int rounds = withGradient ? 0 : -1;
    for (FoldContribution c : folds) {
      if (c.hasGradient() != withGradient) {
        throw new IllegalArgumentException("folds mix value-only and subgradient evaluations");
      }
      value += c.value / k;
      guard += c.guardValue / k;
      guardVariance += c.guardMeanVariance / ((double) k * k);
      heldOut += c.heldOutValue / k;
      if (withGradient) {
        for (int j = 0; j < p; j++) {
          grad[j] += c.gradient[j] / k;
        }
        if (probe) {
          for (int j = 0; j < p; j++) {
            trainGrad[j] += c.trainGradient[j] / k;
            valGrad[j] += c.validationGradient[j] / k;
          }
        }
        biactive += (double) c.biactive / k;
        selected += (double) c.selectedBiactive / k;
        rounds = Math.max(rounds, c.pruningRounds);
      }
      support += (double) c.support / k;
    }
    return new Evaluation(
        x.clone(),
        value,
        grad,
        (int) Math.round(support),
        withGradient ? (int) Math.round(biactive) : -1,
        withGradient ? (int) Math.round(selected) : -1,
        rounds,
        trainGrad,
        valGrad,
        seconds,
        solutions,
        guard,
        Math.sqrt(guardVariance),
        heldOut);
  }
}
