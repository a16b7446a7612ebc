package org.sparsetune.outer.search;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Options of {@link TreeParzenEstimator}. The defaults are Optuna's {@code TPESampler} defaults
 * (Optuna ≥ 2.x), chosen because Optuna is the TPE most readers will compare against; where
 * Hyperopt differs it is said below.
 *
 * @param startupCandidates the first this-many points (counting told observations, then earlier
 *     points of the same batch) are drawn uniformly before any model is fitted (default 10, as
 *     Optuna's {@code n_startup_trials}; Hyperopt uses 20). At least 0.
 * @param gamma the fraction of observations called "good": the {@code n_good = min(⌈γ·n⌉,
 *     maxGoodObservations)} lowest values of the {@code n} told (never more than the finite ones,
 *     never fewer than 1) form {@code l(x)}, the rest {@code g(x)}. Default 0.10 with the cap 25,
 *     Optuna's {@code default_gamma}. Optuna's rule is a true quantile (linear in n), which is what
 *     the TPE papers' γ means (Bergstra et al. 2011, §4); Hyperopt's default
 *     {@code ⌈0.25·√n⌉} grows like √n and so is greedier (3 good points of 100 instead of 10).
 *     In (0, 1].
 * @param maxGoodObservations the cap on {@code n_good} (default 25, as Optuna and Hyperopt's
 *     {@code linear_forgetting}). At least 1.
 * @param eiCandidates how many candidates are drawn from {@code l(x)} per proposed point and ranked
 *     by {@code log l(x) − log g(x)}, the quantity whose maximizer maximizes expected improvement
 *     (Bergstra et al. 2011, §4.1) (default 24, as Optuna's {@code n_ei_candidates} and
 *     Hyperopt's {@code n_EI_candidates}). At least 1.
 * @param priorWeight the weight of the prior component (a Gaussian at the box's centre with
 *     standard deviation its width) relative to weight 1 per observation in both {@code l} and
 *     {@code g} (default 1.0, as both libraries). Positive, so {@code l} and {@code g} are positive
 *     on the whole box and the ratio is always defined.
 * @param bandwidthRule how kernel widths are chosen (default {@link
 *     BandwidthRule#NEIGHBOR_DISTANCE}, the rule of both libraries' univariate TPE)
 * @param candidateSelection whether the argmax is taken per dimension or over whole candidate
 *     vectors (default {@link CandidateSelection#PER_DIMENSION}, what both libraries' default
 *     independent TPE does)
 * @param seed the seed of the tuner's random stream (default 0)
 */
public record TpeOptions(
    int startupCandidates,
    double gamma,
    int maxGoodObservations,
    int eiCandidates,
    double priorWeight,
    BandwidthRule bandwidthRule,
    CandidateSelection candidateSelection,
    long seed) {

  /** How the standard deviation of each kernel of a one-dimensional Parzen estimator is chosen. */
  public enum BandwidthRule {
    /**
     * The adaptive Parzen rule of Hyperopt's {@code adaptive_parzen_normal} and Optuna's
     * univariate TPE: sort the kernel centres together with the prior's centre; each centre's
     * σ is the larger distance to its two neighbours (the box bounds stand in for missing
     * neighbours; the outermost centres use their one inner neighbour, Optuna's default
     * {@code consider_endpoints=False}). Then σ is clipped to {@code [w / min(100, m + 2), w]}
     * (Optuna's "magic clip"; w the box width, m the number of observations), so a kernel never
     * collapses onto a point nor spreads wider than the box. Widths thus follow the local density
     * of observations: narrow where the good points cluster.
     */
    NEIGHBOR_DISTANCE,
    /**
     * One common width {@code σ = 0.2 · w · max(m, 1)^(−1/5)}: Scott's rule-of-thumb rate
     * {@code n^(−1/(d+4))} for a one-dimensional estimator (d = 1) with Optuna's multivariate-TPE
     * scale 0.2·w in place of the sample standard deviation, which is unstable with few good
     * points; clipped as above.
     */
    SCOTT
  }

  /** How the proposed point is chosen among the {@code eiCandidates} candidates drawn. */
  public enum CandidateSelection {
    /**
     * For each dimension j separately, keep the candidate coordinate that maximizes
     * {@code log l_j − log g_j}. Because l and g are products over dimensions, this maximizes
     * {@code log l(x) − log g(x)} over all {@code eiCandidates^d} combinations of the drawn
     * coordinates. This is what Hyperopt and Optuna's default (independent) TPE do.
     */
    PER_DIMENSION,
    /**
     * Keep the whole candidate vector with the largest {@code Σ_j (log l_j − log g_j)}: the
     * literal "draw from l(x), rank by l(x)/g(x)" of Bergstra et al. (2011), less greedy in high
     * dimension.
     */
    JOINT
  }

  /** Optuna's defaults with seed 0. */
  public static final TpeOptions DEFAULTS = new TpeOptions(
      10, 0.10, 25, 24, 1.0, BandwidthRule.NEIGHBOR_DISTANCE, CandidateSelection.PER_DIMENSION,
      0L);

  /** Validates every field; the message names the bad value. */
  public TpeOptions {
    if (startupCandidates < 0) {
      throw new IllegalArgumentException(
          "startupCandidates must be at least 0, got " + startupCandidates);
    }
    if (!(gamma > 0.0 && gamma <= 1.0)) {
      throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
    }
    if (maxGoodObservations < 1) {
      throw new IllegalArgumentException(
          "maxGoodObservations must be at least 1, got " + maxGoodObservations);
    }
    if (eiCandidates < 1) {
      throw new IllegalArgumentException("eiCandidates must be at least 1, got " + eiCandidates);
    }
    if (!(priorWeight > 0.0) || !Double.isFinite(priorWeight)) {
      throw new IllegalArgumentException(
          "priorWeight must be positive and finite, got " + priorWeight);
    }
    if (bandwidthRule == null) {
      throw new IllegalArgumentException("bandwidthRule must not be null");
    }
    if (candidateSelection == null) {
      throw new IllegalArgumentException("candidateSelection must not be null");
    }
  }

  /** The same options with another seed. */
  public TpeOptions withSeed(long newSeed) {
    return new TpeOptions(startupCandidates, gamma, maxGoodObservations, eiCandidates, priorWeight,
        bandwidthRule, candidateSelection, newSeed);
  }

  /** The same options with another number of startup candidates. */
  public TpeOptions withStartupCandidates(int n) {
    return new TpeOptions(n, gamma, maxGoodObservations, eiCandidates, priorWeight,
        bandwidthRule, candidateSelection, seed);
  }

  /** The same options with another bandwidth rule. */
  public TpeOptions withBandwidthRule(BandwidthRule rule) {
    return new TpeOptions(startupCandidates, gamma, maxGoodObservations, eiCandidates, priorWeight,
        rule, candidateSelection, seed);
  }

  /** The same options with another candidate selection. */
  public TpeOptions withCandidateSelection(CandidateSelection selection) {
    return new TpeOptions(startupCandidates, gamma, maxGoodObservations, eiCandidates, priorWeight,
        bandwidthRule, selection, seed);
  }

  /** The options as an ordered name → value map (for JSON logs and checkpoints). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("startup_candidates", startupCandidates);
    m.put("gamma", gamma);
    m.put("max_good_observations", maxGoodObservations);
    m.put("ei_candidates", eiCandidates);
    m.put("prior_weight", priorWeight);
    m.put("bandwidth_rule", bandwidthRule.name().toLowerCase(Locale.ROOT));
    m.put("candidate_selection", candidateSelection.name().toLowerCase(Locale.ROOT));
    m.put("seed", seed);
    return m;
  }

  /**
   * Reads options written by {@link #toMap}; absent keys keep their defaults.
   *
   * @throws IllegalArgumentException naming the key whose value is malformed or invalid
   */
  public static TpeOptions fromMap(Map<String, ?> m) {
    return new TpeOptions(
        intInteger(m, "startup_candidates", DEFAULTS.startupCandidates),
        number(m, "gamma", DEFAULTS.gamma),
        intInteger(m, "max_good_observations", DEFAULTS.maxGoodObservations),
        intInteger(m, "ei_candidates", DEFAULTS.eiCandidates),
        number(m, "prior_weight", DEFAULTS.priorWeight),
        constant(m, "bandwidth_rule", BandwidthRule.class, DEFAULTS.bandwidthRule),
        constant(m, "candidate_selection", CandidateSelection.class, DEFAULTS.candidateSelection),
        integer(m, "seed", DEFAULTS.seed));
  }

  private static double number(Map<String, ?> m, String key, double fallback) {
    Object v = m.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(v.toString());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option " + key + " is not a number: " + v, e);
    }
  }

  private static int intInteger(Map<String, ?> m, String key, int fallback) {
    long v = integer(m, key, fallback);
    if (v != (int) v) {
      throw new IllegalArgumentException("option " + key + " is out of int range: " + v);
    }
    return (int) v;
  }

  private static long integer(Map<String, ?> m, String key, long fallback) {
    Object v = m.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    try {
      return Long.parseLong(v.toString());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option " + key + " is not an integer: " + v, e);
    }
  }

  private static <E extends Enum<E>> E constant(
      Map<String, ?> m, String key, Class<E> type, E fallback) {
    Object v = m.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, v.toString().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E c : type.getEnumConstants()) {
        allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
      }
      throw new IllegalArgumentException(
          "option " + key + " is " + v + "; expected one of " + allowed, e);
    }
  }
}
