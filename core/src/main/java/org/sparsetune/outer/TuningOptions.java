package org.sparsetune.outer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sparsetune.outer.search.TpeOptions;

/**
 * Everything a {@link Tuner} run needs besides the objective.
 *
 * @param method the tuning method
 * @param maxIterations outer iterations for NBA/NTRBA (default 60); evaluations for random/TPE
 * @param startFraction where the paper's methods start: {@code x⁰ = log(startFraction·α_max)}
 *     (default 0.1)
 * @param nbaStep η of Algorithm 2 (default 0.1)
 * @param ntrba NTRBA options (probing is switched on for {@code auto} whatever this says)
 * @param grid the scalar grid ({@code scalar-grid} and the first phase of {@code auto})
 * @param searchLowFraction lower box edge of random/TPE as a fraction of α_max (default 1e-3)
 * @param searchHighFraction upper box edge of random/TPE (default 0.9)
 * @param batchSize points per batch for random/TPE (default 8)
 * @param seed seed of random/TPE
 * @param autoPatience {@code auto} with guard rows: its refinement stops once this many accepted
 *     points in a row have not improved the guard rows' best criterion (default 10; 0 never stops
 *     early). The refinement's candidate is the best accepted point on the guard rows, so stopping
 *     changes it only when a later point would have beaten it after that many that did not.
 */
public record TuningOptions(
    TuningMethod method,
    int maxIterations,
    double startFraction,
    double nbaStep,
    NtrbaOptions ntrba,
    ScalarGrid grid,
    double searchLowFraction,
    double searchHighFraction,
    int batchSize,
    long seed,
    int autoPatience) {

  /** Validates the options. */
  public TuningOptions {
    if (method == null || ntrba == null || grid == null) {
      throw new IllegalArgumentException("method, ntrba and grid must not be null");
    }
    if (maxIterations < 0) {
      throw new IllegalArgumentException("maxIterations must be at least 0, got " + maxIterations);
    }
    if (!(startFraction > 0.0) || !(nbaStep > 0.0)) {
      throw new IllegalArgumentException("startFraction and nbaStep must be positive");
    }
    if (!(searchLowFraction > 0.0) || !(searchHighFraction > searchLowFraction)) {
      throw new IllegalArgumentException("need 0 < searchLowFraction < searchHighFraction");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    if (autoPatience < 0) {
      throw new IllegalArgumentException(
          "--auto-patience must be at least 0, got " + autoPatience);
    }
  }

  /** {@code auto}'s default patience on the guard rows (accepted points without improvement). */
  public static final int DEFAULT_AUTO_PATIENCE = 10;

  /** Defaults for a method: 60 iterations, start at 0.1·α_max, the paper's NTRBA constants. */
  public static TuningOptions defaults(TuningMethod method) {
    return new TuningOptions(method, 60, 0.1, Nba.DEFAULT_STEP, NtrbaOptions.DEFAULTS,
        ScalarGrid.DEFAULTS, 1e-3, 0.9, 8, 0L, DEFAULT_AUTO_PATIENCE);
  }

  /** The same options with another iteration budget. */
  public TuningOptions withMaxIterations(int k) {
    return new TuningOptions(method, k, startFraction, nbaStep, ntrba, grid, searchLowFraction,
        searchHighFraction, batchSize, seed, autoPatience);
  }

  /** The same options with another seed. */
  public TuningOptions withSeed(long s) {
    return new TuningOptions(method, maxIterations, startFraction, nbaStep, ntrba, grid,
        searchLowFraction, searchHighFraction, batchSize, s, autoPatience);
  }

  /** The same options with other NTRBA options. */
  public TuningOptions withNtrba(NtrbaOptions n) {
    return new TuningOptions(method, maxIterations, startFraction, nbaStep, n, grid,
        searchLowFraction, searchHighFraction, batchSize, seed, autoPatience);
  }

  /** The same options with another scalar grid. */
  public TuningOptions withGrid(ScalarGrid g) {
    return new TuningOptions(method, maxIterations, startFraction, nbaStep, ntrba, g,
        searchLowFraction, searchHighFraction, batchSize, seed, autoPatience);
  }

  /** The same options with {@code auto}'s patience on the guard rows (0: never stop early). */
  public TuningOptions withAutoPatience(int patience) {
    return new TuningOptions(method, maxIterations, startFraction, nbaStep, ntrba, grid,
        searchLowFraction, searchHighFraction, batchSize, seed, patience);
  }

  /** TPE options seeded with this run's seed. */
  TpeOptions tpe() {
    return TpeOptions.DEFAULTS.withSeed(seed);
  }

  /** Ordered name → value map (logs, summary.json). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", method.cliName());
    m.put("max_iterations", maxIterations);
    m.put("start_fraction", startFraction);
    m.put("nba_step", nbaStep);
    m.put("ntrba", ntrba.toMap());
    m.put("grid_points", grid.points());
    m.put("grid_high_fraction", grid.highFraction());
    m.put("grid_low_fraction", grid.lowFraction());
    m.put("grid_extend", grid.extendWhileImproving());
    m.put("grid_segments", grid.segments());
    m.put("search_low_fraction", searchLowFraction);
    m.put("search_high_fraction", searchHighFraction);
    m.put("batch_size", batchSize);
    m.put("seed", seed);
    m.put("auto_patience", autoPatience);
    return m;
  }
}
