package org.sparsetune.tune;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.solver.Loss;

/**
 * Held-out metrics of a fitted linear model: the MSE for regression; the mean logistic loss, F1
 * of the positive class and accuracy for classification (prediction: +1 when aᵀy + c &gt; 0).
 */
public final class TestMetrics {
  private TestMetrics() {}

  /**
   * The metrics on rows (a, b), as an ordered name → value map ({@code summary.json}'s
   * {@code test_metrics}); empty when there are no rows.
   */
  public static Map<String, Object> of(
      Loss loss, DesignMatrix a, double[] b, double[] y, double intercept) {
    Map<String, Object> m = new LinkedHashMap<>();
    int n = a.rows();
    m.put("rows", n);
    if (n == 0) {
      return m;
    }
    if (loss == Loss.QUADRATIC) {
      m.put("mse", UpperCriterion.MSE.value(a, b, y, intercept));
      return m;
    }
    m.put("log_loss", UpperCriterion.LOGISTIC.value(a, b, y, intercept));
    double[] margin = new double[n];
    a.multiply(y, margin);
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int correct = 0;
    for (int i = 0; i < n; i++) {
      boolean predicted = margin[i] + intercept > 0.0;
      boolean actual = b[i] > 0.0;
      if (predicted == actual) {
        correct++;
      }
      if (predicted && actual) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (actual) {
        fn++;
      }
    }
    m.put("f1", tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn));
    m.put("accuracy", (double) correct / n);
    return m;
  }
}
