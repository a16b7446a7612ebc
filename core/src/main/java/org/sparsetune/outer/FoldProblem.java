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

  /**
   * Bytes of the block's data arrays: both designs' {@link DesignMatrix#memoryBytes} plus 8 per
   * training and validation label. The training problem's penalty vector (p doubles, replaced at
   * every evaluation and never shipped) and object headers are not counted.
   */
  public long memoryBytes() {
    return train.design().memoryBytes() + validationDesign.memoryBytes()
        + 8L * (train.labels().length + validationLabels.length);
  }

  /** Stored entries of both designs (their nonzeros for sparse storage). */
  public long storedEntries() {
    return train.design().storedEntries() + validationDesign.storedEntries();
  }

  /**
   * {@link #memoryBytes} per stored entry (per nonzero for sparse storage): 12 for values and
   * indices alone, more for the pointer arrays and the labels. NaN for a block without entries.
   */
  public double bytesPerNonzero() {
    long entries = storedEntries();
    return entries == 0 ? Double.NaN : (double) memoryBytes() / entries;
  }
}
