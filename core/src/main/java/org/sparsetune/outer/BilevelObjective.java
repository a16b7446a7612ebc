package org.sparsetune.outer;

import java.util.List;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.OracleResult;
import org.sparsetune.oracle.SubgradientOracle;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.ProximalCoordinateDescent;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.WarmStart;

/**
 * Φ evaluated in-process: for every fold, a warm-started lower-level solve at penalties exp(x)
 * and, when asked, Algorithm 1; the value and subgradient are the means over folds (DESIGN.md:
 * "With K folds, L is the mean over folds and the subgradient is the mean of the folds'").
 *
 * <p>This is the reference the Spark implementation is tested against: the executors run the
 * same {@link #evaluateFold} on their blocks. Not thread-safe.
 */
public final class BilevelObjective implements Objective {
  private final List<FoldProblem> folds;
  private final UpperCriterion criterion;
  private final ProximalCoordinateDescent solver;
  private final SubgradientOracle[] oracles;
  private final double alphaMax;
  private SolverResult[] anchor;
  private double[][] adjoints;
  private int solves;
  private int unconverged;

  /**
   * @param folds one or more (train, validation) blocks with the same feature count
   * @param criterion the held-out criterion
   * @param solverOptions lower-level solver options
   * @param oracleOptions oracle options (biactive policy and band)
   */
  public BilevelObjective(
      List<FoldProblem> folds,
      UpperCriterion criterion,
      SolverOptions solverOptions,
      OracleOptions oracleOptions) {
    if (folds == null || folds.isEmpty()) {
      throw new IllegalArgumentException("at least one fold is needed");
    }
    int p = folds.get(0).train().cols();
    for (FoldProblem f : folds) {
      if (f.train().cols() != p) {
        throw new IllegalArgumentException("folds differ in feature count");
      }
    }
    this.folds = List.copyOf(folds);
    this.criterion = criterion;
    this.solver = new ProximalCoordinateDescent(solverOptions);
    this.oracles = new SubgradientOracle[folds.size()];
    for (int f = 0; f < oracles.length; f++) {
      oracles[f] = new SubgradientOracle(oracleOptions);
    }
    double m = 0.0;
    for (FoldProblem f : folds) {
      m = Math.max(m, Kkt.maxUniformPenalty(f.train()));
    }
    this.alphaMax = m;
    this.anchor = new SolverResult[folds.size()];
    this.adjoints = new double[folds.size()][];
  }

  @Override
  public int dimension() {
    return folds.get(0).train().cols();
  }

  @Override
  public double alphaMax() {
    return alphaMax;
  }

  /** Lower-level solves run so far. */
  public int solves() {
    return solves;
  }

  /** Lower-level solves that ended without converging. */
  public int unconvergedSolves() {
    return unconverged;
  }

  /** The folds. */
  public List<FoldProblem> folds() {
    return folds;
  }

  @Override
  public Evaluation evaluate(double[] x, boolean withGradient) {
    long start = System.nanoTime();
    int p = dimension();
    int k = folds.size();
    double[] w = LowerLevelProblem.exp(x);
    double value = 0.0;
    double[] grad = withGradient ? new double[p] : null;
    double[] trainGrad = withGradient ? new double[p] : null;
    double[] valGrad = withGradient ? new double[p] : null;
    double support = 0;
    double biactive = 0;
    double selected = 0;
    int rounds = withGradient ? 0 : -1;
    SolverResult[] solutions = new SolverResult[k];
    for (int f = 0; f < k; f++) {
      FoldResult r = evaluateFold(f, w, withGradient);
      solutions[f] = r.solution;
      value += r.value / k;
      if (withGradient) {
        OracleResult o = r.oracle;
        for (int j = 0; j < p; j++) {
          grad[j] += o.gradient()[j] / k;
          trainGrad[j] += o.trainGradient()[j] / k;
          valGrad[j] += o.validationGradient()[j] / k;
        }
        support += (double) o.support() / k;
        biactive += (double) o.biactive() / k;
        selected += (double) o.selectedBiactive() / k;
        rounds = Math.max(rounds, o.pruningRounds());
      } else {
        support += (double) r.solution.nonzeros() / k;
      }
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
        (System.nanoTime() - start) * 1e-9,
        solutions);
  }

  /** The solve (and oracle) of fold f at penalties w, warm-started from the anchor. */
  FoldResult evaluateFold(int f, double[] w, boolean withGradient) {
    FoldProblem fold = folds.get(f);
    LowerLevelProblem problem = fold.train().withPenalties(w);
    WarmStart warm = anchor[f] == null ? WarmStart.COLD : WarmStart.from(anchor[f]);
    SolverResult sol = solver.solve(problem, warm);
    solves++;
    if (!sol.converged()) {
      unconverged++;
    }
    if (!withGradient) {
      double v = criterion.value(
          fold.validationDesign(), fold.validationLabels(), sol.coefficients(), sol.intercept());
      return new FoldResult(sol, v, null);
    }
    OracleResult o = oracles[f].evaluate(
        problem, sol, fold.validationDesign(), fold.validationLabels(), criterion, adjoints[f]);
    adjoints[f] = o.adjoint();
    return new FoldResult(sol, o.value(), o);
  }

  @Override
  public void accept(Evaluation e) {
    if (!(e.solutions() instanceof SolverResult[] s) || s.length != folds.size()) {
      throw new IllegalArgumentException("the evaluation does not come from this objective");
    }
    anchor = s.clone();
  }

  /** The lower-level solutions an evaluation of this objective carries, one per fold. */
  public static SolverResult[] solutionsOf(Evaluation e) {
    if (!(e.solutions() instanceof SolverResult[] s)) {
      throw new IllegalArgumentException("the evaluation carries no in-process solutions");
    }
    return s.clone();
  }

  record FoldResult(SolverResult solution, double value, OracleResult oracle) {}
}
