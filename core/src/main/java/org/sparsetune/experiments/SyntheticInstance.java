package org.sparsetune.experiments;

import java.util.HashSet;
import java.util.List;
import org.sparsetune.data.LabeledData;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.outer.FoldProblem;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.LowerLevelProblem;

/**
 * A synthetic instance with a known truth, split 60/20/20 into training, validation and test rows.
 * For the quadratic loss (regression) the lower level is the paper's weighted elastic net (§5,
 * "Lower-level solver")
 *
 * <pre>
 *   min_y 1/(2 n_train) ||b_tr - A_tr y||² + l2/2 ||y||² + Σ_j exp(x_j) |y_j|
 * </pre>
 *
 * and the upper level the validation MSE; for the logistic loss (classification, labels ±1) it is
 * the weighted sparse logistic regression of Experiment 5
 *
 * <pre>
 *   min_y 1/n_train Σ_i log(1 + exp(-b_i a_iᵀ y)) + l2/2 ||y||² + Σ_j exp(x_j) |y_j|
 * </pre>
 *
 * and the upper level the held-out logistic loss ({@link UpperCriterion#matching}). Either is solved
 * on the training rows, without intercept and without standardization. Built by {@link
 * ThreeGroupDesign}, {@link DegenerateDesign} (quadratic) and {@link SemiSyntheticDesign}
 * (logistic); see docs/experiments/generators.md. The arrays are owned by the instance: callers
 * must not modify them.
 *
 * @param description human-readable, e.g. {@code degenerate n=200 p=300 rho=0.98 seed=0}
 * @param train the training rows
 * @param validation the validation rows
 * @param test the test rows
 * @param beta the ground-truth coefficients β* (length p)
 * @param groups the group code of each feature, an index into {@code groupNames} (length p)
 * @param groupNames the names of the groups, e.g. {@code [signal, correlated, noise]}
 * @param l2 the fixed ridge (Tikhonov) parameter, 1/n_train
 * @param rho the correlation of the paired groups (hidden–distractor in the degenerate design,
 *     correlated–signal in the three-group design), or NaN when unknown or not one number
 * @param loss the lower-level loss; {@link Loss#LOGISTIC} needs labels ±1 in every part
 */
public record SyntheticInstance(
    String description,
    LabeledData train,
    LabeledData validation,
    LabeledData test,
    double[] beta,
    int[] groups,
    List<String> groupNames,
    double l2,
    double rho,
    Loss loss) {

  /** Validates shapes, group codes, names and labels; the message names the bad value. */
  public SyntheticInstance {
    if (description == null || train == null || validation == null || test == null
        || beta == null || groups == null || groupNames == null || loss == null) {
      throw new IllegalArgumentException("no argument of a synthetic instance may be null");
    }
    int p = beta.length;
    if (train.cols() != p || validation.cols() != p || test.cols() != p) {
      throw new IllegalArgumentException(description + ": train/validation/test have "
          + train.cols() + "/" + validation.cols() + "/" + test.cols() + " features, beta " + p);
    }
    if (train.rows() < 1 || validation.rows() < 1 || test.rows() < 1) {
      throw new IllegalArgumentException(description + ": train/validation/test have "
          + train.rows() + "/" + validation.rows() + "/" + test.rows() + " rows; each needs one");
    }
    if (groups.length != p) {
      throw new IllegalArgumentException(
          description + ": " + groups.length + " group codes for " + p + " features");
    }
    groupNames = List.copyOf(groupNames); // rejects null names
    if (groupNames.isEmpty() || new HashSet<>(groupNames).size() != groupNames.size()) {
      throw new IllegalArgumentException(
          description + ": group names must be non-empty and distinct, got " + groupNames);
    }
    for (int j = 0; j < p; j++) {
      if (!Double.isFinite(beta[j])) {
        throw new IllegalArgumentException(description + ": beta of feature " + j + " is " + beta[j]);
      }
      if (groups[j] < 0 || groups[j] >= groupNames.size()) {
        throw new IllegalArgumentException(description + ": feature " + j + " has group code "
            + groups[j] + ", expected 0.." + (groupNames.size() - 1));
      }
    }
    if (!(l2 >= 0.0) || !Double.isFinite(l2)) {
      throw new IllegalArgumentException(description + ": l2 must be finite and ≥ 0, got " + l2);
    }
    if (!Double.isNaN(rho) && !(rho >= -1.0 && rho <= 1.0)) {
      throw new IllegalArgumentException(description + ": rho must be NaN or in [-1, 1], got " + rho);
    }
    if (loss == Loss.LOGISTIC) {
      checkBinaryLabels(description, "train", train.labels());
      checkBinaryLabels(description, "validation", validation.labels());
      checkBinaryLabels(description, "test", test.labels());
    }
  }

  /** A quadratic-loss (regression) instance, as built by the three-group and degenerate designs. */
  public SyntheticInstance(
      String description,
      LabeledData train,
      LabeledData validation,
      LabeledData test,
      double[] beta,
      int[] groups,
      List<String> groupNames,
      double l2,
      double rho) {
    this(description, train, validation, test, beta, groups, groupNames, l2, rho, Loss.QUADRATIC);
  }

  /**
   * A quadratic-loss instance whose pair correlation is unknown ({@link #rho} = NaN); {@link
   * DegenerateDesign#calibrate} rejects such an instance.
   */
  public SyntheticInstance(
      String description,
      LabeledData train,
      LabeledData validation,
      LabeledData test,
      double[] beta,
      int[] groups,
      List<String> groupNames,
      double l2) {
    this(description, train, validation, test, beta, groups, groupNames, l2, Double.NaN,
        Loss.QUADRATIC);
  }

  private static void checkBinaryLabels(String description, String part, double[] labels) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 1.0 && labels[i] != -1.0) {
        throw new IllegalArgumentException(description + ": " + part + " label of row " + i
            + " is " + labels[i] + "; the logistic loss needs labels -1 or +1");
      }
    }
  }

  /** The number of features p. */
  public int cols() {
    return beta.length;
  }

  /** The true support: {@code beta[j] != 0}. */
  public boolean[] truthSupport() {
    boolean[] s = new boolean[beta.length];
    for (int j = 0; j < s.length; j++) {
      s[j] = beta[j] != 0.0;
    }
    return s;
  }

  /**
   * The features of a group, ascending.
   *
   * @throws IllegalArgumentException if no group has that name
   */
  public int[] featuresOf(String group) {
    int code = groupNames.indexOf(group);
    if (code < 0) {
      throw new IllegalArgumentException(
          "unknown group '" + group + "': " + description + " has groups " + groupNames);
    }
    int count = 0;
    for (int g : groups) {
      if (g == code) {
        count++;
      }
    }
    int[] out = new int[count];
    int k = 0;
    for (int j = 0; j < groups.length; j++) {
      if (groups[j] == code) {
        out[k++] = j;
      }
    }
    return out;
  }

  /** The held-out criterion that matches {@link #loss}: validation MSE or logistic loss. */
  public UpperCriterion upperCriterion() {
    return UpperCriterion.matching(loss);
  }

  /**
   * The bilevel fold of this instance at log-penalties x: the training rows as a {@link
   * LowerLevelProblem} with the instance's {@link #loss}, ridge {@link #l2}, penalties {@code
   * exp(x)} and no intercept, and the validation rows for the upper level.
   *
   * @param logPenalties x (length p); the penalties exp(x) must be finite
   */
  public FoldProblem fold(double[] logPenalties) {
    if (logPenalties == null || logPenalties.length != beta.length) {
      throw new IllegalArgumentException("log-penalties have length "
          + (logPenalties == null ? "null" : logPenalties.length) + ", expected p = " + beta.length);
    }
    LowerLevelProblem problem = LowerLevelProblem.fromLogPenalties(
        train.features(), train.labels(), loss, l2, logPenalties);
    return new FoldProblem(problem, validation.features(), validation.labels());
  }

  @Override
  public String toString() {
    return "SyntheticInstance[" + description + ": " + train.rows() + "/" + validation.rows()
        + "/" + test.rows() + " rows, groups " + groupNames + ", " + loss.cliName() + "]";
  }
}
