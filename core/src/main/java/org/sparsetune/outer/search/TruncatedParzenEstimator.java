package org.sparsetune.outer.search;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.sparsetune.outer.search.TpeOptions.BandwidthRule;

/**
 * A one-dimensional Parzen estimator on {@code [lower, upper]}: the mixture
 *
 * <pre>
 *   p(x) = Σ_k w_k · N(x; μ_k, σ_k²) / Z_k   on [lower, upper],
 *   Z_k  = Φ((upper − μ_k)/σ_k) − Φ((lower − μ_k)/σ_k),
 * </pre>
 *
 * of one Gaussian kernel per observed coordinate (weight 1 each) and a prior kernel at the
 * interval's centre with σ equal to its width (weight {@code priorWeight}), every kernel truncated
 * to the interval; weights are normalized to sum to 1. This is the adaptive Parzen estimator of
 * Bergstra et al. (2011, §4.2) as Hyperopt and Optuna implement it for a uniform parameter.
 * Immutable.
 */
final class TruncatedParzenEstimator {

  private static final double LOG_SQRT_TWO_PI = 0.5 * StrictMath.log(2.0 * Math.PI);

  /** Magic clip: σ ≥ width / min(MAX_CLIP_DIVISOR, m + 2) (Optuna, Hyperopt). */
  private static final double MAX_CLIP_DIVISOR = 100.0;

  /** Optuna's multivariate-TPE bandwidth scale, used by {@link BandwidthRule#SCOTT}. */
  private static final double SCOTT_SCALE = 0.2;

  /**
   * Rejection attempts before a truncated draw gives up and returns the kernel's centre. Each
   * attempt is accepted with probability at least 0.34 (centre in the interval, σ ≤ width), so the
   * fallback has probability below 0.66^1000 ≈ 1e-180: it never happens, but no loop is unbounded.
   */
  private static final int MAX_REJECTIONS = 1000;

  private final double lower;
  private final double upper;
  private final double[] mu;
  private final double[] sigma;
  private final double[] weight;
  private final double[] cumulativeWeight;
  /** log w_k − log σ_k − log Z_k − log √(2π): the log-density of kernel k is this − z²/2. */
  private final double[] logCoefficient;

  private TruncatedParzenEstimator(
      double lower, double upper, double[] mu, double[] sigma, double[] weight) {
    this.lower = lower;
    this.upper = upper;
    this.mu = mu;
    this.sigma = sigma;
    this.weight = weight;
    int n = mu.length;
    cumulativeWeight = new double[n];
    logCoefficient = new double[n];
    double running = 0.0;
    for (int k = 0; k < n; k++) {
      running += weight[k];
      cumulativeWeight[k] = running;
      double mass = StandardNormal.cdf((upper - mu[k]) / sigma[k])
          - StandardNormal.cdf((lower - mu[k]) / sigma[k]);
      logCoefficient[k] = StrictMath.log(weight[k]) - StrictMath.log(sigma[k])
          - StrictMath.log(mass) - LOG_SQRT_TWO_PI;
    }
  }

  /**
   * Fits the estimator to the first {@code count} entries of {@code centres}.
   *
   * @param centres observed coordinates, each in {@code [lower, upper]}
   * @param count how many entries of {@code centres} to use (m ≥ 0)
   * @param lower the interval's lower end
   * @param upper the interval's upper end, above {@code lower}
   * @param priorWeight weight of the prior kernel, positive; each observation weighs 1
   * @param rule how the kernels' σ are chosen
   */
  static TruncatedParzenEstimator fit(double[] centres, int count, double lower, double upper,
      double priorWeight, BandwidthRule rule) {
    double width = upper - lower;
    double priorMu = 0.5 * (lower + upper);
    int n = count + 1; // the observations' kernels, then the prior's
    double[] mu = new double[n];
    System.arraycopy(centres, 0, mu, 0, count);
    mu[count] = priorMu;
    double[] sigma = switch (rule) {
      case NEIGHBOR_DISTANCE -> neighborDistanceSigmas(mu, lower, upper);
      case SCOTT -> scottSigmas(count, width);
    };
    double minSigma = width / Math.min(MAX_CLIP_DIVISOR, count + 2.0);
    for (int k = 0; k < count; k++) {
      sigma[k] = Math.min(Math.max(sigma[k], minSigma), width);
    }
    sigma[count] = width;
    double[] weight = new double[n];
    double total = count + priorWeight;
    Arrays.fill(weight, 0, count, 1.0 / total);
    weight[count] = priorWeight / total;
    return new TruncatedParzenEstimator(lower, upper, mu, sigma, weight);
  }

  /**
   * {@link BandwidthRule#NEIGHBOR_DISTANCE} before clipping: for each centre (the prior's
   * included), the larger gap to its sorted neighbours, the interval's ends standing in for missing
   * neighbours; the smallest and largest centre use their one inner gap when there are ≥ 2 centres.
   */
  private static double[] neighborDistanceSigmas(double[] centres, double lower, double upper) {
    int n = centres.length;
    int[] order = sortedOrder(centres);
    double[] sigma = new double[n];
    for (int s = 0; s < n; s++) {
      double x = centres[order[s]];
      double left = s == 0 ? lower : centres[order[s - 1]];
      double right = s == n - 1 ? upper : centres[order[s + 1]];
      double gap;
      if (n >= 2 && s == 0) {
        gap = right - x;
      } else if (n >= 2 && s == n - 1) {
        gap = x - left;
      } else {
        gap = Math.max(x - left, right - x);
      }
      sigma[order[s]] = gap;
    }
    return sigma;
  }

  /** {@link BandwidthRule#SCOTT} before clipping: 0.2 · width · max(m, 1)^(−1/5) for all. */
  private static double[] scottSigmas(int count, double width) {
    double[] sigma = new double[count + 1];
    Arrays.fill(sigma, SCOTT_SCALE * width * StrictMath.pow(Math.max(count, 1), -0.2));
    return sigma;
  }

  /**
   * Indices of {@code values} in ascending order of value, ties in index order. Boxed, but
   * called once per fit (O(n log n) next to the O(n) work of every density evaluation).
   */
  private static int[] sortedOrder(double[] values) {
    int n = values.length;
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(values[a], values[b])); // stable merge sort
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = idx[i];
    }
    return order;
  }

  /** log p(x); −∞ outside {@code [lower, upper]}. */
  double logDensity(double x) {
    if (!(x >= lower && x <= upper)) {
      return Double.NEGATIVE_INFINITY;
    }
    int n = mu.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      double z = (x - mu[k]) / sigma[k];
      max = Math.max(max, logCoefficient[k] - 0.5 * z * z);
    }
    double sum = 0.0;
    for (int k = 0; k < n; k++) {
      double z = (x - mu[k]) / sigma[k];
      sum += StrictMath.exp(logCoefficient[k] - 0.5 * z * z - max);
    }
    return max + StrictMath.log(sum);
  }

  /** One draw from p: a kernel chosen by weight, then its truncated Gaussian by rejection. */
  double sample(SplittableRandom rng) {
    double u = rng.nextDouble() * cumulativeWeight[cumulativeWeight.length - 1];
    int k = 0;
    while (k < cumulativeWeight.length - 1 && u >= cumulativeWeight[k]) {
      k++;
    }
    for (int attempt = 0; attempt < MAX_REJECTIONS; attempt++) {
      double x = mu[k] + sigma[k] * StandardNormal.sample(rng);
      if (x >= lower && x <= upper) {
        return x;
      }
    }
    return mu[k];
  }

  /** Number of kernels (observations + the prior, which is last). */
  int kernels() {
    return mu.length;
  }

  /** Centre of kernel {@code k}. */
  double mu(int k) {
    return mu[k];
  }

  /** Standard deviation of kernel {@code k} (before truncation). */
  double sigma(int k) {
    return sigma[k];
  }

  /** Normalized weight of kernel {@code k}. */
  double weight(int k) {
    return weight[k];
  }
}
