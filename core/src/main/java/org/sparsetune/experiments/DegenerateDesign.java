package org.sparsetune.experiments;

import java.util.List;
import java.util.SplittableRandom;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.ProximalCoordinateDescent;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.WarmStart;

/**
 * The paper's calibrated degenerate design (§5.2, "Calibrated degenerate design"; Experiments 3
 * and 4), which makes gradient starvation visible at the initial hyperparameter.
 *
 * <p><b>Design.</b> The columns are, in this order and as contiguous blocks,
 * {@code A = [A_easy | A_dist | A_hid | A_noise]} with {@code n_easy = n_dist = n_hid =}
 * {@link #groupSize}{@code (p)} and {@code n_noise = p - 3·groupSize(p)}. Easy, distractor and
 * noise entries are i.i.d. N(0, 1); hidden column j is {@code ρ·A_dist,π(j) + sqrt(1-ρ²)·ξ_j} with
 * π a random permutation of the distractors and ξ_j i.i.d. N(0, 1). β* is ±{@link #BETA_STD}
 * (random signs) on the easy and hidden features and 0 elsewhere; {@code b = Aβ* + }{@link
 * #SIGMA}{@code ·ε}. The n rows are split 60/20/20 by {@code Splits.split(n, seed)}; l2 =
 * 1/n_train; nothing is standardized.
 *
 * <p><b>Draw order.</b> {@code root = new SplittableRandom(seed)}; four child streams are split
 * off it in this order: signs (easy features, then hidden features, one {@code nextLong()} each),
 * the permutation π (Fisher–Yates), the design (column by column in feature order, each column row
 * by row; a hidden column draws its ξ_j), the label noise ε (row by row). See {@link
 * SyntheticDraws}.
 *
 * <p><b>Calibration</b> ({@link #calibrate}), two passes on the training rows: pass 1 solves the
 * weighted elastic net at penalties {@code α_easy = 0.5·β_std}, {@code α_dist = 0.5(1-ρ²)/ρ·β_std},
 * {@code α_noise = 10·β_std} and the hidden {@link #SENTINEL_PENALTY}, giving β_S; then {@code
 * g_hid,j = (1/n_train) A_tr,hid,jᵀ(A_tr β_S - b_tr)} and {@code α_hid,j = |g_hid,j|(1 + δ)}. Since
 * only the hidden penalties decrease and they still exceed |g_hid,j|, β_S is the lower-level
 * solution at x⁰ as well, each hidden coordinate is zero with KKT slack {@code |g|/α = 1/(1+δ)},
 * inside the oracle's relative biactive band {@link #BIACTIVE_TOL_REL}: the null policy gives the
 * hidden penalties a zero subgradient, the self-consistent policy can select them (Definition 2).
 */
public final class DegenerateDesign {
  /** The magnitude β_std of the nonzero true coefficients (paper: 1). */
  public static final double BETA_STD = 1.0;
  /** The standard deviation σ of the label noise (paper: 0.05). */
  public static final double SIGMA = 0.05;
  /** The hidden penalty of calibration pass 1, large enough that hidden coordinates are zero. */
  public static final double SENTINEL_PENALTY = 10.0;
  /** The slack δ of the hidden penalties, {@code α_hid = |g_hid|(1 + δ)} (paper: 0.05). */
  public static final double DELTA = 0.05;
  /**
   * The oracle's relative biactive band for this design (paper: 0.10): it contains the hidden
   * coordinates at x⁰, whose gap {@code ||v| - u|} is δ/(1+δ) ≈ 0.048 of {@code max(|v|, u)}.
   */
  public static final double BIACTIVE_TOL_REL = 0.10;
  /** Easy features and distractors each take this percentage of p (paper: 4%). */
  public static final int GROUP_PERCENT = 4;
  /** The fewest features per easy, distractor and hidden group (paper: 5). */
  public static final int MIN_GROUP_SIZE = 5;
  /** α_easy = this · β_std in calibration pass 1 (paper: 0.5). */
  public static final double EASY_PENALTY_FACTOR = 0.5;
  /** α_dist = this · (1 - ρ²)/ρ · β_std in calibration pass 1 (paper: 0.5). */
  public static final double DISTRACTOR_PENALTY_FACTOR = 0.5;
  /** α_noise = this · β_std in calibration pass 1 (paper: 10). */
  public static final double NOISE_PENALTY_FACTOR = 10.0;
  /** The smallest p: three groups of {@link #MIN_GROUP_SIZE} and at least one noise feature. */
  public static final int MIN_FEATURES = 3 * MIN_GROUP_SIZE + 1;

  /** Name of the easy group: relevant features uncorrelated with the rest. */
  public static final String EASY = "easy";
  /** Name of the distractor group: irrelevant features, each paired with a hidden one. */
  public static final String DISTRACTOR = "distractor";
  /** Name of the hidden group: relevant features correlated (ρ) with a distractor. */
  public static final String HIDDEN = "hidden";
  /** Name of the background noise group. */
  public static final String NOISE = "noise";
  /** The group names in column order; group code k is {@code GROUP_NAMES.get(k)}. */
  public static final List<String> GROUP_NAMES = List.of(EASY, DISTRACTOR, HIDDEN, NOISE);

  private DegenerateDesign() {}

  /**
   * The size of the easy, distractor and hidden groups, {@code max(floor(0.04·p), 5)}, computed in
   * integers.
   */
  public static int groupSize(int p) {
    if (p < 0) {
      throw new IllegalArgumentException("p must be at least 0, got " + p);
    }
    return (int) Math.max(GROUP_PERCENT * (long) p / 100L, MIN_GROUP_SIZE);
  }

  /**
   * Generates an instance.
   *
   * @param n the TOTAL number of rows before the 60/20/20 split, at least 4
   * @param p the number of features, at least {@link #MIN_FEATURES}
   * @param rho the hidden–distractor correlation ρ, in (0, 1)
   * @param seed the seed; the same arguments and seed give the same bits on any machine
   */
  public static SyntheticInstance generate(int n, int p, double rho, long seed) {
    if (p < MIN_FEATURES) {
      throw new IllegalArgumentException("p must be at least " + MIN_FEATURES
          + " (easy, distractor and hidden groups of at least " + MIN_GROUP_SIZE
          + " and one noise feature), got " + p);
    }
    checkRho(rho);
    SyntheticDraws.checkRows(n, p);
    int g = groupSize(p);
    int distStart = g;
    int hidStart = 2 * g;
    int noiseStart = 3 * g;

    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom signs = root.split();
    SplittableRandom perm = root.split();
    SplittableRandom design = root.split();
    SplittableRandom noise = root.split();

    int[] groups = new int[p];
    double[] beta = new double[p];
    for (int j = 0; j < p; j++) {
      groups[j] = j < distStart ? 0 : j < hidStart ? 1 : j < noiseStart ? 2 : 3;
    }
    for (int j = 0; j < g; j++) {
      beta[j] = SyntheticDraws.sign(signs) * BETA_STD;
    }
    for (int j = hidStart; j < noiseStart; j++) {
      beta[j] = SyntheticDraws.sign(signs) * BETA_STD;
    }
    int[] pi = SyntheticDraws.permutation(perm, g);

    double[] data = new double[n * p];
    for (int j = 0; j < p; j++) {
      if (j >= hidStart && j < noiseStart) {
        SyntheticDraws.correlatedColumn(data, n, j, distStart + pi[j - hidStart], rho, design);
      } else {
        SyntheticDraws.normalColumn(data, n, j, design);
      }
    }
    double[] b = SyntheticDraws.labels(data, n, beta, SIGMA, noise);
    String description = "degenerate n=" + n + " p=" + p + " rho=" + rho + " seed=" + seed;
    return SyntheticDraws.instance(description, data, n, p, b, beta, groups, GROUP_NAMES, rho, seed);
  }

  /**
   * The log-penalties of calibration pass 1: {@code log(0.5·β_std)} on easy, {@code
   * log(0.5(1-ρ²)/ρ·β_std)} on distractor, {@code log(10·β_std)} on noise and {@code
   * log(SENTINEL_PENALTY)} on hidden features. {@link #calibrate} solves at exactly {@code exp} of
   * these, so x⁰ and these share the bits of every non-hidden entry.
   *
   * @param instance an instance from {@link #generate}
   */
  public static double[] sentinelLogPenalties(SyntheticInstance instance) {
    double rho = checkInstance(instance);
    double[] alpha = {
      EASY_PENALTY_FACTOR * BETA_STD,
      DISTRACTOR_PENALTY_FACTOR * (1.0 - rho * rho) / rho * BETA_STD,
      SENTINEL_PENALTY,
      NOISE_PENALTY_FACTOR * BETA_STD
    };
    int[] groups = instance.groups();
    double[] x = new double[groups.length];
    for (int j = 0; j < x.length; j++) {
      x[j] = Math.log(alpha[groups[j]]);
    }
    return x;
  }

  /**
   * The paper's two-pass calibration of the initial log-penalties x⁰ (see the class comment), on
   * the training rows, with {@link ProximalCoordinateDescent} at {@code options}.
   *
   * @param instance an instance from {@link #generate}
   * @param options the lower-level solver options of pass 1
   * @throws IllegalArgumentException if the instance does not come from {@link #generate}
   * @throws IllegalStateException if pass 1 does not converge, leaves a hidden coordinate nonzero
   *     or a hidden gradient exactly zero (the calibration's premises)
   */
  public static Calibration calibrate(SyntheticInstance instance, SolverOptions options) {
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
    int[] hidden = instance.featuresOf(HIDDEN);
    for (int j : hidden) {
      if (betaS[j] != 0.0) {
        throw new IllegalStateException(instance.description() + ": hidden feature " + j
            + " is " + betaS[j] + " at the sentinel penalty " + SENTINEL_PENALTY
            + "; the calibration needs every hidden coordinate at zero");
      }
    }
    DesignMatrix a = pass1.design();
    double[] bTr = pass1.labels();
    int nTr = a.rows();
    double[] residual = new double[nTr];
    a.multiply(betaS, residual);
    for (int i = 0; i < nTr; i++) {
      residual[i] -= bTr[i];
    }
    double[] gHid = new double[hidden.length];
    double[] x0 = x.clone();
    for (int k = 0; k < hidden.length; k++) {
      int j = hidden[k];
      gHid[k] = a.columnDot(j, residual) / nTr;
      double alpha = Math.abs(gHid[k]) * (1.0 + DELTA);
      if (!(alpha > 0.0)) {
        throw new IllegalStateException(instance.description() + ": the training gradient of "
            + "hidden feature " + j + " at β_S is " + gHid[k] + "; its penalty would be 0");
      }
      x0[j] = Math.log(alpha);
    }
    return new Calibration(x0, gHid, betaS);
  }

  /**
   * The result of {@link #calibrate}.
   *
   * @param x0 the initial log-penalties (length p): pass 1's everywhere except the hidden
   *     features, where {@code log(|g_hid,j|(1 + δ))}
   * @param hiddenGradient g_hid,j, the smooth training gradient at β_S of the hidden features, in
   *     hidden order (ascending feature index)
   * @param betaS the pass-1 solution β_S (length p), which is also the lower-level solution at x0
   */
  public record Calibration(double[] x0, double[] hiddenGradient, double[] betaS) {

    /** Checks that every array is present and finite and that x0 and betaS have one length. */
    public Calibration {
      if (x0 == null || hiddenGradient == null || betaS == null) {
        throw new IllegalArgumentException("x0, hiddenGradient and betaS must not be null");
      }
      if (x0.length != betaS.length) {
        throw new IllegalArgumentException(
            "x0 has length " + x0.length + ", betaS " + betaS.length);
      }
      checkFinite("x0", x0);
      checkFinite("hiddenGradient", hiddenGradient);
      checkFinite("betaS", betaS);
    }

    /** The initial penalties exp(x0). */
    public double[] penalties() {
      return LowerLevelProblem.exp(x0);
    }

    private static void checkFinite(String name, double[] v) {
      for (int j = 0; j < v.length; j++) {
        if (!Double.isFinite(v[j])) {
          throw new IllegalArgumentException(name + "[" + j + "] is " + v[j]);
        }
      }
    }
  }

  private static void checkRho(double rho) {
    if (!(rho > 0.0 && rho < 1.0)) {
      throw new IllegalArgumentException("rho must lie in (0, 1), got " + rho);
    }
  }

  /** Checks the instance has this design's groups and a ρ in (0, 1); returns ρ. */
  private static double checkInstance(SyntheticInstance instance) {
    if (instance == null) {
      throw new IllegalArgumentException("instance must not be null");
    }
    if (!instance.groupNames().equals(GROUP_NAMES)) {
      throw new IllegalArgumentException(instance.description() + " has groups "
          + instance.groupNames() + "; the calibration needs " + GROUP_NAMES
          + " (an instance from DegenerateDesign.generate)");
    }
    if (!(instance.rho() > 0.0 && instance.rho() < 1.0)) {
      throw new IllegalArgumentException(instance.description() + ": rho is " + instance.rho()
          + "; the calibration needs ρ in (0, 1) (an instance from DegenerateDesign.generate)");
    }
    return instance.rho();
  }
}
