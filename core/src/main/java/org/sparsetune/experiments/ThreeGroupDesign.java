package org.sparsetune.experiments;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The three-group regression design of the paper's Experiment 2 (§5.2, Table 1): signal features,
 * correlated-noise features and pure-noise features. The paper states the groups, the 60/20/20
 * split and l2 = 1/n_train; everything else here is this project's documented choice
 * (docs/experiments/generators.md), fixed before any result was seen and not tuned toward one.
 *
 * <p><b>Design.</b> {@code n = round(nOverP·p)} rows in total, {@code s = max(1,
 * round(nnzFraction·p))}. The columns are, in this order and as contiguous blocks, {@code [signal
 * (s) | correlated (s) | noise (p - 2s)]}. Signal and noise entries are i.i.d. N(0, 1); correlated
 * column j is {@code RHO_CORRELATED·A_sig,j + sqrt(1 - RHO_CORRELATED²)·ξ_j} (paired with signal
 * column j itself), ξ_j i.i.d. N(0, 1). β* is ±{@link #BETA_MAGNITUDE} (random signs) on the signal
 * features and 0 elsewhere; {@code b = Aβ* + }{@link #SIGMA}{@code ·ε}. The rows are split
 * 60/20/20 by {@code Splits.split(n, seed)}; l2 = 1/n_train; nothing is standardized.
 *
 * <p><b>Draw order.</b> {@code root = new SplittableRandom(seed)}; three child streams are split off
 * it in this order: signs (signal features, one {@code nextLong()} each), the design (column by
 * column in feature order, each column row by row; a correlated column draws its ξ_j), the label
 * noise ε (row by row). See {@link SyntheticDraws}.
 */
public final class ThreeGroupDesign {
  /** Correlation of each correlated-noise feature with its signal feature (our choice: 0.9). */
  public static final double RHO_CORRELATED = 0.9;
  /** Standard deviation σ of the label noise (our choice: 0.1). */
  public static final double SIGMA = 0.1;
  /** The magnitude of the nonzero true coefficients, with random signs (our choice: 1). */
  public static final double BETA_MAGNITUDE = 1.0;

  /** Name of the signal group: the true support. */
  public static final String SIGNAL = "signal";
  /** Name of the correlated-noise group: irrelevant, each correlated with one signal feature. */
  public static final String CORRELATED = "correlated";
  /** Name of the pure-noise group. */
  public static final String NOISE = "noise";
  /** The group names in column order; group code k is {@code GROUP_NAMES.get(k)}. */
  public static final List<String> GROUP_NAMES = List.of(SIGNAL, CORRELATED, NOISE);

  private ThreeGroupDesign() {}

  /**
   * The number of signal (and of correlated) features, {@code max(1, round(nnzFraction·p))}.
   */
  public static int signalCount(int p, double nnzFraction) {
    if (!(nnzFraction > 0.0 && nnzFraction < 0.5)) {
      throw new IllegalArgumentException("nnzFraction must lie in (0, 0.5), got " + nnzFraction);
    }
    return (int) Math.max(1L, Math.round(nnzFraction * p));
  }

  /**
   * Generates an instance.
   *
   * @param p the number of features, at least 3, with {@code 2·signalCount(p, nnzFraction) < p}
   * @param nOverP the total row count over p (n = round(nOverP·p) before the split), positive
   * @param nnzFraction the fraction of signal features, in (0, 0.5)
   * @param seed the seed; the same arguments and seed give the same bits on any machine
   */
  public static SyntheticInstance generate(int p, double nOverP, double nnzFraction, long seed) {
    if (p < 3) {
      throw new IllegalArgumentException("p must be at least 3 (one feature per group), got " + p);
    }
    int s = signalCount(p, nnzFraction);
    if (2 * s >= p) {
      throw new IllegalArgumentException("nnzFraction " + nnzFraction + " gives " + s
          + " signal and " + s + " correlated features, which leaves no noise feature of p = " + p);
    }
    if (!(nOverP > 0.0) || !Double.isFinite(nOverP)) {
      throw new IllegalArgumentException("nOverP must be positive and finite, got " + nOverP);
    }
    long nLong = Math.round(nOverP * p);
    if (nLong > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("nOverP " + nOverP + " gives " + nLong + " rows");
    }
    int n = (int) nLong;
    SyntheticDraws.checkRows(n, p);

    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom signs = root.split();
    SplittableRandom design = root.split();
    SplittableRandom noise = root.split();

    int[] groups = new int[p];
    double[] beta = new double[p];
    for (int j = 0; j < p; j++) {
      groups[j] = j < s ? 0 : j < 2 * s ? 1 : 2;
    }
    for (int j = 0; j < s; j++) {
      beta[j] = SyntheticDraws.sign(signs) * BETA_MAGNITUDE;
    }
    double[] data = new double[n * p];
    for (int j = 0; j < p; j++) {
      if (j >= s && j < 2 * s) {
        SyntheticDraws.correlatedColumn(data, n, j, j - s, RHO_CORRELATED, design);
      } else {
        SyntheticDraws.normalColumn(data, n, j, design);
      }
    }
    double[] b = SyntheticDraws.labels(data, n, beta, SIGMA, noise);
    String description = "three-group n=" + n + " p=" + p + " n/p=" + nOverP + " nnz="
        + nnzFraction + " seed=" + seed;
    return SyntheticDraws.instance(
        description, data, n, p, b, beta, groups, GROUP_NAMES, RHO_CORRELATED, seed);
  }
}
