package org.sparsetune.outer.search;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Tree-structured Parzen Estimator (TPE) of Bergstra, Bardenet, Bengio &amp; Kégl, "Algorithms
 * for Hyper-Parameter Optimization", NeurIPS 2011 (§4), as used by Bergstra, Yamins &amp; Cox,
 * "Making a Science of Model Search", ICML 2013, for a box of continuous coordinates. It minimizes
 * a black-box objective {@code f(x)} over the box from values alone; in sparsetune {@code f} is
 * the validation loss {@code L(y*(x))} as a function of the log-penalties x.
 *
 * <p><b>Model.</b> TPE models {@code p(x | y)} instead of {@code p(y | x)}: the told observations
 * are split at the γ-quantile {@code y*} of their values (§4) into the good ones ({@code y <
 * y*}) and the rest, and two densities are fitted,
 *
 * <pre>
 *   l(x) = Π_j l_j(x_j)   from the good observations,
 *   g(x) = Π_j g_j(x_j)   from the others (failures included, see below),
 * </pre>
 *
 * each {@code l_j}, {@code g_j} a one-dimensional Parzen estimator on {@code [lower_j, upper_j]}:
 * truncated Gaussian kernels at the observed coordinates plus a prior kernel (options in {@link
 * TpeOptions}). Expected improvement over {@code y*} is increasing in {@code l(x)/g(x)} (§4.1:
 * {@code EI ∝ (γ + (1 − γ) g(x)/l(x))^(−1)}), so each proposed point maximizes {@code log l(x) −
 * log g(x)} over {@code eiCandidates} draws from {@code l} ({@link TpeOptions.CandidateSelection}).
 * The first {@code startupCandidates} points are uniform, as is every point while no finite value
 * has been told.
 *
 * <p><b>Failures.</b> Observations with a non-finite value rank last, so they always belong to
 * {@code g}: TPE is steered away from where evaluations fail instead of ignoring them (Optuna
 * drops failed trials; with a deterministic objective such as a validation loss, a failure is
 * information about the region).
 *
 * <p><b>Batches: constant liar.</b> {@code ask(k)} proposes its points one after another from one
 * model of the told observations; each proposed point is then added to {@code g} as a pending
 * observation with a pessimistic "lie" (it counts as bad) before the next point is chosen. Later
 * points of the batch are therefore pushed away from earlier ones (g is larger there), giving k
 * distinct candidates that still favour good regions. This is Optuna's {@code constant_liar}
 * (pending trials go to the bad group); the alternative of k independent draws from one model
 * tends to propose near-duplicates once l is concentrated. The split quantile counts told
 * observations only.
 *
 * <p><b>Weights.</b> Every observation weighs 1 in its group. Hyperopt and Optuna down-weight the
 * oldest observations of g beyond the latest 25 ("linear forgetting"), which suits drifting
 * objectives; a validation loss does not drift, so this implementation keeps the 2011 paper's
 * uniform weights.
 *
 * <p><b>Randomness.</b> Ask call k uses its own split of {@code new SplittableRandom(seed)} (see
 * {@link TunerState}), and point i of the batch its own further split of that stream, so runs
 * with the same seed and told values repeat exactly and {@link #resume} continues exactly. All
 * transcendental functions are {@link StrictMath}, so results do not depend on the platform.
 *
 * <p>Cost of one proposed point: {@code O(eiCandidates · d · n)} density terms plus {@code O(d · n
 * log n)} to fit {@code g}, for n observations in d dimensions.
 */
public final class TreeParzenEstimator extends SeededTuner {

  private final TpeOptions options;

  /**
   * A fresh TPE over {@code space}.
   *
   * @param space the box to search
   * @param options validated options; {@link TpeOptions#seed()} seeds the random stream
   */
  public TreeParzenEstimator(SearchSpace space, TpeOptions options) {
    super(space, requireOptions(options).seed());
    this.options = options;
  }

  private TreeParzenEstimator(SearchSpace space, TpeOptions options, TunerState state) {
    super(space, state);
    this.options = options;
  }

  /**
   * A TPE that continues exactly where the one that wrote {@code state} stopped.
   *
   * @param space the box of the original run
   * @param options the options of the original run
   * @param state its {@link #state()}
   * @throws IllegalArgumentException if the options' seed is not the state's seed, or a history
   *     point is not in {@code space}
   */
  public static TreeParzenEstimator resume(SearchSpace space, TpeOptions options,
      TunerState state) {
    requireOptions(options);
    if (state != null && state.seed() != options.seed()) {
      throw new IllegalArgumentException(
          "state was written with seed " + state.seed() + " but the options have seed "
              + options.seed() + "; resume with the original run's options");
    }
    return new TreeParzenEstimator(space, options, state);
  }

  private static TpeOptions requireOptions(TpeOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null (use TpeOptions.DEFAULTS)");
    }
    return options;
  }

  /** The options this TPE runs with. */
  public TpeOptions options() {
    return options;
  }

  @Override
  double[][] propose(int batchSize, SplittableRandom stream) {
    SplittableRandom[] pointStreams = new SplittableRandom[batchSize];
    for (int i = 0; i < batchSize; i++) {
      pointStreams[i] = stream.split();
    }
    SearchSpace space = space();
    int d = space.dimension();
    List<Observation> ranked = new ArrayList<>(observations());
    ranked.sort(Observation.BY_VALUE); // stable: ties keep their told order
    int told = ranked.size();
    int finite = 0;
    for (Observation o : ranked) {
      if (!o.failed()) {
        finite++;
      }
    }
    int good = goodCount(told, finite);

    // Column-major groups: good[j][r], and bad[j][r] with room for the batch's pending points.
    double[][] goodCoords = new double[d][good];
    double[][] badCoords = new double[d][told - good + batchSize];
    for (int r = 0; r < told; r++) {
      Observation o = ranked.get(r);
      for (int j = 0; j < d; j++) {
        if (r < good) {
          goodCoords[j][r] = o.coordinate(j);
        } else {
          badCoords[j][r - good] = o.coordinate(j);
        }
      }
    }
    int bad = told - good;

    TruncatedParzenEstimator[] l = null;
    double[][] points = new double[batchSize][];
    for (int i = 0; i < batchSize; i++) {
      if (told + i < options.startupCandidates() || finite == 0) {
        points[i] = space.uniform(pointStreams[i]);
      } else {
        if (l == null) {
          l = fitAll(goodCoords, good);
        }
        points[i] = select(l, fitAll(badCoords, bad), pointStreams[i]);
      }
      for (int j = 0; j < d; j++) {
        badCoords[j][bad] = points[i][j]; // constant liar: pending points count as bad
      }
      bad++;
    }
    return points;
  }

  /**
   * {@code n_good = min(⌈γ·n⌉, cap, finite)}, at least 1 when some value is finite; 0 when none
   * is (then only uniform points are asked).
   */
  private int goodCount(int told, int finite) {
    if (finite == 0) {
      return 0;
    }
    // In floating point, as Optuna's default_gamma: 0.1 · 30 rounds up to 3.0000000000000004, so
    // ⌈·⌉ gives 4 there; kept for parity with the reference rather than patched with a slack.
    double quantile = Math.ceil(options.gamma() * told);
    int n = (int) Math.min(quantile, Math.min(options.maxGoodObservations(), finite));
    return Math.max(1, n);
  }

  /** One estimator per dimension from the first {@code count} entries of each row. */
  private TruncatedParzenEstimator[] fitAll(double[][] coords, int count) {
    SearchSpace space = space();
    TruncatedParzenEstimator[] fitted = new TruncatedParzenEstimator[coords.length];
    for (int j = 0; j < coords.length; j++) {
      fitted[j] = TruncatedParzenEstimator.fit(coords[j], count, space.lower(j), space.upper(j),
          options.priorWeight(), options.bandwidthRule());
    }
    return fitted;
  }

  /**
   * Draws {@code eiCandidates} candidates from l (candidate by candidate, dimension by dimension)
   * and keeps the best by {@code log l − log g} as {@link TpeOptions.CandidateSelection} says;
   * ties go to the earliest candidate.
   */
  private double[] select(TruncatedParzenEstimator[] l, TruncatedParzenEstimator[] g,
      SplittableRandom rng) {
    int d = l.length;
    int m = options.eiCandidates();
    double[][] candidate = new double[m][d];
    double[][] score = new double[m][d];
    for (int c = 0; c < m; c++) {
      for (int j = 0; j < d; j++) {
        double x = l[j].sample(rng);
        candidate[c][j] = x;
        score[c][j] = l[j].logDensity(x) - g[j].logDensity(x);
      }
    }
    double[] chosen = new double[d];
    switch (options.candidateSelection()) {
      case PER_DIMENSION -> {
        for (int j = 0; j < d; j++) {
          int best = 0;
          for (int c = 1; c < m; c++) {
            if (score[c][j] > score[best][j]) {
              best = c;
            }
          }
          chosen[j] = candidate[best][j];
        }
      }
      case JOINT -> {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < m; c++) {
          double s = 0.0;
          for (int j = 0; j < d; j++) {
            s += score[c][j];
          }
          if (s > bestScore) {
            best = c;
            bestScore = s;
          }
        }
        System.arraycopy(candidate[best], 0, chosen, 0, d);
      }
    }
    return chosen;
  }
}
