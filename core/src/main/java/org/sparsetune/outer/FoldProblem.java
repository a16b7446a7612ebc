package org.sparsetune.outer;

import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.solver.LowerLevelProblem;

/**
 * One (seed, fold) block: the training problem (its penalties are replaced at every evaluation)
 * and the held-out rows its validation criterion is measured on.
 *
 * @param train the lower-level problem on the training rows
 * @param validationDesign held-out rows (same feature count)
 * @param validationLabels held-out labels
 */
public record FoldProblem(
    LowerLevelProblem train, DesignMatrix validationDesign, double[] validationLabels) {

  /** Checks shapes. */
  public FoldProblem {
    if (train == null || validationDesign == null || validationLabels == null) {
      throw new IllegalArgumentException("train and validation data must not be null");
    }
    if (validationDesign.cols() != train.cols()) {
      throw new IllegalArgumentException(
          "validation data has " + validationDesign.cols() + " features, training data "
              + train.cols());
    }
    DesignMatrix.checkLength("validation labels", validationLabels, validationDesign.rows());
  }
}
