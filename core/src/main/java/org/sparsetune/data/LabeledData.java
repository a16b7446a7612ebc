package org.sparsetune.data;

import org.sparsetune.linalg.DesignMatrix;

/**
 * A design matrix with one label per row, and the name of where it came from (used in messages).
 *
 * @param source a file name or description, for messages
 * @param features the n × p design matrix
 * @param labels n labels: ±1 for classification, any finite value for regression
 */
public record LabeledData(String source, DesignMatrix features, double[] labels) {

  /** Checks that there is one finite label per row. */
  public LabeledData {
    if (features == null || labels == null) {
      throw new IllegalArgumentException("features and labels must not be null");
    }
    if (labels.length != features.rows()) {
      throw new IllegalArgumentException(
          source + ": " + labels.length + " labels for " + features.rows() + " rows");
    }
    for (int i = 0; i < labels.length; i++) {
      if (!Double.isFinite(labels[i])) {
        throw new IllegalArgumentException(source + ": label of row " + i + " is " + labels[i]);
      }
    }
  }

  /** Number of rows. */
  public int rows() {
    return features.rows();
  }

  /** Number of features. */
  public int cols() {
    return features.cols();
  }

  /** The rows named by strictly ascending indices, with their labels. */
  public LabeledData selectRows(int[] rowIndices) {
    double[] sub = new double[rowIndices.length];
    for (int k = 0; k < rowIndices.length; k++) {
      sub[k] = labels[rowIndices[k]];
    }
    return new LabeledData(source, features.selectRows(rowIndices), sub);
  }
}
