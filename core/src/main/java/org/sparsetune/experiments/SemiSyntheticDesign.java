package org.sparsetune.experiments;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.Split;
import org.sparsetune.data.Splits;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.linalg.WeightedGram;
import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.ProximalCoordinateDescent;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.WarmStart;

/**
 * The semi-synthetic design of Experiment 5, Setting 1 (paper §5.5.1): a real sparse feature matrix
 * gives the correlation structure, a known sparse logistic truth is injected, and the initial
 * penalties are calibrated so that the hidden relevant features start biactive.
 *
 * <p><b>Background.</b> Of the real matrix (its labels are ignored; rows optionally subsampled, see
 * {@link #draw}) the columns that are not constant over the rows are ranked by their population
 * variance, descending (ties: lower column index first), in one pass over the CSC arrays; the
 * background is the first {@link #MAX_BACKGROUND} of them (all when fewer), skipping any column
 * whose stored entries equal, bit for bit, those of a column already taken (duplicates: w8a has
 * 33 of its 300 columns that repeat another one exactly, and a pair of identical columns would
 * have ρ = 1, no distinguishable hidden feature and α_dist = 0). Every background column is scaled
 * to unit root-mean-square over the rows, {@code a_j ← a_j / sqrt(mean_i a_ij²)}, which keeps
 * zeros zero and gives each real column the second moment of an N(0, 1) easy column (a ±1
 * coefficient on a raw TF-IDF column, whose entries are ≪ 1, would be almost invisible).
 *
 * <p><b>Pairs.</b> The Pearson correlations of the scaled background columns come from their Gram
 * matrix ({@link WeightedGram.RowPairs}, no dense n × m copy) and their means; {@link #PAIRS}
 * disjoint pairs are taken greedily by |ρ| (the largest remaining |ρ| whose two columns are both
 * unused; ties: the pair first in (lower, higher) background order). In each pair one {@code
 * nextLong()} of the seed's roles stream decides which column is hidden (negative: the pair's lower
 * real column index, else the higher) and which distractor.
 *
 * <p><b>Design and labels.</b> {@code A = [A_easy | A_dist | A_hid | A_noise]}: {@link #EASY}
 * injected i.i.d. N(0, 1) columns (dense columns inside the CSC matrix), the distractors and hidden
 * columns in pair order (distractor k and hidden k are pair k, pairs by descending |ρ|), then the
 * remaining background columns ("noise") by ascending real index. β* is ±1 (random signs) on easy
 * and hidden and 0 elsewhere; {@code η = Aβ* + }{@link #LOGIT_NOISE}{@code ·ε} with ε i.i.d. N(0,
 * 1), and {@code b_i = +1} with probability {@code sigmoid(η_i)}, else -1 (Bernoulli: the paper
 * does not say whether labels are sampled or thresholded). The rows are split 60/20/20 stratified on
 * b ({@link Splits#splitStratified} with the seed); l2 = 1/n_train; the loss is logistic and the
 * upper level the validation logistic loss.
 *
 * <p><b>Draw order.</b> {@code root = new SplittableRandom(seed)}; six child streams are split off
 * it in this order: rows (the subsample, only drawn from when one is asked for), roles (one {@code
 * nextLong()} per pair), signs (easy features, then hidden features), the easy columns (column by
 * column, row by row), the logit noise ε (row by row), the label draws (one {@code nextDouble()}
 * per row). See {@link SyntheticDraws} and docs/experiments/generators.md.
 *
 * <p><b>Calibration</b> ({@link #calibrate}): the degenerate design's two passes (§5.2) with the
 * logistic gradient and each pair's own ρ_j = |ρ of pair j|: pass 1 at α_easy = 0.5, α_dist,j =
 * 0.5(1-ρ_j²)/ρ_j, α_noise = 10 and the hidden {@link #SENTINEL_PENALTY} gives β_S; then {@code
 * g_hid,j = (1/n_train) A_tr,hid,jᵀ ∇ℓ(A_tr β_S)} with {@code ∇ℓ_i = -b_i sigmoid(-b_i a_iᵀβ_S)}
 * and {@code α_hid,j = |g_hid,j|(1 + δ)}, so that β_S is the lower-level solution at x⁰ and each
 * hidden coordinate is zero with slack 1/(1+δ), inside the biactive band {@link #BIACTIVE_TOL_REL}.
 */
public final class SemiSyntheticDesign {
  /** Injected easy features, i.i.d. N(0, 1) (paper: 10). */
  public static final int EASY = 10;
  /** Distractor/hidden pairs taken from the background (paper: 15). */
  public static final int PAIRS = 15;
  /** The most real columns kept as background, by variance (paper: "up to 500"). */
  public static final int MAX_BACKGROUND = 500;
  /** The standard deviation of the additive Gaussian logit noise (paper: 0.20). */
  public static final double LOGIT_NOISE = 0.20;
  /** The magnitude of the nonzero true coefficients (paper: ±1). */
  public static final double BETA_STD = 1.0;
  /** The slack δ of the hidden penalties, {@code α_hid = |g_hid|(1 + δ)} (paper: 0.05). */
  public static final double DELTA = 0.05;
  /** The hidden penalty of calibration pass 1 (as {@link DegenerateDesign#SENTINEL_PENALTY}). */
  public static final double SENTINEL_PENALTY = 10.0;
  /** The oracle's relative biactive band for this design (as for the degenerate design: 0.10). */
  public static final double BIACTIVE_TOL_REL = 0.10;
  /** α_easy = this · β_std in calibration pass 1 (paper: 0.5). */
  public static final double EASY_PENALTY_FACTOR = 0.5;
  /** α_dist,j = this · (1 - ρ_j²)/ρ_j · β_std in calibration pass 1 (paper: 0.5). */
  public static final double DISTRACTOR_PENALTY_FACTOR = 0.5;
  /** α_noise = this · β_std in calibration pass 1 (paper: 10). */
  public static final double NOISE_PENALTY_FACTOR = 10.0;
  /**
   * The fewest rows accepted, a floor against degenerate inputs (the stratified split is also
   * checked to leave every part at least one row).
   */
  public static final int MIN_ROWS = 20;

  private SemiSyntheticDesign() {}

  /**
   * An instance together with where its columns and rows came from in the real data.
   *
   * @param instance the instance (logistic loss, groups {@link DegenerateDesign#GROUP_NAMES})
   * @param rows the rows of the real data used, ascending (all of them unless subsampled); row i
   *     of the generated data is real row {@code rows[i]}
   * @param background the background columns (real indices, ascending): distractors, hidden and
   *     noise together
   * @param sourceColumn for each design column, the real column it is a scaled copy of, or -1 for
   *     an injected easy column
   * @param scale for each design column, the factor its real column was multiplied by (1/RMS), or
   *     NaN for an easy column
   * @param pairCorrelations the signed Pearson correlation of distractor k and hidden k over all
   *     rows, exactly {@link #pairCorrelations(SyntheticInstance)} of the instance
   */
  public record Generated(SyntheticInstance instance, int[] rows, int[] background,
      int[] sourceColumn, double[] scale, double[] pairCorrelations) {}

  /** {@link #draw} with all rows, returning the instance only. */
  public static SyntheticInstance generate(LabeledData real, String name, long seed) {
    return draw(real, name, seed, Integer.MAX_VALUE).instance();
  }

  /** {@link #draw} returning the instance only. */
  public static SyntheticInstance generate(LabeledData real, String name, long seed, int maxRows) {
    return draw(real, name, seed, maxRows).instance();
  }

  /**
   * Generates an instance from a real data set (see the class comment for every rule).
   *
   * @param real the real data: any design (a CSC one is used as is, another is converted); its
   *     labels are ignored
   * @param name the data set's name, for the description (e.g. {@code w8a})
   * @param seed the seed; the same data, arguments and seed give the same bits on any machine
   * @param maxRows use at most this many rows: when the data has more, a uniformly random subset
   *     of this size (by the seed's rows stream), kept in ascending order; at least {@link
   *     #MIN_ROWS}
   * @throws IllegalArgumentException if the data has fewer than {@link #MIN_ROWS} rows (after the
   *     subsample) or fewer than 2·{@link #PAIRS} distinct non-constant columns
   */
  public static Generated draw(LabeledData real, String name, long seed, int maxRows) {
    if (real == null || name == null || name.isBlank()) {
      throw new IllegalArgumentException("real data and a non-blank name are required");
    }
    if (maxRows < MIN_ROWS) {
      throw new IllegalArgumentException("maxRows must be at least " + MIN_ROWS + ", got " + maxRows);
    }
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom rowsRng = root.split();
    SplittableRandom rolesRng = root.split();
    SplittableRandom signsRng = root.split();
    SplittableRandom easyRng = root.split();
    SplittableRandom noiseRng = root.split();
    SplittableRandom labelRng = root.split();

    CscMatrix full = CscMatrix.copyOf(real.features());
    int[] rows = subsample(full.rows(), maxRows, rowsRng);
    CscMatrix a = rows.length == full.rows() ? full : full.selectRows(rows);
    int n = a.rows();
    if (n < MIN_ROWS) {
      throw new IllegalArgumentException(real.source() + ": " + n + " rows; the semi-synthetic "
          + "design needs at least " + MIN_ROWS);
    }

    // Background: top-variance distinct non-constant columns, then unit RMS.
    double[] sum = new double[a.cols()];
    double[] sumSq = new double[a.cols()];
    double[] variance = columnVariances(a, sum, sumSq);
    int[] background = topVarianceDistinct(a, variance, MAX_BACKGROUND);
    int m = background.length;
    if (m < 2 * PAIRS) {
      throw new IllegalArgumentException(real.source() + " has " + m + " distinct non-constant "
          + "columns" + (rows.length < full.rows() ? " in " + n + " sampled rows" : "")
          + "; the semi-synthetic design needs at least " + 2 * PAIRS + " (" + PAIRS + " pairs)");
    }
    double[] bgScale = new double[m];
    double[] bgMean = new double[m];
    for (int k = 0; k < m; k++) {
      int c = background[k];
      bgScale[k] = 1.0 / Math.sqrt(sumSq[c] / n);
      bgMean[k] = sum[c] * bgScale[k] / n;
    }
    CscMatrix scaled = scaledColumns(a, background, bgScale);

    // Pairs: greedy by |ρ|, roles by the seed.
    double[] corr = correlations(scaled, bgMean);
    int[][] pairs = greedyPairs(corr, m, PAIRS);
    int[] dist = new int[PAIRS];
    int[] hid = new int[PAIRS];
    boolean[] used = new boolean[m];
    for (int k = 0; k < PAIRS; k++) {
      boolean lowerHidden = SyntheticDraws.sign(rolesRng) < 0;
      hid[k] = lowerHidden ? pairs[k][0] : pairs[k][1];
      dist[k] = lowerHidden ? pairs[k][1] : pairs[k][0];
      used[pairs[k][0]] = true;
      used[pairs[k][1]] = true;
    }

    // Column order: easy | distractors | hidden | noise (background positions).
    int p = EASY + m;
    int[] order = new int[m]; // background position of design column EASY + t
    int t = 0;
    for (int k = 0; k < PAIRS; k++) {
      order[t++] = dist[k];
    }
    for (int k = 0; k < PAIRS; k++) {
      order[t++] = hid[k];
    }
    for (int k = 0; k < m; k++) {
      if (!used[k]) {
        order[t++] = k;
      }
    }
    int[] groups = new int[p];
    int[] sourceColumn = new int[p];
    double[] scale = new double[p];
    for (int j = 0; j < p; j++) {
      groups[j] = j < EASY ? 0 : j < EASY + PAIRS ? 1 : j < EASY + 2 * PAIRS ? 2 : 3;
      sourceColumn[j] = j < EASY ? -1 : background[order[j - EASY]];
      scale[j] = j < EASY ? Double.NaN : bgScale[order[j - EASY]];
    }
    double[] beta = new double[p];
    for (int j = 0; j < EASY; j++) {
      beta[j] = SyntheticDraws.sign(signsRng) * BETA_STD;
    }
    for (int j = EASY + PAIRS; j < EASY + 2 * PAIRS; j++) {
      beta[j] = SyntheticDraws.sign(signsRng) * BETA_STD;
    }
    CscMatrix design = assemble(n, scaled, order, easyRng);
    double[] labels = labels(design, beta, noiseRng, labelRng);

    String description = "semi-synthetic " + name + " n=" + n + " p=" + p + " seed=" + seed;
    LabeledData all = new LabeledData(description, design, labels);
    Split split = Splits.splitStratified(labels, Splits.Fractions.DEFAULT, seed);
    if (split.train().length < 1 || split.validation().length < 1 || split.test().length < 1) {
      throw new IllegalArgumentException(description + ": the stratified split has "
          + split.train().length + "/" + split.validation().length + "/" + split.test().length
          + " rows; every part needs one");
    }
    Split.Parts parts = split.apply(all);
    SyntheticInstance instance = new SyntheticInstance(
        description,
        relabel(parts.train(), description + " [train]"),
        relabel(parts.validation(), description + " [validation]"),
        relabel(parts.test(), description + " [test]"),
        beta,
        groups,
        DegenerateDesign.GROUP_NAMES,
        1.0 / parts.train().rows(),
        Double.NaN,
        Loss.LOGISTIC);
    int[] bg = background.clone(); // ascending already
    return new Generated(instance, rows, bg, sourceColumn, scale, pairCorrelations(instance));
  }

  /**
   * The signed Pearson correlation of distractor k and hidden k (k = 0 .. PAIRS-1, the design's
   * pair order) over all rows of the instance (training, then validation, then test rows), by
   * two-pass sums (means first, then centred cross products).
   *
   * @throws IllegalArgumentException if the instance lacks the groups or they differ in size
   */
  public static double[] pairCorrelations(SyntheticInstance instance) {
    int[][] dh = checkedPairs(instance);
    int[] dist = dh[0];
    int[] hid = dh[1];
    DesignMatrix[] partsOf = {instance.train().features(), instance.validation().features(),
        instance.test().features()};
    int n = 0;
    for (DesignMatrix d : partsOf) {
      n += d.rows();
    }
    double[] out = new double[dist.length];
    for (int k = 0; k < dist.length; k++) {
      double[] u = new double[n];
      double[] v = new double[n];
      int off = 0;
      for (DesignMatrix d : partsOf) {
        d.columnAxpyInto(dist[k], u, off);
        d.columnAxpyInto(hid[k], v, off);
        off += d.rows();
      }
      double mu = 0.0;
      double mv = 0.0;
      for (int i = 0; i < n; i++) {
        mu += u[i];
        mv += v[i];
      }
      mu /= n;
      mv /= n;
      double suv = 0.0;
      double suu = 0.0;
      double svv = 0.0;
      for (int i = 0; i < n; i++) {
        double du = u[i] - mu;
        double dv = v[i] - mv;
        suv += du * dv;
        suu += du * du;
        svv += dv * dv;
      }
      out[k] = suv / Math.sqrt(suu * svv);
    }
    return out;
  }

  /**
   * The log-penalties of calibration pass 1: {@code log(0.5·β_std)} on easy, {@code
   * log(0.5(1-ρ_j²)/ρ_j·β_std)} on distractor j with ρ_j = |{@link #pairCorrelations}[j]|, {@code
   * log(10·β_std)} on noise and {@code log(SENTINEL_PENALTY)} on hidden features.
   *
   * @throws IllegalArgumentException if the instance is not a logistic instance with this design's
   *     groups
   * @throws IllegalStateException if a pair's |ρ| is not in (0, 1), so that α_dist is not a
   *     positive finite number
   */
  public static double[] sentinelLogPenalties(SyntheticInstance instance) {
    checkInstance(instance);
    double[] rho = pairCorrelations(instance);
    int[] dist = instance.featuresOf(DegenerateDesign.DISTRACTOR);
    int[] groups = instance.groups();
    double[] x = new double[groups.length];
    for (int j = 0; j < x.length; j++) {
      double alpha = switch (groups[j]) {
        case 0 -> EASY_PENALTY_FACTOR * BETA_STD;
        case 2 -> SENTINEL_PENALTY;
        case 3 -> NOISE_PENALTY_FACTOR * BETA_STD;
        default -> Double.NaN; // distractors below
      };
      x[j] = Math.log(alpha);
    }
    for (int k = 0; k < dist.length; k++) {
      double r = Math.abs(rho[k]);
      double alpha = DISTRACTOR_PENALTY_FACTOR * (1.0 - r * r) / r * BETA_STD;
      if (!(alpha > 0.0) || !Double.isFinite(alpha)) {
        throw new IllegalStateException(instance.description() + ": pair " + k + " (distractor "
            + dist[k] + ") has |ρ| = " + r + ", so α_dist = 0.5(1-ρ²)/ρ = " + alpha
            + "; the calibration needs 0 < |ρ| < 1");
      }
      x[dist[k]] = Math.log(alpha);
    }
    return x;
  }

  /**
   * The two-pass calibration of the initial log-penalties x⁰ (§5.2 with the logistic gradient,
   * §5.5.1; see the class comment), on the training rows, with {@link ProximalCoordinateDescent}
   * at {@code options}.
   *
   * @param instance an instance from {@link #generate}
   * @param options the lower-level solver options of pass 1
   * @throws IllegalArgumentException if the instance does not come from {@link #generate}
   * @throws IllegalStateException if a pair has |ρ| outside (0, 1), pass 1 does not converge,
   *     leaves a hidden coordinate nonzero, or a hidden gradient is exactly zero
   */
  public static DegenerateDesign.Calibration calibrate(
      SyntheticInstance instance, SolverOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("solver options must not be null");
    }
    double[] x = sentinelLogPenalties(instance);
    LowerLevelProblem pass1 = instance.fold(x).train();
    SolverResult r = new ProximalCoordinateDescent(options).solve(pass1, WarmStart.COLD);
    if (!r.converged()) {
      throw new IllegalStateException(instance.description() + ": calibration pass 1 ended "
          + r.termination() + " after " + r.passes() + " passes with KKT violation "
          + r.kktViolation() + " (tolerance " + options.tolerance() + ")");
    }
    double[] betaS = r.coefficients();
    int[] hidden = instance.featuresOf(DegenerateDesign.HIDDEN);
    for (int j : hidden) {
      if (betaS[j] != 0.0) {
        throw new IllegalStateException(instance.description() + ": hidden feature " + j
            + " is " + betaS[j] + " at the sentinel penalty " + SENTINEL_PENALTY
            + "; the calibration needs every hidden coordinate at zero");
      }
    }
    // ∇F(β_S) of the logistic loss; the ridge term l2·β_S,j is exactly 0 on the hidden features.
    double[] grad = Kkt.gradient(pass1, betaS, 0.0);
    double[] gHid = new double[hidden.length];
    double[] x0 = x.clone();
    for (int k = 0; k < hidden.length; k++) {
      int j = hidden[k];
      gHid[k] = grad[j];
      double alpha = Math.abs(gHid[k]) * (1.0 + DELTA);
      if (!(alpha > 0.0)) {
        throw new IllegalStateException(instance.description() + ": the training gradient of "
            + "hidden feature " + j + " at β_S is " + gHid[k] + "; its penalty would be 0");
      }
      x0[j] = Math.log(alpha);
    }
    return new DegenerateDesign.Calibration(x0, gHid, betaS);
  }

  // ---------------------------------------------------------------------------------------------

  /** All rows, or maxRows of them drawn without replacement (Fisher–Yates prefix), ascending. */
  private static int[] subsample(int n, int maxRows, SplittableRandom rng) {
    if (n <= maxRows) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] perm = SyntheticDraws.permutation(rng, n);
    int[] out = Arrays.copyOf(perm, maxRows);
    Arrays.sort(out);
    return out;
  }

  /**
   * One pass over the CSC arrays: per column the sum and sum of squares of its entries, and its
   * population variance {@code sumSq/n - (sum/n)²}, or 0 for a column that is constant over the
   * rows: no nonzero value, or a nonzero value in every row and all of them equal (decided on the
   * values, not on the rounded variance). A column with zeros and nonzeros is never constant.
   */
  static double[] columnVariances(CscMatrix a, double[] sum, double[] sumSq) {
    int n = a.rows();
    int[] ptr = a.colPtr();
    double[] val = a.values();
    double[] var = new double[a.cols()];
    for (int j = 0; j < var.length; j++) {
      double s = 0.0;
      double ss = 0.0;
      int nonzero = 0;
      boolean allEqual = true;
      double first = Double.NaN;
      for (int q = ptr[j]; q < ptr[j + 1]; q++) {
        double v = val[q];
        s += v;
        ss += v * v;
        if (v != 0.0) {
          if (nonzero == 0) {
            first = v;
          } else if (v != first) {
            allEqual = false;
          }
          nonzero++;
        }
      }
      sum[j] = s;
      sumSq[j] = ss;
      boolean constant = nonzero == 0 || (nonzero == n && allEqual);
      double mean = s / n;
      var[j] = constant ? 0.0 : Math.max(ss / n - mean * mean, 0.0);
    }
    return var;
  }

  /**
   * The first {@code limit} columns of positive variance in the order (variance descending, index
   * ascending), skipping every column whose stored entries equal a taken column's; ascending. A
   * bounded min-heap over one scan of the columns: a duplicate has the same variance bits as its
   * twin and a higher index, so it ranks right below it and skipping it when the twin is in the
   * heap gives the ranking of the distinct columns.
   */
  static int[] topVarianceDistinct(CscMatrix a, double[] variance, int limit) {
    double[] hv = new double[limit];
    int[] hi = new int[limit];
    int size = 0;
    for (int j = 0; j < variance.length; j++) {
      double v = variance[j];
      if (!(v > 0.0)) {
        continue;
      }
      if (size == limit && !ranksAbove(v, j, hv[0], hi[0])) {
        continue;
      }
      if (duplicateIn(a, j, v, hv, hi, size)) {
        continue;
      }
      if (size < limit) {
        hv[size] = v;
        hi[size] = j;
        siftUp(hv, hi, size++);
      } else {
        hv[0] = v;
        hi[0] = j;
        siftDown(hv, hi, size);
      }
    }
    int[] out = Arrays.copyOf(hi, size);
    Arrays.sort(out);
    return out;
  }

  /** Whether (variance v, column j) ranks above (w, k): larger variance, or equal and lower index. */
  private static boolean ranksAbove(double v, int j, double w, int k) {
    return v > w || (v == w && j < k);
  }

  private static boolean duplicateIn(CscMatrix a, int j, double v, double[] hv, int[] hi,
      int size) {
    int[] ptr = a.colPtr();
    int[] idx = a.rowIdx();
    double[] val = a.values();
    long bits = Double.doubleToLongBits(v);
    for (int h = 0; h < size; h++) {
      if (Double.doubleToLongBits(hv[h]) != bits) {
        continue;
      }
      int k = hi[h];
      int len = ptr[j + 1] - ptr[j];
      if (ptr[k + 1] - ptr[k] != len) {
        continue;
      }
      boolean same = true;
      for (int q = 0; q < len && same; q++) {
        same = idx[ptr[j] + q] == idx[ptr[k] + q]
            && Double.doubleToLongBits(val[ptr[j] + q]) == Double.doubleToLongBits(val[ptr[k] + q]);
      }
      if (same) {
        return true;
      }
    }
    return false;
  }

  // Min-heap by rank: the root is the lowest-ranked column kept.
  private static void siftUp(double[] hv, int[] hi, int at) {
    while (at > 0) {
      int parent = (at - 1) / 2;
      if (!ranksAbove(hv[parent], hi[parent], hv[at], hi[at])) {
        return;
      }
      swap(hv, hi, parent, at);
      at = parent;
    }
  }

  private static void siftDown(double[] hv, int[] hi, int size) {
    int at = 0;
    while (true) {
      int l = 2 * at + 1;
      int r = l + 1;
      int low = at;
      if (l < size && ranksAbove(hv[low], hi[low], hv[l], hi[l])) {
        low = l;
      }
      if (r < size && ranksAbove(hv[low], hi[low], hv[r], hi[r])) {
        low = r;
      }
      if (low == at) {
        return;
      }
      swap(hv, hi, at, low);
      at = low;
    }
  }

  private static void swap(double[] hv, int[] hi, int x, int y) {
    double tv = hv[x];
    hv[x] = hv[y];
    hv[y] = tv;
    int ti = hi[x];
    hi[x] = hi[y];
    hi[y] = ti;
  }

  /** The columns {@code cols} of a, each multiplied by its scale, as an n × cols.length CSC. */
  private static CscMatrix scaledColumns(CscMatrix a, int[] cols, double[] scale) {
    int[] ptr = a.colPtr();
    int[] idx = a.rowIdx();
    double[] val = a.values();
    int[] outPtr = new int[cols.length + 1];
    for (int k = 0; k < cols.length; k++) {
      outPtr[k + 1] = outPtr[k] + ptr[cols[k] + 1] - ptr[cols[k]];
    }
    int[] outIdx = new int[outPtr[cols.length]];
    double[] outVal = new double[outIdx.length];
    for (int k = 0; k < cols.length; k++) {
      int c = cols[k];
      int len = ptr[c + 1] - ptr[c];
      System.arraycopy(idx, ptr[c], outIdx, outPtr[k], len);
      for (int q = 0; q < len; q++) {
        outVal[outPtr[k] + q] = val[ptr[c] + q] * scale[k];
      }
    }
    return CscMatrix.of(a.rows(), cols.length, outPtr, outIdx, outVal);
  }

  /**
   * The m × m Pearson correlations (column-major, lower triangle filled) of the columns of b with
   * means {@code mean}: {@code (G_kl - μ_k μ_l) / sqrt((G_kk - μ_k²)(G_ll - μ_l²))} with {@code G =
   * bᵀb/n} accumulated row by row over the nonzeros; NaN where a variance rounds to ≤ 0.
   */
  static double[] correlations(CscMatrix b, double[] mean) {
    int m = b.cols();
    int n = b.rows();
    int[] all = new int[m];
    for (int k = 0; k < m; k++) {
      all[k] = k;
    }
    double[] g = new WeightedGram.RowPairs(b, all).gram(null, 1.0 / n, 0.0, false);
    double[] sd = new double[m];
    for (int k = 0; k < m; k++) {
      double var = g[k * m + k] - mean[k] * mean[k];
      sd[k] = var > 0.0 ? Math.sqrt(var) : Double.NaN;
    }
    for (int l = 0; l < m; l++) {
      for (int k = l + 1; k < m; k++) {
        g[l * m + k] = (g[l * m + k] - mean[k] * mean[l]) / (sd[k] * sd[l]);
      }
    }
    return g;
  }

  /**
   * {@code count} disjoint pairs (lower, higher) of background positions, greedily by |ρ|: each
   * round takes the largest |ρ| among pairs of unused columns, the first in (lower, higher) order
   * on ties; NaN correlations are never taken.
   */
  static int[][] greedyPairs(double[] corr, int m, int count) {
    boolean[] used = new boolean[m];
    int[][] out = new int[count][];
    for (int c = 0; c < count; c++) {
      int bestK = -1;
      int bestL = -1;
      double best = -1.0;
      for (int k = 0; k < m; k++) {
        if (used[k]) {
          continue;
        }
        for (int l = k + 1; l < m; l++) {
          double r = Math.abs(corr[k * m + l]);
          if (!used[l] && r > best) {
            best = r;
            bestK = k;
            bestL = l;
          }
        }
      }
      if (bestK < 0) {
        throw new IllegalArgumentException("only " + c + " pairs of background columns have a "
            + "defined correlation; the design needs " + count);
      }
      used[bestK] = true;
      used[bestL] = true;
      out[c] = new int[] {bestK, bestL};
    }
    return out;
  }

  /**
   * The n × (EASY + m) design: EASY dense N(0, 1) columns drawn column by column, row by row, then
   * the scaled background columns in {@code order}.
   */
  private static CscMatrix assemble(int n, CscMatrix scaled, int[] order, SplittableRandom rng) {
    int[] sp = scaled.colPtr();
    int[] si = scaled.rowIdx();
    double[] sv = scaled.values();
    int p = EASY + order.length;
    int[] ptr = new int[p + 1];
    for (int j = 0; j < p; j++) {
      int len = j < EASY ? n : sp[order[j - EASY] + 1] - sp[order[j - EASY]];
      ptr[j + 1] = ptr[j] + len;
    }
    int[] idx = new int[ptr[p]];
    double[] val = new double[ptr[p]];
    for (int j = 0; j < EASY; j++) {
      for (int i = 0; i < n; i++) {
        idx[ptr[j] + i] = i;
        val[ptr[j] + i] = SyntheticDraws.normal(rng);
      }
    }
    for (int j = EASY; j < p; j++) {
      int c = order[j - EASY];
      int len = sp[c + 1] - sp[c];
      System.arraycopy(si, sp[c], idx, ptr[j], len);
      System.arraycopy(sv, sp[c], val, ptr[j], len);
    }
    return CscMatrix.of(n, p, ptr, idx, val);
  }

  /**
   * {@code η = Aβ + LOGIT_NOISE·ε} (the columns with β_j ≠ 0 added in ascending j, then the noise
   * row by row) and {@code b_i = +1} when the row's {@code nextDouble()} of the label stream is
   * below sigmoid(η_i), else -1.
   */
  private static double[] labels(CscMatrix a, double[] beta, SplittableRandom noise,
      SplittableRandom draws) {
    int n = a.rows();
    double[] eta = new double[n];
    for (int j = 0; j < beta.length; j++) {
      if (beta[j] != 0.0) {
        a.columnAxpy(j, beta[j], eta);
      }
    }
    for (int i = 0; i < n; i++) {
      eta[i] += LOGIT_NOISE * SyntheticDraws.normal(noise);
    }
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = draws.nextDouble() < Kkt.sigmoid(eta[i]) ? 1.0 : -1.0;
    }
    return b;
  }

  private static LabeledData relabel(LabeledData d, String source) {
    return new LabeledData(source, d.features(), d.labels());
  }

  /** The distractor and hidden features, checked to pair up one to one. */
  private static int[][] checkedPairs(SyntheticInstance instance) {
    if (instance == null) {
      throw new IllegalArgumentException("instance must not be null");
    }
    if (!instance.groupNames().equals(DegenerateDesign.GROUP_NAMES)) {
      throw new IllegalArgumentException(instance.description() + " has groups "
          + instance.groupNames() + "; expected " + DegenerateDesign.GROUP_NAMES
          + " (an instance from SemiSyntheticDesign.generate)");
    }
    int[] dist = instance.featuresOf(DegenerateDesign.DISTRACTOR);
    int[] hid = instance.featuresOf(DegenerateDesign.HIDDEN);
    if (dist.length != hid.length || dist.length == 0) {
      throw new IllegalArgumentException(instance.description() + " has " + dist.length
          + " distractors and " + hid.length + " hidden features; they must pair up");
    }
    return new int[][] {dist, hid};
  }

  private static void checkInstance(SyntheticInstance instance) {
    checkedPairs(instance);
    if (instance.loss() != Loss.LOGISTIC) {
      throw new IllegalArgumentException(instance.description() + " has the " + instance.loss()
          + " loss; the semi-synthetic calibration needs LOGISTIC (an instance from "
          + "SemiSyntheticDesign.generate)");
    }
  }
}
