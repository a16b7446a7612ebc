package org.sparsetune.outer;

import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.solver.LowerLevelProblem;

/**
 * One (seed, fold) block: the training problem (its penalties are replaced at every evaluation)
 * and the held-out rows its validation criterion is measured on.
 *
 * <p>Optionally some held-out rows are set aside as <em>guard rows</em>: every evaluation also
 * measures the criterion there, but neither the value the outer loop minimizes nor the
 * subgradient sees them. {@code auto} uses them to decide whether its per-feature refinement
 * generalizes better than the scalar path's best point (docs/auto.md).
 *
 * @param train the lower-level problem on the training rows
 * @param validationDesign held-out rows (same feature count)
 * @param validationLabels held-out labels
 * @param guardDesign guard rows (same feature count), or null for none
 * @param guardLabels guard labels, or null exactly when {@code guardDesign} is
 */
public record FoldProblem(
    LowerLevelProblem train,
    DesignMatrix validationDesign,
    double[] validationLabels,
    DesignMatrix guardDesign,
    double[] guardLabels) {

  /** Checks shapes. */
  public FoldProblem {
    if (train == null || validationDesign == null || validationLabels == null) {
      throw new IllegalArgumentException("train and validation data must not be null");
    }
    checkHeldOut("validation", validationDesign, validationLabels, train.cols());
    if ((guardDesign == null) != (guardLabels == null)) {
      throw new IllegalArgumentException("guard rows need both a design and labels");
    }
    if (guardDesign != null) {
      checkHeldOut("guard", guardDesign, guardLabels, train.cols());
    }
  }

  /** A block without guard rows. */
  public FoldProblem(
      LowerLevelProblem train, DesignMatrix validationDesign, double[] validationLabels) {
    this(train, validationDesign, validationLabels, null, null);
  }

  /** Whether the block holds guard rows. */
  public boolean hasGuard() {
    return guardDesign != null;
  }

  private static void checkHeldOut(String what, DesignMatrix a, double[] b, int p) {
    if (a.cols() != p) {
      throw new IllegalArgumentException(
          what + " data has " + a.cols() + " features, training data " + p);
    }
    DesignMatrix.checkLength(what + " labels", b, a.rows());
  }

  /**
   * Bytes of the block's data arrays: the designs' {@link DesignMatrix#memoryBytes} (training,
   * validation and guard rows) plus 8 per label. The training problem's penalty vector (p
   * doubles, replaced at every evaluation and never shipped) and object headers are not counted.
   */
  public long memoryBytes() {
    long b = train.design().memoryBytes() + validationDesign.memoryBytes()
        + 8L * (train.labels().length + validationLabels.length);
    if (guardDesign != null) {
      b += guardDesign.memoryBytes() + 8L * guardLabels.length;
    }
    return b;
  }

  /** Stored entries of the designs (their nonzeros for sparse storage). */
  public long storedEntries() {
    return train.design().storedEntries() + validationDesign.storedEntries()
        + (guardDesign == null ? 0 : guardDesign.storedEntries());
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
