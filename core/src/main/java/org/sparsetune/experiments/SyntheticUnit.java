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
 * @param dataset the real data set's name (Experiment 5), or null for the synthetic designs
 * @param dataPath where the real data set is read from (any Hadoop path), or null
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
    int maxIterations,
    String dataset,
    String dataPath) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A unit of a synthetic design (no real data set). */
  public SyntheticUnit(String experiment, int n, int p, double rho, double nOverP, double nnz,
      long seed, String method, int maxIterations) {
    this(experiment, n, p, rho, nOverP, nnz, seed, method, maxIterations, null, null);
  }

  /** A unit of Experiment 5 on a real data set. */
  public static SyntheticUnit onData(String experiment, String dataset, String dataPath,
      long seed, String method, int maxIterations) {
    return new SyntheticUnit(experiment, 0, 0, Double.NaN, Double.NaN, Double.NaN, seed, method,
        maxIterations, dataset, dataPath);
  }

  /** Whether the unit runs on a real data set (Experiment 5). */
  public boolean onRealData() {
    return dataset != null;
  }

  /** Whether the unit uses the calibrated degenerate design (exp3, exp4). */
  public boolean degenerate() {
    return experiment.equals("exp3") || experiment.equals("exp4");
  }

  /** The configuration as the {@code config} object of results.json (no seed, no method). */
  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (onRealData()) {
      m.put("dataset", dataset);
      return m;
    }
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
    if (onRealData()) {
      return dataset;
    }
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
