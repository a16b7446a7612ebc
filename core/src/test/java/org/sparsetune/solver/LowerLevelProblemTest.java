package org.sparsetune.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.sparsetune.linalg.DenseMatrix;

/** Invalid lower-level problems are rejected at construction with a message naming the fault. */
class LowerLevelProblemTest {

  private static final DenseMatrix A = DenseMatrix.ofRows(new double[][] {{1, 0}, {0, 1}, {1, 1}});
  private static final double[] LABELS = {1, -1, 1};
  private static final double[] PENALTIES = {0.1, 0.2};

  private static void assertRejected(Executable build, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
    for (String f : fragments) {
      assertTrue(
          e.getMessage().contains(f), "message '" + e.getMessage() + "' should mention '" + f + "'");
    }
  }

  @Test
  void acceptsAValidProblem() {
    LowerLevelProblem p = new LowerLevelProblem(A, LABELS, Loss.LOGISTIC, 0.5, PENALTIES, true);
    assertEquals(3, p.rows());
    assertEquals(2, p.cols());
    // Quadratic labels are any finite reals; zero penalties and l2 = 0 are allowed.
    new LowerLevelProblem(A, new double[] {0.3, -7, 2}, Loss.QUADRATIC, 0.0, new double[2], false);
  }

  @Test
  void logisticLabelsMustBePlusOrMinusOne() {
    assertRejected(
        () -> new LowerLevelProblem(A, new double[] {1, 0, 1}, Loss.LOGISTIC, 0.1, PENALTIES, false),
        "row 1", "-1 or +1");
    assertRejected(
        () -> new LowerLevelProblem(A, new double[] {1, -1, 2}, Loss.LOGISTIC, 0.1, PENALTIES, false),
        "row 2", "2.0");
  }

  @Test
  void labelsMustBeFinite() {
    assertRejected(
        () ->
            new LowerLevelProblem(
                A, new double[] {1, Double.NaN, 1}, Loss.QUADRATIC, 0.1, PENALTIES, false),
        "row 1", "NaN");
    assertRejected(
        () ->
            new LowerLevelProblem(
                A,
                new double[] {Double.POSITIVE_INFINITY, 1, 1},
                Loss.QUADRATIC,
                0.1,
                PENALTIES,
                false),
        "row 0");
  }

  @Test
  void penaltiesMustBeFiniteAndNonNegative() {
    assertRejected(
        () -> new LowerLevelProblem(A, LABELS, Loss.QUADRATIC, 0.1, new double[] {0.1, -0.2}, false),
        "feature 2", "-0.2");
    assertRejected(
        () ->
            new LowerLevelProblem(
                A, LABELS, Loss.QUADRATIC, 0.1, new double[] {Double.NaN, 0.2}, false),
        "feature 1", "NaN");
    assertRejected(
        () ->
            new LowerLevelProblem(
                A, LABELS, Loss.QUADRATIC, 0.1, new double[] {0.1, Double.POSITIVE_INFINITY}, false),
        "feature 2", "Infinity");
    LowerLevelProblem ok = new LowerLevelProblem(A, LABELS, Loss.QUADRATIC, 0.1, PENALTIES, false);
    assertRejected(() -> ok.withPenalties(new double[] {0.1, -1}), "feature 2");
  }

  @Test
  void l2MustBeFiniteAndNonNegative() {
    assertRejected(
        () -> new LowerLevelProblem(A, LABELS, Loss.QUADRATIC, -0.1, PENALTIES, false), "l2", "-0.1");
    assertRejected(
        () -> new LowerLevelProblem(A, LABELS, Loss.QUADRATIC, Double.NaN, PENALTIES, false),
        "l2", "NaN");
    assertRejected(
        () ->
            new LowerLevelProblem(
                A, LABELS, Loss.QUADRATIC, Double.POSITIVE_INFINITY, PENALTIES, false),
        "l2");
  }

  @Test
  void lengthsMustMatchTheDesign() {
    assertRejected(
        () -> new LowerLevelProblem(A, new double[] {1, 1}, Loss.QUADRATIC, 0.1, PENALTIES, false),
        "labels", "length 2", "expected 3");
    assertRejected(
        () -> new LowerLevelProblem(A, LABELS, Loss.QUADRATIC, 0.1, new double[] {1, 1, 1}, false),
        "penalties", "length 3", "expected 2");
  }

  @Test
  void nullArgumentsAreRejected() {
    assertRejected(
        () -> new LowerLevelProblem(null, LABELS, Loss.QUADRATIC, 0.1, PENALTIES, false), "null");
    assertRejected(() -> new LowerLevelProblem(A, LABELS, null, 0.1, PENALTIES, false), "null");
    assertRejected(
        () -> new LowerLevelProblem(A, null, Loss.QUADRATIC, 0.1, PENALTIES, false), "null");
    assertRejected(() -> new LowerLevelProblem(A, LABELS, Loss.QUADRATIC, 0.1, null, false), "null");
  }

  @Test
  void logPenaltiesAreExponentiated() {
    LowerLevelProblem p =
        LowerLevelProblem.fromLogPenalties(A, LABELS, Loss.LOGISTIC, 0.1, new double[] {0.0, -1.0});
    assertEquals(1.0, p.penalties()[0], 0.0);
    assertEquals(Math.exp(-1.0), p.penalties()[1], 0.0);
    assertTrue(!p.fitIntercept());
  }

  /**
   * {@link LowerLevelProblem#exp} reuses one exp over a run of equal values: every entry is still
   * Math.exp of its own value, to the bit — across runs, signed zeros, NaN and infinities.
   */
  @Test
  void expOfRunsIsExpOfEveryEntry() {
    double[] x = {-2.5, -2.5, -2.5, 0.0, -0.0, -0.0, 1e-300, 1e-300, Double.NaN, Double.NaN, -2.5,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 710.0, 3.0, 3.0};
    double[] w = LowerLevelProblem.exp(x);
    assertEquals(x.length, w.length);
    for (int j = 0; j < x.length; j++) {
      assertEquals(Double.doubleToRawLongBits(Math.exp(x[j])), Double.doubleToRawLongBits(w[j]),
          "entry " + j + " (x = " + x[j] + ")");
    }
    assertEquals(0, LowerLevelProblem.exp(new double[0]).length);
  }
}
