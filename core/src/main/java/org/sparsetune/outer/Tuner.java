package org.sparsetune.outer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparsetune.outer.search.RandomSearch;
import org.sparsetune.outer.search.SearchSpace;
import org.sparsetune.outer.search.TreeParzenEstimator;

/**
 * Runs one tuning method on an objective whose oracle uses {@link TuningMethod#policy()}. The
 * paper's methods start at {@code log(startFraction·α_max)} in every coordinate and stay in
 * {@link Box#aroundAlphaMax}; {@code auto} runs the scalar path and then NTRBA-SC with probing
 * from the path's sparse edge ({@link #autoStart}). Without guard rows it returns whichever of the
 * two points has the lower validation value; with guard rows ({@link FoldProblem}) the refinement
 * fits the validation rows, and its point is returned only when it beats the path's best point on
 * the guard rows, which neither phase fitted, by more than one standard error (docs/auto.md).
 */
public final class Tuner {
  private Tuner() {}

  /** Runs {@code options.method()} on f. */
  public static OuterResult run(Objective f, TuningOptions options, IterationListener listener) {
    int p = f.dimension();
    double alphaMax = f.alphaMax();
    if (!(alphaMax > 0.0)) {
      throw new IllegalArgumentException(
          "α_max is " + alphaMax + ": every penalty gives the zero model, nothing to tune");
    }
    Box box = Box.aroundAlphaMax(p, alphaMax);
    double[] x0 = new double[p];
    Arrays.fill(x0, Math.log(options.startFraction() * alphaMax));
    TuningMethod m = options.method();
    switch (m) {
      case NTRBA_SC:
      case NTRBA_NULL:
        return new Ntrba(options.ntrba().withMaxIterations(options.maxIterations()))
            .run(f, x0, box, listener, m.cliName());
      case NBA_SC:
      case NBA_NULL:
      case SPARSE_HO:
        return new Nba(options.nbaStep(), options.ntrba().tolerance(), options.ntrba().stepEpsilon(),
            options.maxIterations()).run(f, x0, box, listener, m.cliName());
      case SCALAR_GRID:
        return options.grid().run(f, listener);
      case RANDOM:
      case TPE: {
        SearchSpace space = SearchSpace.cube(p, Math.log(options.searchLowFraction() * alphaMax),
            Math.log(options.searchHighFraction() * alphaMax));
        var tuner = m == TuningMethod.RANDOM
            ? new RandomSearch(space, options.seed())
            : new TreeParzenEstimator(space, options.tpe());
        return new BlackBoxSearch(Math.max(1, options.maxIterations()), options.batchSize())
            .run(f, tuner, listener, m.cliName());
      }
      case AUTO:
        return auto(f, options, box, listener);
      default:
        throw new IllegalStateException("unhandled method " + m);
    }
  }

  /**
   * How far above the path's best validation value {@code auto}'s per-feature phase may start
   * (relative): it starts at the largest path penalty whose value is within this slack of the
   * best.
   */
  public static final double AUTO_START_SLACK = 0.05;

  /**
   * The path point {@code auto} refines: the first (largest-penalty) point whose value is within
   * {@link #AUTO_START_SLACK} of the path's best. The path's minimum often lies on a plateau of
   * tiny penalties where the ridge does the regularizing and Φ hardly depends on the
   * log-penalties (∂Φ/∂x_j = w_j ∂Φ/∂w_j vanishes with w_j), so trust-region steps from there see
   * a subgradient of norm ~1e-7 and stall; the plateau's sparse edge is as good a model and leaves
   * the per-feature phase room to move.
   */
  static int autoStart(OuterResult path) {
    List<IterationRecord> t = path.trajectory();
    double best = path.best().value();
    double limit = best + AUTO_START_SLACK * Math.abs(best);
    for (int k = 0; k < t.size(); k++) {
      if (t.get(k).value() <= limit) {
        return k;
      }
    }
    return t.size() - 1;
  }

  private static OuterResult auto(
      Objective f, TuningOptions options, Box box, IterationListener listener) {
    long start = System.nanoTime();
    // The path picks its point on all held-out rows, as scalar-grid does.
    OuterResult scalar = options.grid().run(new OnAllHeldOutRows(f), listener);
    boolean guarded = scalar.best().hasGuard();
    int offset = scalar.iterations();
    List<IterationRecord> trajectory = new ArrayList<>(scalar.trajectory());
    IterationListener shifted = r -> {
      double bestValue = guarded ? r.bestValue() : Math.min(r.bestValue(), scalar.best().value());
      IterationRecord s = new IterationRecord(r.iteration() + offset, r.phase(), r.value(),
          bestValue, r.gradientNorm(), r.radius(), r.stepNorm(), r.rho(), r.accepted(),
          r.support(), r.biactive(), r.evaluations() + scalar.evaluations(), r.seconds());
      trajectory.add(s);
      listener.onIteration(s);
    };
    NtrbaOptions refine = options.ntrba().withMaxIterations(options.maxIterations()).withProbing(true);
    double[] x0 = new double[f.dimension()];
    Arrays.fill(x0, Math.log(options.grid().penaltyAt(autoStart(scalar), f.alphaMax())));
    GuardTracker tracked = new GuardTracker(f);
    OuterResult fine = new Ntrba(refine).run(tracked, x0, box, shifted, "auto",
        () -> tracked.stalled(options.autoPatience()));
    Evaluation best;
    OuterResult.AutoChoice choice = null;
    if (!guarded) {
      best = fine.best().value() <= scalar.best().value() ? fine.best() : scalar.best();
    } else {
      Evaluation candidate = tracked.bestOnGuard();
      double scalarGuard = scalar.best().guardValue();
      double fineGuard = candidate == null ? Double.NaN : candidate.guardValue();
      double fineSe = candidate == null ? Double.NaN : candidate.guardStandardError();
      // The one-standard-error rule: the per-feature point must beat the path's on the guard
      // rows by more than its own standard error there.
      if (candidate != null && fineGuard + fineSe < scalarGuard) {
        best = Outer.finalSolve(f, candidate).onAllHeldOutRows();
        choice = new OuterResult.AutoChoice("per-feature", scalarGuard, fineGuard, fineSe);
      } else {
        best = scalar.best();
        choice = new OuterResult.AutoChoice("scalar", scalarGuard, fineGuard, fineSe);
      }
    }
    return new OuterResult("auto", best, scalar.iterations() + fine.iterations(),
        scalar.evaluations() + fine.evaluations(), fine.stoppingReason(), List.copyOf(trajectory),
        (System.nanoTime() - start) * 1e-9, choice);
  }

  /**
   * The objective as {@code auto}'s path sees it: every evaluation's value is the criterion on
   * all held-out rows (validation and guard rows together), so the path picks the point
   * {@code scalar-grid} picks. Without guard rows it changes nothing.
   */
  private static final class OnAllHeldOutRows extends ForwardingObjective {
    OnAllHeldOutRows(Objective f) {
      super(f);
    }

    @Override
    public Evaluation evaluate(double[] x, boolean withGradient) {
      return delegate.evaluate(x, withGradient).onAllHeldOutRows();
    }

    @Override
    public List<Evaluation> evaluateAll(List<double[]> points, boolean withGradient) {
      return all(delegate.evaluateAll(points, withGradient));
    }

    @Override
    public List<Evaluation> evaluatePath(List<double[]> points, int segments) {
      return all(delegate.evaluatePath(points, segments));
    }

    private static List<Evaluation> all(List<Evaluation> es) {
      List<Evaluation> out = new ArrayList<>(es.size());
      for (Evaluation e : es) {
        out.add(e.onAllHeldOutRows());
      }
      return out;
    }
  }

  /**
   * The objective as {@code auto}'s refinement sees it, remembering the accepted point with the
   * lowest criterion on the guard rows: with the validation rows fitted by one penalty per
   * feature, the guard rows are the early-stopping set that tells a real gain from a fitted one.
   */
  private static final class GuardTracker extends ForwardingObjective {
    private Evaluation best;
    /** Accepted points since {@link #best} last improved. */
    private int sinceBest;

    GuardTracker(Objective f) {
      super(f);
    }

    Evaluation bestOnGuard() {
      return best;
    }

    /**
     * Whether {@code patience} accepted points in a row have not improved the best criterion on
     * the guard rows (never with patience 0 or without guard rows): the refinement may stop, since
     * only a later point better than all of those could still change its candidate.
     */
    boolean stalled(int patience) {
      return patience > 0 && best != null && sinceBest >= patience;
    }

    @Override
    public void accept(Evaluation e) {
      delegate.accept(e);
      if (e.hasGuard() && (best == null || e.guardValue() < best.guardValue())) {
        best = e;
        sinceBest = 0;
      } else {
        sinceBest++;
      }
    }
  }
}
