package org.sparsetune.outer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scalar ℓ1 baseline: one penalty α shared by every feature, on a log-spaced grid from
 * {@code highFraction·α_max} down to {@code lowFraction·α_max} (the paper: 100 values from 0.9
 * to 1e-3), evaluated as a warm-started path (each solve starts from the previous grid point's
 * solution). With {@code extendWhileImproving}, when the best point is among the last
 * {@code patience} grid points the path continues below the grid with the same ratio — down to
 * {@code floorFraction·α_max} — until {@code patience} consecutive points bring no improvement:
 * on text data the optimum sits below 1e-3·α_max.
 *
 * @param points grid size (default 100)
 * @param highFraction largest penalty as a fraction of α_max (default 0.9)
 * @param lowFraction smallest grid penalty as a fraction of α_max (default 1e-3)
 * @param extendWhileImproving continue the path below the grid while it improves (default true)
 * @param floorFraction the smallest penalty an extension reaches (default 1e-7)
 * @param patience points without improvement that end an extension (default 10)
 * @param segments how many contiguous pieces the grid points are cut into, each warm-started
 *     along itself from the starting anchor and evaluated side by side by objectives that can
 *     ({@link Objective#evaluatePath}; the Spark objective runs them as parallel tasks); 1
 *     (default) is the single warm-started path. The extension is always sequential.
 */
public record ScalarGrid(
    int points,
    double highFraction,
    double lowFraction,
    boolean extendWhileImproving,
    double floorFraction,
    int patience,
    int segments) {

  /** The paper's 100-point grid from 0.9 to 1e-3 of α_max, extended while improving. */
  public static final ScalarGrid DEFAULTS = new ScalarGrid(100, 0.9, 1e-3, true, 1e-7, 10);

  /** A grid evaluated as one warm-started path (one segment). */
  public ScalarGrid(int points, double highFraction, double lowFraction,
      boolean extendWhileImproving, double floorFraction, int patience) {
    this(points, highFraction, lowFraction, extendWhileImproving, floorFraction, patience, 1);
  }

  /** Validates the grid. */
  public ScalarGrid {
    if (points < 2) {
      throw new IllegalArgumentException("points must be at least 2, got " + points);
    }
    if (!(highFraction > lowFraction) || !(lowFraction > 0.0) || !(floorFraction > 0.0)
        || floorFraction > lowFraction) {
      throw new IllegalArgumentException(
          "need 0 < floorFraction <= lowFraction < highFraction, got " + floorFraction + ", "
              + lowFraction + ", " + highFraction);
    }
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1, got " + patience);
    }
    if (segments < 1) {
      throw new IllegalArgumentException("--grid-segments must be at least 1, got " + segments);
    }
  }

  /** The same grid cut into another number of segments. */
  public ScalarGrid withSegments(int s) {
    return new ScalarGrid(points, highFraction, lowFraction, extendWhileImproving, floorFraction,
        patience, s);
  }

  /** The same grid with another size and no extension (the paper's fixed grid). */
  public ScalarGrid fixed(int n) {
    return new ScalarGrid(n, highFraction, lowFraction, false, floorFraction, patience, segments);
  }

  /** The grid penalties, largest first. */
  public double[] penalties(double alphaMax) {
    double[] a = new double[points];
    double lo = Math.log(lowFraction * alphaMax);
    double hi = Math.log(highFraction * alphaMax);
    for (int i = 0; i < points; i++) {
      a[i] = Math.exp(hi + (lo - hi) * i / (points - 1));
    }
    return a;
  }

  /**
   * The penalty of path point k (0-based, in the order {@link #run} visits them): the grid, then
   * the extension's further steps of the same ratio — the same arithmetic as {@link #run}, so the
   * value is bit-identical to the one evaluated there.
   */
  public double penaltyAt(int k, double alphaMax) {
    double[] grid = penalties(alphaMax);
    if (k < grid.length) {
      return grid[k];
    }
    double ratio = grid[1] / grid[0];
    double alpha = grid[grid.length - 1];
    for (int i = grid.length; i <= k; i++) {
      alpha *= ratio;
    }
    return alpha;
  }

  /** Runs the warm-started path; the result's best point is a uniform vector. */
  public OuterResult run(Objective f, IterationListener listener) {
    long start = System.nanoTime();
    int p = f.dimension();
    double alphaMax = f.alphaMax();
    if (!(alphaMax > 0.0)) {
      throw new IllegalArgumentException("α_max is " + alphaMax + ": the data carry no signal");
    }
    double[] grid = penalties(alphaMax);
    double ratio = grid[1] / grid[0];
    List<IterationRecord> trajectory = new ArrayList<>();
    Evaluation best = null;
    int bestIndex = -1;
    int k = 0;
    double alpha = grid[0];
    double floor = floorFraction * alphaMax;
    StoppingReason reason = StoppingReason.EXHAUSTED;
    if (segments > 1) {
      // The grid points at once, cut into segments (side by side on Spark); then the extension.
      long t0 = System.nanoTime();
      List<double[]> xs = new ArrayList<>(grid.length);
      for (double g : grid) {
        double[] x = new double[p];
        Arrays.fill(x, Math.log(g));
        xs.add(x);
      }
      List<Evaluation> es = f.evaluatePath(xs, segments);
      double each = (System.nanoTime() - t0) * 1e-9 / grid.length;
      for (Evaluation e : es) {
        if (best == null || e.value() < best.value()) {
          best = e;
          bestIndex = k;
        }
        k++;
        IterationRecord r = new IterationRecord(k, "scalar", e.value(), best.value(), Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, true, e.support(), -1, k, each);
        trajectory.add(r);
        listener.onIteration(r);
      }
      alpha = grid[grid.length - 1];
    }
    while (true) {
      boolean onGrid = k < grid.length;
      if (!onGrid) {
        boolean extend = extendWhileImproving && bestIndex >= k - patience && alpha * ratio >= floor;
        if (!extend) {
          break;
        }
        alpha *= ratio;
      } else {
        alpha = grid[k];
      }
      long it0 = System.nanoTime();
      double[] x = new double[p];
      Arrays.fill(x, Math.log(alpha));
      Evaluation e = f.evaluate(x, false);
      f.accept(e);
      if (best == null || e.value() < best.value()) {
        best = e;
        bestIndex = k;
      }
      k++;
      IterationRecord r = new IterationRecord(k, onGrid ? "scalar" : "scalar-extension", e.value(),
          best.value(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, true, e.support(), -1, k,
          (System.nanoTime() - it0) * 1e-9);
      trajectory.add(r);
      listener.onIteration(r);
    }
    Evaluation fin = Outer.finalSolve(f, best);
    return new OuterResult("scalar-grid", fin, k, k + 1, reason, List.copyOf(trajectory),
        (System.nanoTime() - start) * 1e-9);
  }
}
