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
 * from the path's best point, so its validation value is never above the path's.
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
    OuterResult scalar = options.grid().run(f, listener);
    int offset = scalar.iterations();
    List<IterationRecord> trajectory = new ArrayList<>(scalar.trajectory());
    IterationListener shifted = r -> {
      IterationRecord s = new IterationRecord(r.iteration() + offset, r.phase(), r.value(),
          Math.min(r.bestValue(), scalar.best().value()), r.gradientNorm(), r.radius(),
          r.stepNorm(), r.rho(), r.accepted(), r.support(), r.biactive(),
          r.evaluations() + scalar.evaluations(), r.seconds());
      trajectory.add(s);
      listener.onIteration(s);
    };
    NtrbaOptions refine = options.ntrba().withMaxIterations(options.maxIterations()).withProbing(true);
    double[] x0 = new double[f.dimension()];
    Arrays.fill(x0, Math.log(options.grid().penaltyAt(autoStart(scalar), f.alphaMax())));
    OuterResult fine = new Ntrba(refine).run(f, x0, box, shifted, "auto");
    Evaluation best = fine.best().value() <= scalar.best().value() ? fine.best() : scalar.best();
    return new OuterResult("auto", best, scalar.iterations() + fine.iterations(),
        scalar.evaluations() + fine.evaluations(), fine.stoppingReason(), List.copyOf(trajectory),
        (System.nanoTime() - start) * 1e-9);
  }
}
