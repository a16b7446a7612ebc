package org.sparsetune.testing;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.linalg.DenseMatrix;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.Loss;

/**
 * Seeded generators of random lower-level problems (DESIGN.md notation)
 *
 * <pre>
 *   quadratic: min_y 1/(2n) ||b - A y - c||² + l2/2 ||y||² + Σ_j w_j |y_j|
 *   logistic:  min_y 1/n Σ_i log(1 + exp(-b_i (a_iᵀ y + c))) + l2/2 ||y||² + Σ_j w_j |y_j|
 * </pre>
 *
 * <p>{@link #generate} builds one problem from a {@link Spec} and a seed and returns it in both
 * storages ({@link Pair}), so storage-independence can be tested on exactly the same numbers. The
 * design is either dense Gaussian (density 1) or sparse with Gaussian values and at least one empty
 * column and one empty row; labels come from a sparse "true" coefficient vector (quadratic: plus
 * Gaussian noise; logistic: drawn from the logistic model, both classes always present); penalties
 * are random fractions of α_max ({@link Kkt#maxUniformPenalty}) so the solution is neither zero nor
 * dense.
 *
 * <p>One {@link SplittableRandom} is seeded per problem and split once per ingredient (design,
 * truth, labels, penalties) in a fixed order: the same seed always gives the same problem, and
 * changing e.g. the penalty range does not change the design.
 */
public final class RandomProblems {
  private RandomProblems() {}

  /** Which storage of the design a test runs on. */
  public enum Storage {
    DENSE,
    CSC
  }

  /**
   * What {@link #generate} builds.
   *
   * @param loss the data-fit term
   * @param rows n, at least 2
   * @param cols p, at least 1
   * @param density the fraction of stored design entries, in (0, 1]; 1 gives a dense Gaussian
   *     design, anything below a sparse one with at least one empty column and one empty row
   * @param fitIntercept whether the problem fits an unpenalized intercept
   * @param l2 the Tikhonov stabilizer (at least 0)
   * @param minPenaltyFraction penalties are {@code w_j = α_max · U(min, max)}; at least 0
   * @param maxPenaltyFraction the upper end of that range, at least {@code minPenaltyFraction}
   */
  public record Spec(
      Loss loss,
      int rows,
      int cols,
      double density,
      boolean fitIntercept,
      double l2,
      double minPenaltyFraction,
      double maxPenaltyFraction) {

    /** Validates the fields; the message names the bad value. */
    public Spec {
      if (loss == null) {
        throw new IllegalArgumentException("loss must not be null");
      }
      if (rows < 2 || cols < 1) {
        throw new IllegalArgumentException("need rows >= 2 and cols >= 1, got " + rows + " x " + cols);
      }
      if (!(density > 0.0 && density <= 1.0)) {
        throw new IllegalArgumentException("density must be in (0, 1], got " + density);
      }
      if (!(l2 >= 0.0)) {
        throw new IllegalArgumentException("l2 must be at least 0, got " + l2);
      }
      if (!(minPenaltyFraction >= 0.0 && maxPenaltyFraction >= minPenaltyFraction)) {
        throw new IllegalArgumentException(
            "penalty fractions must satisfy 0 <= min <= max, got " + minPenaltyFraction + ", "
                + maxPenaltyFraction);
      }
    }

    /**
     * A dense problem without intercept, with DESIGN.md's default {@code l2 = 1/n} and penalties
     * between 5% and 60% of α_max.
     */
    public static Spec of(Loss loss, int rows, int cols) {
      return new Spec(loss, rows, cols, 1.0, false, 1.0 / rows, 0.05, 0.6);
    }

    /** The same spec with another design density. */
    public Spec withDensity(double d) {
      return new Spec(loss, rows, cols, d, fitIntercept, l2, minPenaltyFraction, maxPenaltyFraction);
    }

    /** The same spec with or without intercept. */
    public Spec withIntercept(boolean intercept) {
      return new Spec(
          loss, rows, cols, density, intercept, l2, minPenaltyFraction, maxPenaltyFraction);
    }

    /** The same spec with another l2. */
    public Spec withL2(double v) {
      return new Spec(loss, rows, cols, density, fitIntercept, v, minPenaltyFraction, maxPenaltyFraction);
    }

    /** The same spec with penalties {@code α_max · U(min, max)}. */
    public Spec withPenaltyFractions(double min, double max) {
      return new Spec(loss, rows, cols, density, fitIntercept, l2, min, max);
    }
  }

  /** One problem in both storages: same labels, penalties, l2 and intercept flag. */
  public record Pair(LowerLevelProblem dense, LowerLevelProblem csc) {

    /** The problem in the given storage. */
    public LowerLevelProblem in(Storage storage) {
      return storage == Storage.DENSE ? dense : csc;
    }

    /** Both problems with other penalties. */
    public Pair withPenalties(double[] penalties) {
      return new Pair(dense.withPenalties(penalties), csc.withPenalties(penalties));
    }
  }

  /** Builds the problem described by {@code spec} from {@code seed}, in both storages. */
  public static Pair generate(Spec spec, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom designRng = root.split();
    SplittableRandom truthRng = root.split();
    SplittableRandom labelRng = root.split();
    SplittableRandom penaltyRng = root.split();

    int n = spec.rows();
    int p = spec.cols();
    DesignMatrix design =
        spec.density() >= 1.0
            ? gaussianDesign(designRng, n, p)
            : sparseDesign(
                designRng, n, p, spec.density(), Math.max(1, p / 20), Math.max(1, n / 20));
    double[] truth = sparseCoefficients(truthRng, p, Math.max(1, p / 5));
    double trueIntercept = 0.3;
    double[] labels =
        spec.loss() == Loss.QUADRATIC
            ? quadraticLabels(labelRng, design, truth, trueIntercept, 0.5)
            : logisticLabels(labelRng, design, truth, trueIntercept);
    LowerLevelProblem unpenalized =
        new LowerLevelProblem(
            design, labels, spec.loss(), spec.l2(), new double[p], spec.fitIntercept());
    double[] w =
        penaltiesBetween(
            penaltyRng, unpenalized, spec.minPenaltyFraction(), spec.maxPenaltyFraction());
    return inBothStorages(unpenalized.withPenalties(w));
  }

  /** The given problem with its design copied to dense and to CSC storage. */
  public static Pair inBothStorages(LowerLevelProblem problem) {
    DesignMatrix a = problem.design();
    return new Pair(
        withDesign(problem, DenseMatrix.copyOf(a)), withDesign(problem, CscMatrix.copyOf(a)));
  }

  /** The problem with another design of the same shape (labels, penalties, l2 kept). */
  public static LowerLevelProblem withDesign(LowerLevelProblem problem, DesignMatrix design) {
    return new LowerLevelProblem(
        design,
        problem.labels(),
        problem.loss(),
        problem.l2(),
        problem.penalties(),
        problem.fitIntercept());
  }

  /**
   * The same problems with every design entry and every penalty multiplied by {@code factor}: the
   * gradient at zero, hence α_max, scales by the same factor, so the penalties stay the same
   * fraction of α_max (only the ridge term does not scale). Models unstandardized features.
   */
  public static Pair scaleFeatures(Pair pair, double factor) {
    if (!(factor > 0.0) || !Double.isFinite(factor)) {
      throw new IllegalArgumentException("factor must be positive and finite, got " + factor);
    }
    DesignMatrix a = pair.dense().design();
    double[] data = new double[a.rows() * a.cols()];
    for (int j = 0; j < a.cols(); j++) {
      double[] column = a.column(j);
      for (int i = 0; i < column.length; i++) {
        data[j * a.rows() + i] = factor * column[i];
      }
    }
    double[] w = pair.dense().penalties().clone();
    for (int j = 0; j < w.length; j++) {
      w[j] *= factor;
    }
    LowerLevelProblem scaled =
        withDesign(pair.dense(), DenseMatrix.ofColumnMajor(a.rows(), a.cols(), data))
            .withPenalties(w);
    return inBothStorages(scaled);
  }

  /** An n × p dense design with independent standard Gaussian entries. */
  public static DenseMatrix gaussianDesign(SplittableRandom rng, int n, int p) {
    double[] data = new double[n * p];
    for (int k = 0; k < data.length; k++) {
      data[k] = rng.nextGaussian();
    }
    return DenseMatrix.ofColumnMajor(n, p, data);
  }

  /**
   * An n × p CSC design: each entry is stored with probability {@code density} with a standard
   * Gaussian value, except that {@code emptyColumns} random columns and {@code emptyRows} random
   * rows hold no entry at all.
   */
  public static CscMatrix sparseDesign(
      SplittableRandom rng, int n, int p, double density, int emptyColumns, int emptyRows) {
    if (emptyColumns > p || emptyRows > n) {
      throw new IllegalArgumentException(
          "cannot empty " + emptyColumns + " of " + p + " columns and " + emptyRows + " of " + n
              + " rows");
    }
    boolean[] columnEmpty = chooseSubset(rng, p, emptyColumns);
    boolean[] rowEmpty = chooseSubset(rng, n, emptyRows);
    int[] colPtr = new int[p + 1];
    int[] rowIdx = new int[n * p];
    double[] values = new double[n * p];
    int k = 0;
    for (int j = 0; j < p; j++) {
      for (int i = 0; i < n; i++) {
        // Draw for every cell, stored or not, so the emptied rows/columns do not shift the others.
        boolean stored = rng.nextDouble() < density;
        double v = rng.nextGaussian();
        if (stored && !columnEmpty[j] && !rowEmpty[i]) {
          rowIdx[k] = i;
          values[k++] = v;
        }
      }
      colPtr[j + 1] = k;
    }
    return CscMatrix.of(n, p, colPtr, Arrays.copyOf(rowIdx, k), Arrays.copyOf(values, k));
  }

  /**
   * A coefficient vector of length p with {@code nonzeros} entries at random positions, each of
   * random sign and magnitude in [0.5, 1.5).
   */
  public static double[] sparseCoefficients(SplittableRandom rng, int p, int nonzeros) {
    boolean[] chosen = chooseSubset(rng, p, Math.min(nonzeros, p));
    double[] y = new double[p];
    for (int j = 0; j < p; j++) {
      double magnitude = 0.5 + rng.nextDouble();
      boolean negative = rng.nextBoolean();
      if (chosen[j]) {
        y[j] = negative ? -magnitude : magnitude;
      }
    }
    return y;
  }

  /** {@code b = A y + c + noiseStd · ε}, ε standard Gaussian. */
  public static double[] quadraticLabels(
      SplittableRandom rng, DesignMatrix a, double[] y, double c, double noiseStd) {
    double[] b = new double[a.rows()];
    a.multiply(y, b);
    for (int i = 0; i < b.length; i++) {
      b[i] += c + noiseStd * rng.nextGaussian();
    }
    return b;
  }

  /**
   * Labels ±1 drawn from the logistic model {@code P(b_i = +1) = 1/(1 + exp(-(a_iᵀ y + c)))}. If
   * the draw gives a single class, the label of one random row is flipped so both classes are
   * present (an intercept-only logistic model needs both).
   */
  public static double[] logisticLabels(SplittableRandom rng, DesignMatrix a, double[] y, double c) {
    int n = a.rows();
    double[] margin = new double[n];
    a.multiply(y, margin);
    double[] b = new double[n];
    int positives = 0;
    for (int i = 0; i < n; i++) {
      double probability = 1.0 / (1.0 + Math.exp(-(margin[i] + c)));
      b[i] = rng.nextDouble() < probability ? 1.0 : -1.0;
      if (b[i] > 0) {
        positives++;
      }
    }
    if (positives == 0 || positives == n) {
      int flip = rng.nextInt(n);
      b[flip] = -b[flip];
    }
    return b;
  }

  /**
   * Penalties {@code w_j = α_max · U(minFraction, maxFraction)} with α_max = {@link
   * Kkt#maxUniformPenalty} of {@code problem} (its own penalties are ignored).
   */
  public static double[] penaltiesBetween(
      SplittableRandom rng, LowerLevelProblem problem, double minFraction, double maxFraction) {
    double alphaMax = Kkt.maxUniformPenalty(problem);
    double[] w = new double[problem.cols()];
    for (int j = 0; j < w.length; j++) {
      w[j] = alphaMax * (minFraction + (maxFraction - minFraction) * rng.nextDouble());
    }
    return w;
  }

  /** A vector of independent Gaussians with standard deviation {@code std}. */
  public static double[] gaussianVector(SplittableRandom rng, int length, double std) {
    double[] v = new double[length];
    for (int k = 0; k < length; k++) {
      v[k] = std * rng.nextGaussian();
    }
    return v;
  }

  /** Indices of all-zero columns of {@code a}. */
  public static int[] emptyColumns(DesignMatrix a) {
    int[] out = new int[a.cols()];
    int count = 0;
    for (int j = 0; j < a.cols(); j++) {
      if (a.columnSquaredNorm(j) == 0.0) {
        out[count++] = j;
      }
    }
    return Arrays.copyOf(out, count);
  }

  /** Indices of all-zero rows of {@code a}. */
  public static int[] emptyRows(DesignMatrix a) {
    boolean[] touched = new boolean[a.rows()];
    for (int j = 0; j < a.cols(); j++) {
      double[] column = a.column(j);
      for (int i = 0; i < column.length; i++) {
        if (column[i] != 0.0) {
          touched[i] = true;
        }
      }
    }
    int[] out = new int[a.rows()];
    int count = 0;
    for (int i = 0; i < touched.length; i++) {
      if (!touched[i]) {
        out[count++] = i;
      }
    }
    return Arrays.copyOf(out, count);
  }

  /** A uniformly random subset of {@code size} of the indices 0..n-1, as a membership mask. */
  private static boolean[] chooseSubset(SplittableRandom rng, int n, int size) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int k = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[k];
      order[k] = t;
    }
    boolean[] mask = new boolean[n];
    for (int i = 0; i < size; i++) {
      mask[order[i]] = true;
    }
    return mask;
  }
}
