package org.sparsetune.testing;

import org.sparsetune.linalg.DenseMatrix;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.testing.RandomProblems.Spec;
import org.sparsetune.testing.RandomProblems.Storage;

/**
 * Bilevel instances (DESIGN.md): a lower-level problem on training rows plus held-out rows and the
 * upper-level criterion L on them, so that {@code Φ(x) = L(y*(x))}.
 *
 * <ul>
 *   <li>{@link #randomSplit}: a {@link RandomProblems} problem whose rows are split into disjoint
 *       training and validation parts (same design model, same true coefficients);
 *   <li>{@link #experiment1PanelB}: the paper's Experiment 1 panel (b) (§5.1), a diagonal instance
 *       whose second coordinate is biactive at the paper's starting point;
 *   <li>{@link #correlatedPruning}: a three-feature correlated quadratic instance on which the
 *       self-consistent policy (Definition 2) must prune a biactive coordinate.
 * </ul>
 */
public final class BilevelProblems {
  private BilevelProblems() {}

  /**
   * One bilevel instance.
   *
   * @param train the lower-level problem (its penalties are exp(x))
   * @param valDesign the held-out design (same feature count as {@code train})
   * @param valLabels the held-out labels
   * @param criterion the upper-level criterion L on the held-out rows
   */
  public record Bilevel(
      LowerLevelProblem train,
      DesignMatrix valDesign,
      double[] valLabels,
      UpperCriterion criterion) {

    /** The same instance with other penalties w = exp(x). */
    public Bilevel withPenalties(double[] penalties) {
      return new Bilevel(train.withPenalties(penalties), valDesign, valLabels, criterion);
    }

    /** The same instance at log-penalties x. */
    public Bilevel atLogPenalties(double[] x) {
      return withPenalties(LowerLevelProblem.exp(x));
    }

    /** The log-penalties x = log(w) of the training problem. */
    public double[] logPenalties() {
      double[] w = train.penalties();
      double[] x = new double[w.length];
      for (int j = 0; j < w.length; j++) {
        x[j] = Math.log(w[j]);
      }
      return x;
    }
  }

  /**
   * A random problem with {@code trainSpec.rows()} training and {@code validationRows} held-out
   * rows: {@link RandomProblems#generate} builds {@code trainSpec.rows() + validationRows} rows
   * from one model (same design distribution, true coefficients and intercept), the first {@code
   * trainSpec.rows()} rows become the training problem and the rest the validation set. Penalties
   * are the generator's (fractions of α_max of all rows); l2 and the intercept flag are {@code
   * trainSpec}'s. The criterion matches the loss (MSE for quadratic, logistic for logistic).
   */
  public static Bilevel randomSplit(
      Spec trainSpec, int validationRows, long seed, Storage storage) {
    int nTrain = trainSpec.rows();
    int n = nTrain + validationRows;
    Spec all =
        new Spec(
            trainSpec.loss(),
            n,
            trainSpec.cols(),
            trainSpec.density(),
            trainSpec.fitIntercept(),
            trainSpec.l2(),
            trainSpec.minPenaltyFraction(),
            trainSpec.maxPenaltyFraction());
    LowerLevelProblem full = RandomProblems.generate(all, seed).in(storage);
    int[] trainRows = range(0, nTrain);
    int[] valRows = range(nTrain, n);
    double[] labels = full.labels();
    LowerLevelProblem train =
        new LowerLevelProblem(
            full.design().selectRows(trainRows),
            select(labels, trainRows),
            full.loss(),
            full.l2(),
            full.penalties(),
            full.fitIntercept());
    return new Bilevel(
        train,
        full.design().selectRows(valRows),
        select(labels, valRows),
        UpperCriterion.matching(full.loss()));
  }

  /**
   * The paper's Experiment 1 panel (b) (§5.1) at log-penalties x:
   *
   * <pre>
   *   min_x ½||y*(x) - d_val||²,  y*(x) = argmin_y ½||y - d_train||² + Σ_j exp(x_j)|y_j|,
   *   d_train = (0.4, 1.2, 0),  d_val = (0, 1.2, 0).
   * </pre>
   *
   * <p>Encoding. Lower level: quadratic loss with n = 3, {@code A = √3·I₃}, {@code b = √3·d_train},
   * l2 = 0, no intercept: {@code 1/(2n)||b - Ay||² = (1/6)·3·||d_train - y||² = ½||y - d_train||²}.
   * Upper level: MSE on n_val = 3 rows with {@code A_val = √(3/2)·I₃}, {@code b_val =
   * √(3/2)·d_val}: {@code 1/n_val ||b_val - A_val y||² = (1/3)(3/2)||d_val - y||² = ½||y -
   * d_val||²}, whose gradient is {@code (2/3)(3/2)(y - d_val) = y - d_val}.
   */
  public static Bilevel experiment1PanelB(double[] logPenalties) {
    double s = Math.sqrt(3.0);
    double sv = Math.sqrt(1.5);
    double[] dTrain = {0.4, 1.2, 0.0};
    double[] dVal = {0.0, 1.2, 0.0};
    LowerLevelProblem train =
        new LowerLevelProblem(
            scaledIdentity(3, s),
            scale(dTrain, s),
            Loss.QUADRATIC,
            0.0,
            LowerLevelProblem.exp(logPenalties),
            false);
    return new Bilevel(train, scaledIdentity(3, sv), scale(dVal, sv), UpperCriterion.MSE);
  }

  /**
   * The log-penalties of Experiment 1 panel (b)'s starting point, {@code exp(x⁰) = (0.35, 1.20,
   * 2.00)}.
   */
  public static double[] experiment1PanelBStart() {
    return new double[] {Math.log(0.35), Math.log(1.2), Math.log(2.0)};
  }

  /**
   * A correlated three-feature quadratic instance on which Definition 2 prunes (derivation in
   * {@code org.sparsetune.oracle.SelfConsistentPruningTest}). Lower level: n = 3, l2 = 0, no
   * intercept,
   *
   * <pre>
   *   A = √3·R,  R = [[1, 0.8, 0], [0, 0.6, 0], [0, 0, 1]] (rows),   b = √3·(1.5, 1, 0.5),
   * </pre>
   *
   * so {@code ∇²F = AᵀA/3 = RᵀR = G = [[1, 0.8, 0], [0.8, 1, 0], [0, 0, 1]]} (features 1 and 2
   * correlated with ρ = 0.8, feature 3 orthogonal) and {@code Aᵀb/3 = Rᵀ(1.5, 1, 0.5) = (1.5, 1.8,
   * 0.5)}. Upper level: MSE with {@code A_val = √(3/2)·I₃}, {@code b_val = √(3/2)·(2, 0.4, 0.3)},
   * i.e. {@code L = ½||y - (2, 0.4, 0.3)||²}. The penalties are the argument.
   */
  public static Bilevel correlatedPruning(double[] penalties) {
    double s = Math.sqrt(3.0);
    double sv = Math.sqrt(1.5);
    DenseMatrix a =
        DenseMatrix.ofRows(new double[][] {{s, 0.8 * s, 0.0}, {0.0, 0.6 * s, 0.0}, {0.0, 0.0, s}});
    LowerLevelProblem train =
        new LowerLevelProblem(
            a, scale(new double[] {1.5, 1.0, 0.5}, s), Loss.QUADRATIC, 0.0, penalties, false);
    return new Bilevel(
        train, scaledIdentity(3, sv), scale(new double[] {2.0, 0.4, 0.3}, sv), UpperCriterion.MSE);
  }

  private static DenseMatrix scaledIdentity(int n, double s) {
    double[][] rows = new double[n][n];
    for (int i = 0; i < n; i++) {
      rows[i][i] = s;
    }
    return DenseMatrix.ofRows(rows);
  }

  private static double[] scale(double[] v, double s) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = s * v[i];
    }
    return out;
  }

  private static int[] range(int from, int to) {
    int[] out = new int[to - from];
    for (int k = 0; k < out.length; k++) {
      out[k] = from + k;
    }
    return out;
  }

  private static double[] select(double[] v, int[] rows) {
    double[] out = new double[rows.length];
    for (int k = 0; k < rows.length; k++) {
      out[k] = v[rows[k]];
    }
    return out;
  }
}
