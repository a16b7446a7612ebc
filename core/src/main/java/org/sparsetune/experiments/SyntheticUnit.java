package org.sparsetune.experiments;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One independent unit of a synthetic experiment: a (configuration, seed, method) triple. Units
 * share nothing, so Spark runs them in parallel and a restarted run skips the ones already
 * written.
 *
 * @param experiment {@code exp2}, {@code exp3} or {@code exp4}
 * @param n total rows before the 60/20/20 split
 * @param p features
 * @param rho hidden–distractor correlation (degenerate design; NaN for exp2)
 * @param nOverP n/p (exp2; NaN otherwise)
 * @param nnz fraction of signal features (exp2; NaN otherwise)
 * @param seed the data seed
 * @param method the method's result name: {@code scalar-grid}, {@code sparse-ho}, {@code nba-null},
 *     {@code nba-sc}, {@code ntrba-null} or {@code ntrba-sc}
 * @param maxIterations outer iterations of the bilevel methods
 */
public record SyntheticUnit(
    String experiment,
    int n,
    int p,
    double rho,
    double nOverP,
    double nnz,
    long seed,
    String method,
    int maxIterations) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Whether the unit uses the calibrated degenerate design (exp3, exp4). */
  public boolean degenerate() {
    return !experiment.equals("exp2");
  }

  /** The configuration as the {@code config} object of results.json (no seed, no method). */
  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", n);
    m.put("p", p);
    if (degenerate()) {
      m.put("rho", rho);
    } else {
      m.put("n_over_p", nOverP);
      m.put("nnz", nnz);
    }
    return m;
  }

  /** A key that names the configuration (without seed and method), e.g. {@code rho0.98-n200-p300}. */
  public String configKey() {
    return degenerate()
        ? String.format(Locale.ROOT, "rho%s-n%d-p%d", num(rho), n, p)
        : String.format(Locale.ROOT, "p%d-np%s-nnz%s", p, num(nOverP), num(nnz));
  }

  /** A file-name-safe unique key, e.g. {@code exp4-rho0.98-n200-p300-seed0-ntrba-sc}. */
  public String key() {
    return experiment + "-" + configKey() + "-seed" + seed + "-" + method;
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
