package org.sparsetune.oracle;

import java.util.Arrays;
import java.util.Locale;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.Loss;

/**
 * The upper-level criterion L on held-out rows (DESIGN.md): held-out MSE
 * {@code 1/n_val ||b_val - A_val y - c||²} for regression, held-out logistic loss
 * {@code mean log(1 + exp(-b (a·y + c)))} for classification.
 */
public enum UpperCriterion {
  /** Held-out mean squared error. */
  MSE,
  /** Held-out mean logistic loss (labels ±1). */
  LOGISTIC;

  /** The criterion that matches a lower-level loss (quadratic → MSE, logistic → logistic). */
  public static UpperCriterion matching(Loss loss) {
    return loss == Loss.QUADRATIC ? MSE : LOGISTIC;
  }

  /** The name used in files and on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** L(y, c) on the held-out rows. */
  public double value(DesignMatrix a, double[] b, double[] y, double c) {
    return valueAt(margins(a, y), b, c);
  }

  /**
   * ∇_y L (entries 0..p-1) and ∂L/∂c (entry p) on the held-out rows.
   */
  public double[] gradient(DesignMatrix a, double[] b, double[] y, double c) {
    double[] m = new double[a.rows()];
    a.multiply(y, m);
    return gradientAt(a, m, b, c);
  }

  /**
   * {@link #value} and {@link #gradient} from one product {@code A y}: the same two results, bit
   * for bit, at the cost of one multiplication fewer.
   */
  public ValueAndGradient valueAndGradient(DesignMatrix a, double[] b, double[] y, double c) {
    double[] m = margins(a, y);
    return new ValueAndGradient(valueAt(m, b, c), gradientAt(a, m, b, c));
  }

  /**
   * L and its gradient at one point.
   *
   * @param value L(y, c)
   * @param gradient ∇_y L (entries 0..p-1) and ∂L/∂c (entry p)
   */
  public record ValueAndGradient(double value, double[] gradient) {}

  private static double[] margins(DesignMatrix a, double[] y) {
    int n = a.rows();
    if (n == 0) {
      throw new IllegalArgumentException("the held-out set has no rows");
    }
    double[] m = new double[n];
    a.multiply(y, m);
    return m;
  }

  /**
   * L on the rows of {@code a} and the sampling variance of that mean, s²/n with s² the rows'
   * sample variance of their losses (0 for a single row): the value is {@link #value}'s, bit for
   * bit.
   *
   * @return {L, s²/n}
   */
  public double[] valueAndMeanVariance(DesignMatrix a, double[] b, double[] y, double c) {
    double[] m = margins(a, y);
    int n = m.length;
    double mean = valueAt(m, b, c);
    double ss = 0.0;
    for (int i = 0; i < n; i++) {
      double d = rowLoss(m[i] + c, b[i]) - mean;
      ss += d * d;
    }
    return new double[] {mean, n < 2 ? 0.0 : ss / (n - 1) / n};
  }

  private double rowLoss(double margin, double label) {
    if (this == MSE) {
      double r = label - margin;
      return r * r;
    }
    return Kkt.logOnePlusExp(-label * margin);
  }

  private double valueAt(double[] m, double[] b, double c) {
    int n = m.length;
    double s = 0.0;
    for (int i = 0; i < n; i++) {
      double mi = m[i] + c;
      if (this == MSE) {
        double r = b[i] - mi;
        s += r * r;
      } else {
        s += Kkt.logOnePlusExp(-b[i] * mi);
      }
    }
    return s / n;
  }

  private double[] gradientAt(DesignMatrix a, double[] m, double[] b, double c) {
    int n = m.length;
    int p = a.cols();
    double[] rowDeriv = new double[n];
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
      double mi = m[i] + c;
      rowDeriv[i] = this == MSE ? 2.0 * (mi - b[i]) / n : -b[i] * Kkt.sigmoid(-b[i] * mi) / n;
      sum += rowDeriv[i];
    }
    // One Aᵀr (a single pass on row-major held-out rows) rather than p column dots; on column
    // storage it is the same column dots, bit for bit.
    double[] g = new double[p];
    a.multiplyTransposed(rowDeriv, g);
    g = Arrays.copyOf(g, p + 1);
    g[p] = sum;
    return g;
  }
}
