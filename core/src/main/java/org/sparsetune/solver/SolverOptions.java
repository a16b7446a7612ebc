package org.sparsetune.solver;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of {@link ProximalCoordinateDescent}.
 *
 * @param tolerance stop when the maximum KKT violation is at most this (default 1e-8, the paper's
 *     inner tolerance)
 * @param maxPasses budget of coordinate-descent passes over the working set (default 100,000)
 * @param initialWorkingSetSize the fewest features a working set grows to beyond the current
 *     support (default 64); it doubles every round that finds violators left outside
 */
public record SolverOptions(double tolerance, int maxPasses, int initialWorkingSetSize)
    implements java.io.Serializable {

  /** Tolerance 1e-8, 100,000 passes, working sets of at least 64. */
  public static final SolverOptions DEFAULTS = new SolverOptions(1e-8, 100_000, 64);

  /** Validates every field; the message names the bad value. */
  public SolverOptions {
    if (!(tolerance > 0.0) || !Double.isFinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be positive and finite, got " + tolerance);
    }
    if (maxPasses < 1) {
      throw new IllegalArgumentException("maxPasses must be at least 1, got " + maxPasses);
    }
    if (initialWorkingSetSize < 1) {
      throw new IllegalArgumentException(
          "initialWorkingSetSize must be at least 1, got " + initialWorkingSetSize);
    }
  }

  /** The same options with another tolerance. */
  public SolverOptions withTolerance(double tol) {
    return new SolverOptions(tol, maxPasses, initialWorkingSetSize);
  }

  /** The same options with another pass budget. */
  public SolverOptions withMaxPasses(int passes) {
    return new SolverOptions(tolerance, passes, initialWorkingSetSize);
  }

  /** The options as an ordered name → value map (for JSON logs and shipping to executors). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tolerance", tolerance);
    m.put("max_passes", maxPasses);
    m.put("initial_working_set_size", initialWorkingSetSize);
    return m;
  }

  /** Reads options written by {@link #toMap}; absent keys keep their defaults. */
  public static SolverOptions fromMap(Map<String, ?> m) {
    return new SolverOptions(
        number(m, "tolerance", DEFAULTS.tolerance).doubleValue(),
        number(m, "max_passes", DEFAULTS.maxPasses).intValue(),
        number(m, "initial_working_set_size", DEFAULTS.initialWorkingSetSize).intValue());
  }

  private static Number number(Map<String, ?> m, String key, Number fallback) {
    Object v = m.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n;
    }
    try {
      return Double.valueOf(v.toString());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option " + key + " is not a number: " + v, e);
    }
  }
}
