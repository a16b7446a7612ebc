package org.sparsetune.outer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of {@link Ntrba} (Algorithm 3), with the defaults of the paper's code.
 *
 * @param initialRadius Δ₀ (default 0.1)
 * @param minRadius Δ_min (default 1e-12)
 * @param maxRadius Δ_max (default 100)
 * @param etaAccept accept a step when ρ ≥ this (default 0.1)
 * @param etaExpand expand when ρ &gt; this and ||s|| ≥ 0.95Δ (default 0.75)
 * @param betaDec radius shrink factor (default 0.25)
 * @param betaInc radius growth factor (default 2.0)
 * @param tolerance stop when ||h|| &lt; this (default 1e-8)
 * @param stepEpsilon stop when ||s|| &lt; this (default 1e-12)
 * @param maxIterations outer iterations K (default 60)
 * @param parallelRadii trial radii Δ, β_dec·Δ, … evaluated together (one Spark job); the
 *     largest accepted one is taken (default 1: the sequential algorithm)
 * @param probing switch on features outside the support by probing (the {@code auto} method);
 *     off for the paper's methods
 * @param probeSize most coordinates moved into the biactive band per probe (default 10)
 * @param probeBand where inside the biactive band a probed penalty is put: w_j = |∇_j F|(1 +
 *     probeBand) (default 5e-4, half the real-data band 1e-3)
 */
public record NtrbaOptions(
    double initialRadius,
    double minRadius,
    double maxRadius,
    double etaAccept,
    double etaExpand,
    double betaDec,
    double betaInc,
    double tolerance,
    double stepEpsilon,
    int maxIterations,
    int parallelRadii,
    boolean probing,
    int probeSize,
    double probeBand) {

  /** The paper code's defaults, 60 iterations, sequential radii, no probing. */
  public static final NtrbaOptions DEFAULTS =
      new NtrbaOptions(0.1, 1e-12, 100.0, 0.1, 0.75, 0.25, 2.0, 1e-8, 1e-12, 60, 1, false, 10, 5e-4);

  /** Validates the options; messages name the bad value. */
  public NtrbaOptions {
    if (!(minRadius > 0.0) || !(minRadius <= initialRadius) || !(initialRadius <= maxRadius)) {
      throw new IllegalArgumentException(
          "radii must satisfy 0 < min <= initial <= max, got " + minRadius + ", " + initialRadius
              + ", " + maxRadius);
    }
    if (!(etaAccept > 0.0) || !(etaExpand > etaAccept) || etaExpand >= 1.0) {
      throw new IllegalArgumentException(
          "need 0 < etaAccept < etaExpand < 1, got " + etaAccept + ", " + etaExpand);
    }
    if (!(betaDec > 0.0 && betaDec < 1.0) || !(betaInc > 1.0)) {
      throw new IllegalArgumentException(
          "need 0 < betaDec < 1 < betaInc, got " + betaDec + ", " + betaInc);
    }
    if (!(tolerance >= 0.0) || !(stepEpsilon >= 0.0)) {
      throw new IllegalArgumentException("tolerance and stepEpsilon must be at least 0");
    }
    if (maxIterations < 0) {
      throw new IllegalArgumentException("maxIterations must be at least 0, got " + maxIterations);
    }
    if (parallelRadii < 1) {
      throw new IllegalArgumentException("parallelRadii must be at least 1, got " + parallelRadii);
    }
    if (probeSize < 1 || !(probeBand > 0.0 && probeBand < 1.0)) {
      throw new IllegalArgumentException(
          "probeSize must be at least 1 and probeBand in (0, 1), got " + probeSize + ", " + probeBand);
    }
  }

  /** The same options with another iteration budget. */
  public NtrbaOptions withMaxIterations(int k) {
    return new NtrbaOptions(initialRadius, minRadius, maxRadius, etaAccept, etaExpand, betaDec,
        betaInc, tolerance, stepEpsilon, k, parallelRadii, probing, probeSize, probeBand);
  }

  /** The same options with probing on or off. */
  public NtrbaOptions withProbing(boolean on) {
    return new NtrbaOptions(initialRadius, minRadius, maxRadius, etaAccept, etaExpand, betaDec,
        betaInc, tolerance, stepEpsilon, maxIterations, parallelRadii, on, probeSize, probeBand);
  }

  /** The same options with another number of parallel trial radii. */
  public NtrbaOptions withParallelRadii(int m) {
    return new NtrbaOptions(initialRadius, minRadius, maxRadius, etaAccept, etaExpand, betaDec,
        betaInc, tolerance, stepEpsilon, maxIterations, m, probing, probeSize, probeBand);
  }

  /** The same options with another initial radius. */
  public NtrbaOptions withInitialRadius(double r) {
    return new NtrbaOptions(r, minRadius, Math.max(maxRadius, r), etaAccept, etaExpand, betaDec,
        betaInc, tolerance, stepEpsilon, maxIterations, parallelRadii, probing, probeSize, probeBand);
  }

  /** Ordered name → value map (logs, JSON, executors). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("initial_radius", initialRadius);
    m.put("min_radius", minRadius);
    m.put("max_radius", maxRadius);
    m.put("eta_accept", etaAccept);
    m.put("eta_expand", etaExpand);
    m.put("beta_dec", betaDec);
    m.put("beta_inc", betaInc);
    m.put("tolerance", tolerance);
    m.put("step_epsilon", stepEpsilon);
    m.put("max_iterations", maxIterations);
    m.put("parallel_radii", parallelRadii);
    m.put("probing", probing);
    m.put("probe_size", probeSize);
    m.put("probe_band", probeBand);
    return m;
  }
}
