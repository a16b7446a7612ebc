package org.sparsetune.data;

import java.util.Arrays;

/**
 * One fold of K-fold cross-validation: the rows held out for validation and the rows trained on,
 * each strictly ascending and disjoint. Row indices refer to the full data set the folds were
 * drawn from (not to positions within the drawn subset). The arrays are owned by the fold: callers
 * must not modify them. Made by {@link Splits#kFold} and {@link Splits#kFoldStratified}.
 *
 * @param index the fold number in [0, K)
 * @param train the rows trained on: all drawn rows except {@code validation}
 * @param validation the rows held out in this fold
 */
public record Fold(int index, int[] train, int[] validation) {

  /** Checks the index, that both parts are strictly ascending and that they are disjoint. */
  public Fold {
    if (index < 0) {
      throw new IllegalArgumentException("fold index must be non-negative, got " + index);
    }
    RowSets.checkAscending("train", train);
    RowSets.checkAscending("validation", validation);
    RowSets.checkDisjoint("train", train, "validation", validation);
  }

  /** The training and validation parts of a data set, selected by this fold's rows. */
  public Parts apply(LabeledData data) {
    return new Parts(data.selectRows(train), data.selectRows(validation));
  }

  /**
   * A data set cut by a {@link Fold}.
   *
   * @param train the training rows
   * @param validation the held-out rows
   */
  public record Parts(LabeledData train, LabeledData validation) {

    /**
     * Both parts standardized with statistics of the training part alone (see {@link
     * Standardizer}); sparse parts come back unchanged.
     */
    public Parts standardized() {
      Standardizer s = Standardizer.fit(train.features());
      return new Parts(s.apply(train), s.apply(validation));
    }
  }

  /** Equal when the index and both parts are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Fold f && index == f.index && Arrays.equals(train, f.train)
        && Arrays.equals(validation, f.validation);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * index + Arrays.hashCode(train)) + Arrays.hashCode(validation);
  }

  @Override
  public String toString() {
    return "Fold[" + index + ": train=" + train.length + " rows, validation="
        + validation.length + " rows]";
  }
}
