package org.sparsetune.outer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.OracleResult;
import org.sparsetune.oracle.SubgradientOracle;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.LowerLevelSolver;
import org.sparsetune.solver.ProximalCoordinateDescent;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.solver.SolverResult;

/**
 * Φ evaluated in-process: for every fold, a warm-started lower-level solve at penalties exp(x)
 * and, when asked, Algorithm 1; the value and subgradient are the means over folds (DESIGN.md:
 * "With K folds, L is the mean over folds and the subgradient is the mean of the folds'").
 *
 * <p>This is the reference the Spark implementation is tested against: the executors run the
 * same static {@link #evaluateFold} on their blocks and the driver combines the folds with the
 * same {@link FoldContribution#mean}.
 *
 * <p><b>Warm starts.</b> Every evaluation starts from the <em>anchor</em>, the {@link FoldState}s
 * of the last {@link #accept accepted} evaluation (cold before the first): their solutions
 * warm-start the solver and their adjoints the oracle's conjugate gradients. Nothing else carries
 * over from one call to the next, so an evaluation is a function of (x, anchor) alone — which is
 * what lets trial points run in any order, on any executor, or be replayed from a checkpoint,
 * with the same bits. Not thread-safe.
 */
public final class BilevelObjective implements Objective {
  private final List<FoldProblem> folds;
  private final UpperCriterion criterion;
  private final ProximalCoordinateDescent solver;
  private final SubgradientOracle[] oracles;
  private final double alphaMax;
  private FoldState[] anchor;
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
    this.anchor = new FoldState[folds.size()];
    Arrays.fill(anchor, FoldState.cold(p));
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
    int k = folds.size();
    double[] w = LowerLevelProblem.exp(x);
    FoldContribution[] parts = new FoldContribution[k];
    FoldState[] states = new FoldState[k];
    for (int f = 0; f < k; f++) {
      FoldOutcome r = evaluateFold(
          folds.get(f), criterion, solver, oracles[f], w, withGradient, anchor[f]);
      solves++;
      if (!r.converged()) {
        unconverged++;
      }
      parts[f] = r.contribution();
      states[f] = r.state();
    }
    return FoldContribution.mean(x, parts, withGradient, (System.nanoTime() - start) * 1e-9,
        states);
  }

  /**
   * The dealt path of {@link Objective#evaluatePath}: each interleaved sub-path from the anchor
   * the call found, each later point from its predecessor; the anchor ends at the last point.
   */
  @Override
  public List<Evaluation> evaluatePath(List<double[]> points, int segments) {
    int n = points.size();
    int k = Objective.segmentCount(n, segments);
    FoldState[] base = anchor;
    Evaluation[] out = new Evaluation[n];
    for (int s = 0; s < k; s++) {
      anchor = base;
      for (int i = s; i < n; i += k) {
        Evaluation e = evaluate(points.get(i), false);
        accept(e);
        out[i] = e;
      }
    }
    if (n > 0) {
      accept(out[n - 1]);
    }
    return List.of(out);
  }

  /**
   * One fold's share of an evaluation at penalties w: the lower-level solve warm-started from
   * {@code anchor} and, when asked, Algorithm 1 with its conjugate gradients warm-started from
   * the anchor's adjoint. Static and free of hidden state (the oracle only caches λ_max(AᵀA) of
   * the last design, a deterministic function of the design), so the Spark executors call exactly
   * this on their fold blocks and get the bits this class gets.
   *
   * @param fold the fold's training problem and held-out rows
   * @param criterion the held-out criterion
   * @param solver the lower-level solver
   * @param oracle the fold's oracle (one per thread)
   * @param w the penalties exp(x)
   * @param withGradient also run the oracle
   * @param anchor the state the evaluation starts from ({@link FoldState#cold} before any)
   */
  public static FoldOutcome evaluateFold(
      FoldProblem fold,
      UpperCriterion criterion,
      LowerLevelSolver solver,
      SubgradientOracle oracle,
      double[] w,
      boolean withGradient,
      FoldState anchor) {
    LowerLevelProblem problem = fold.train().withPenalties(w);
    SolverResult sol = solver.solve(problem, anchor.warmStart());
    if (!withGradient) {
      double v = criterion.value(
          fold.validationDesign(), fold.validationLabels(), sol.coefficients(), sol.intercept());
      return new FoldOutcome(guarded(FoldContribution.of(sol, v, null), fold, criterion, sol),
          FoldState.of(sol, null).withAdjointOf(anchor), sol.converged());
    }
    OracleResult o = oracle.evaluate(problem, sol, fold.validationDesign(),
        fold.validationLabels(), criterion, anchor.adjoint());
    return new FoldOutcome(guarded(FoldContribution.of(sol, o.value(), o), fold, criterion, sol),
        FoldState.of(sol, o.adjoint()), sol.converged());
  }

  /** The contribution with the criterion on the fold's guard rows, when it has any. */
  private static FoldContribution guarded(
      FoldContribution c, FoldProblem fold, UpperCriterion criterion, SolverResult sol) {
    if (!fold.hasGuard()) {
      return c;
    }
    double[] g = criterion.valueAndMeanVariance(
        fold.guardDesign(), fold.guardLabels(), sol.coefficients(), sol.intercept());
    return c.withGuard(g[0], g[1], fold.validationLabels().length, fold.guardLabels().length);
  }

  @Override
  public void accept(Evaluation e) {
    anchor = statesOf(e, folds.size());
  }

  /**
   * The per-fold states an evaluation carries (its solutions and adjoints), checked against the
   * expected fold count.
   */
  public static FoldState[] statesOf(Evaluation e, int folds) {
    if (!(e.solutions() instanceof FoldState[] s) || s.length != folds) {
      throw new IllegalArgumentException("the evaluation does not come from an objective over "
          + folds + " fold(s)");
    }
    return s.clone();
  }

  /** The lower-level coefficients of each fold at an evaluation of a {@link BilevelObjective}. */
  public static double[][] coefficientsOf(Evaluation e) {
    if (!(e.solutions() instanceof FoldState[] s)) {
      throw new IllegalArgumentException("the evaluation carries no fold states");
    }
    double[][] out = new double[s.length][];
    for (int f = 0; f < s.length; f++) {
      out[f] = s[f].coefficients();
    }
    return out;
  }

  /**
   * One fold's evaluation as shipped back from wherever it ran.
   *
   * @param contribution what the fold adds to Φ and its subgradient
   * @param state the solution and adjoint later evaluations anchored here start from
   * @param converged whether the lower-level solve converged
   */
  public record FoldOutcome(FoldContribution contribution, FoldState state, boolean converged) {}
}
