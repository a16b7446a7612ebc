package org.sparsetune.data;

import java.util.Arrays;

/**
 * A train / validation / test partition of row indices, each part strictly ascending (as {@link
 * org.sparsetune.linalg.DesignMatrix#selectRows} requires) and the three pairwise disjoint. The
 * arrays are owned by the split: callers must not modify them. Made by {@link Splits}.
 *
 * @param train training rows (the lower-level problem is solved on these)
 * @param validation validation rows (the upper-level loss is measured on these)
 * @param test held-out rows, for reporting only
 */
public record Split(int[] train, int[] validation, int[] test) {

  /** Checks that each part is strictly ascending and that no row is in two parts. */
  public Split {
    RowSets.checkAscending("train", train);
    RowSets.checkAscending("validation", validation);
    RowSets.checkAscending("test", test);
    RowSets.checkDisjoint("train", train, "validation", validation);
    RowSets.checkDisjoint("train", train, "test", test);
    RowSets.checkDisjoint("validation", validation, "test", test);
  }

  /** Total number of rows in the three parts. */
  public int size() {
    return train.length + validation.length + test.length;
  }

  /** Training and validation rows together, ascending (the rows that K folds are drawn from). */
  public int[] trainAndValidation() {
    return RowSets.union(train, validation);
  }

  /** The three parts of a data set, selected by this split's rows (labels go along). */
  public Parts apply(LabeledData data) {
    return new Parts(data.selectRows(train), data.selectRows(validation), data.selectRows(test));
  }

  /**
   * A data set cut by a {@link Split}.
   *
   * @param train the training rows
   * @param validation the validation rows
   * @param test the test rows
   */
  public record Parts(LabeledData train, LabeledData validation, LabeledData test) {

    /**
     * The three parts standardized with statistics of the training part alone (see {@link
     * Standardizer}); sparse parts come back unchanged.
     */
    public Parts standardized() {
      Standardizer s = Standardizer.fit(train.features());
      return new Parts(s.apply(train), s.apply(validation), s.apply(test));
    }
  }

  /** Equal when the three parts hold the same rows. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Split s && Arrays.equals(train, s.train)
        && Arrays.equals(validation, s.validation) && Arrays.equals(test, s.test);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(train) + Arrays.hashCode(validation))
        + Arrays.hashCode(test);
  }

  @Override
  public String toString() {
    return "Split[train=" + train.length + " rows, validation=" + validation.length
        + " rows, test=" + test.length + " rows]";
  }
}
