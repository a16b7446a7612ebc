package org.sparsetune.experiments;

import java.util.ArrayList;
import java.util.List;
import org.sparsetune.linalg.DenseMatrix;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.OracleResult;
import org.sparsetune.oracle.SubgradientOracle;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.LowerLevelSolver;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.Termination;
import org.sparsetune.solver.WarmStart;

/**
 * The diagonal bilevel problem of the paper's §5.1 panel (b),
 *
 * <pre>
 *   min_x L(y*(x)) = ½||y*(x) - d_val||²
 *   s.t.  y*(x) = argmin_y ½||y - d_train||² + Σ_j exp(x_j) |y_j|,
 * </pre>
 *
 * encoded in the project's own lower-level and upper-level forms so that the real solver
 * ({@link LowerLevelSolver}) and the real oracle ({@link SubgradientOracle}, Algorithm 1) run on
 * it.
 *
 * <p><b>Encoding.</b> With p = dim(d), take n = p training rows, {@code A = sqrt(p)·I},
 * {@code b = sqrt(p)·d_train}, l2 = 0, no intercept: the quadratic lower level of DESIGN.md is
 * {@code 1/(2n)||b - A y||² = 1/(2p)·p·||d_train - y||² = ½||y - d_train||²}. The held-out
 * criterion is {@link UpperCriterion#MSE} on {@code A_val = sqrt(p/2)·I}, {@code b_val =
 * sqrt(p/2)·d_val}: {@code 1/n_val ||b_val - A_val y||² = 1/p·(p/2)·||d_val - y||² = ½||y -
 * d_val||²}. (The scalings are exact only up to rounding of the square roots; the solutions agree
 * with the closed form to about 1e-16.)
 *
 * <p>{@link #coordinateDescent} runs the outer iteration of §5.1 that moves one log-penalty only,
 * {@code x_c ← x_c - η h_c(x)}, with h from the oracle, and records every iterate.
 */
public final class DiagonalBilevel {
  private final double[] dTrain;
  private final double[] dVal;
  private final DenseMatrix design;
  private final double[] labels;
  private final DenseMatrix valDesign;
  private final double[] valLabels;

  /**
   * @param dTrain the lower-level target (finite), length p ≥ 1
   * @param dVal the upper-level target (finite), length p
   */
  public DiagonalBilevel(double[] dTrain, double[] dVal) {
    if (dTrain == null || dVal == null || dTrain.length != dVal.length || dTrain.length == 0) {
      throw new IllegalArgumentException("dTrain and dVal must be non-empty and of equal length");
    }
    int p = dTrain.length;
    this.dTrain = dTrain.clone();
    this.dVal = dVal.clone();
    double s = Math.sqrt(p);
    double sv = Math.sqrt(p / 2.0);
    double[][] rows = new double[p][p];
    double[][] valRows = new double[p][p];
    labels = new double[p];
    valLabels = new double[p];
    for (int j = 0; j < p; j++) {
      if (!Double.isFinite(dTrain[j]) || !Double.isFinite(dVal[j])) {
        throw new IllegalArgumentException("coordinate " + j + " of dTrain or dVal is not finite");
      }
      rows[j][j] = s;
      valRows[j][j] = sv;
      labels[j] = s * dTrain[j];
      valLabels[j] = sv * dVal[j];
    }
    design = DenseMatrix.ofRows(rows);
    valDesign = DenseMatrix.ofRows(valRows);
  }

  /** The dimension p. */
  public int dimension() {
    return dTrain.length;
  }

  /** The lower-level problem at log-penalties x (quadratic, l2 = 0, no intercept). */
  public LowerLevelProblem lowerLevel(double[] logPenalties) {
    return LowerLevelProblem.fromLogPenalties(design, labels, Loss.QUADRATIC, 0.0, logPenalties);
  }

  /** The closed-form lower-level solution {@code S(d_train, exp(x))}, for checks. */
  public double[] closedFormSolution(double[] logPenalties) {
    return new DiagonalWeightedL1(dTrain, LowerLevelProblem.exp(logPenalties)).exactMinimizer();
  }

  /** The closed-form upper-level value ½||y - d_val||², for checks. */
  public double closedFormLoss(double[] y) {
    double s = 0.0;
    for (int j = 0; j < y.length; j++) {
      double r = y[j] - dVal[j];
      s += 0.5 * r * r;
    }
    return s;
  }

  /**
   * One outer iterate.
   *
   * @param k the iteration (0 is the starting point)
   * @param logPenalties x^k
   * @param coefficients y*(x^k) from the solver
   * @param loss L(y*(x^k)) from the oracle
   * @param subgradient h(x^k) from the oracle (all coordinates)
   * @param biactive |B⁺ ∪ B⁻| at x^k
   * @param selectedBiactive biactive coordinates the policy kept in the working set
   * @param kktViolation the solver's final KKT violation
   */
  public record OuterStep(
      int k,
      double[] logPenalties,
      double[] coefficients,
      double loss,
      double[] subgradient,
      int biactive,
      int selectedBiactive,
      double kktViolation) {

    /** exp(x_j^k), the penalty of coordinate j. */
    public double penalty(int j) {
      return Math.exp(logPenalties[j]);
    }
  }

  /**
   * Runs {@code iterations} steps of {@code x_c ← x_c - η h_c(x)} from x⁰, all other
   * coordinates held fixed, solving the lower level cold at every iterate.
   *
   * @param x0 the starting log-penalties (length p)
   * @param coordinate the index c of the only log-penalty that moves
   * @param eta the step η &gt; 0
   * @param iterations the number of updates K ≥ 0; the result has K + 1 entries (k = 0..K), the
   *     last one evaluated but not stepped from
   * @param solver the lower-level solver
   * @param oracleOptions the oracle's options (policy, biactive band)
   * @throws IllegalStateException when a lower-level solve does not converge
   */
  public List<OuterStep> coordinateDescent(
      double[] x0,
      int coordinate,
      double eta,
      int iterations,
      LowerLevelSolver solver,
      OracleOptions oracleOptions) {
    int p = dimension();
    if (x0 == null || x0.length != p) {
      throw new IllegalArgumentException("x0 must have length " + p);
    }
    if (coordinate < 0 || coordinate >= p) {
      throw new IllegalArgumentException("coordinate must lie in [0, " + p + "), got " + coordinate);
    }
    if (!(eta > 0.0) || !Double.isFinite(eta)) {
      throw new IllegalArgumentException("eta must be positive and finite, got " + eta);
    }
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations must be at least 0, got " + iterations);
    }
    SubgradientOracle oracle = new SubgradientOracle(oracleOptions);
    double[] x = x0.clone();
    List<OuterStep> steps = new ArrayList<>(iterations + 1);
    for (int k = 0; k <= iterations; k++) {
      LowerLevelProblem problem = lowerLevel(x);
      SolverResult lower = solver.solve(problem, WarmStart.COLD);
      if (lower.termination() != Termination.CONVERGED && lower.termination() != Termination.STALLED) {
        throw new IllegalStateException("lower-level solve at outer iteration " + k + " ended "
            + lower.termination() + " (KKT violation " + lower.kktViolation() + ")");
      }
      OracleResult o = oracle.evaluate(problem, lower, valDesign, valLabels, UpperCriterion.MSE, null);
      steps.add(new OuterStep(k, x.clone(), lower.coefficients().clone(), o.value(),
          o.gradient().clone(), o.biactive(), o.selectedBiactive(), lower.kktViolation()));
      if (k < iterations) {
        x[coordinate] -= eta * o.gradient()[coordinate];
      }
    }
    return List.copyOf(steps);
  }
}
