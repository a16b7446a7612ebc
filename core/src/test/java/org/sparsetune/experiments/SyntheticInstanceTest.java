package org.sparsetune.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsetune.data.LabeledData;
import org.sparsetune.linalg.DenseMatrix;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.outer.FoldProblem;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.LowerLevelProblem;

/** {@link SyntheticInstance}: validation, groups, truth and the fold it builds. */
class SyntheticInstanceTest {

  private static LabeledData data(String name, int rows, int cols) {
    double[][] r = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        r[i][j] = i + 0.5 * j;
      }
    }
    double[] b = new double[rows];
    for (int i = 0; i < rows; i++) {
      b[i] = i;
    }
    return new LabeledData(name, DenseMatrix.ofRows(r), b);
  }

  private static SyntheticInstance small() {
    return new SyntheticInstance("small", data("tr", 6, 4), data("va", 2, 4), data("te", 2, 4),
        new double[] {1.0, 0.0, -1.0, 0.0}, new int[] {0, 1, 0, 2}, List.of("a", "b", "c"),
        1.0 / 6, 0.5);
  }

  @Test
  void groupsAndTruthAreReadFromTheCodes() {
    SyntheticInstance s = small();
    assertEquals(4, s.cols());
    assertArrayEquals(new int[] {0, 2}, s.featuresOf("a"));
    assertArrayEquals(new int[] {1}, s.featuresOf("b"));
    assertArrayEquals(new int[] {3}, s.featuresOf("c"));
    boolean[] t = s.truthSupport();
    assertTrue(t[0] && !t[1] && t[2] && !t[3]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.featuresOf("hidden"));
    assertTrue(e.getMessage().contains("'hidden'") && e.getMessage().contains("[a, b, c]"),
        e.getMessage());
  }

  @Test
  void foldIsTheQuadraticTrainingProblemAtExpXWithTheValidationRows() {
    SyntheticInstance s = small();
    double[] x = {0.0, Math.log(2.0), -1.0, 3.0};
    FoldProblem f = s.fold(x);
    LowerLevelProblem p = f.train();
    assertSame(s.train().features(), p.design());
    assertSame(s.train().labels(), p.labels());
    assertEquals(Loss.QUADRATIC, p.loss());
    assertEquals(1.0 / 6, p.l2(), 0.0);
    assertFalse(p.fitIntercept());
    assertArrayEquals(LowerLevelProblem.exp(x), p.penalties(), 0.0);
    assertSame(s.validation().features(), f.validationDesign());
    assertSame(s.validation().labels(), f.validationLabels());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.fold(new double[3]));
    assertTrue(e.getMessage().contains("length 3") && e.getMessage().contains("p = 4"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> s.fold(null));
  }

  @Test
  void inconsistentPartsAreRejected() {
    LabeledData tr = data("tr", 6, 4);
    LabeledData va = data("va", 2, 4);
    LabeledData te = data("te", 2, 4);
    double[] beta = new double[4];
    int[] groups = {0, 0, 1, 1};
    List<String> names = List.of("x", "y");
    assertThrows(IllegalArgumentException.class, () -> new SyntheticInstance(
        "d", tr, va, data("te", 2, 3), beta, groups, names, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new SyntheticInstance(
        "d", tr, va, te, new double[5], groups, names, 0.1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SyntheticInstance("d", tr, va, te, beta, new int[] {0, 0, 2, 1}, names, 0.1));
    assertTrue(e.getMessage().contains("feature 2 has group code 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SyntheticInstance(
        "d", tr, va, te, beta, groups, List.of("x", "x"), 0.1));
    assertThrows(IllegalArgumentException.class, () -> new SyntheticInstance(
        "d", tr, va, te, new double[] {0, Double.NaN, 0, 0}, groups, names, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new SyntheticInstance(
        "d", tr, va, te, beta, groups, names, -1.0));
    assertThrows(IllegalArgumentException.class, () -> new SyntheticInstance(
        "d", tr, va, te, beta, groups, names, 0.1, 1.5));
    assertTrue(Double.isNaN(new SyntheticInstance("d", tr, va, te, beta, groups, names, 0.1).rho()));
    assertThrows(IllegalArgumentException.class, () -> new SyntheticInstance(
        "d", tr, va, te, beta, groups, names, 0.1, 0.5, null));
  }

  @Test
  void theShorterConstructorsMeanTheQuadraticLoss() {
    SyntheticInstance s = small();
    assertEquals(Loss.QUADRATIC, s.loss());
    assertEquals(UpperCriterion.MSE, s.upperCriterion());
    assertEquals(Loss.QUADRATIC, new SyntheticInstance("d", s.train(), s.validation(), s.test(),
        s.beta(), s.groups(), s.groupNames(), 0.1).loss());
  }

  @Test
  void aLogisticInstanceFoldsToTheLogisticProblemAndNeedsLabelsPlusMinusOne() {
    LabeledData tr = signs(data("tr", 6, 4));
    LabeledData va = signs(data("va", 2, 4));
    LabeledData te = signs(data("te", 2, 4));
    SyntheticInstance s = new SyntheticInstance("logit", tr, va, te, new double[] {1, 0, -1, 0},
        new int[] {0, 1, 0, 2}, List.of("a", "b", "c"), 1.0 / 6, Double.NaN, Loss.LOGISTIC);
    assertEquals(UpperCriterion.LOGISTIC, s.upperCriterion());
    double[] x = {0.0, Math.log(2.0), -1.0, 3.0};
    LowerLevelProblem p = s.fold(x).train();
    assertEquals(Loss.LOGISTIC, p.loss());
    assertSame(tr.labels(), p.labels());
    assertArrayEquals(LowerLevelProblem.exp(x), p.penalties(), 0.0);
    // The regression labels 0, 1, ... of data() are not ±1: rejected in any part, with the part.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SyntheticInstance("logit", tr, data("va", 2, 4), te, s.beta(), s.groups(),
            s.groupNames(), 0.1, Double.NaN, Loss.LOGISTIC));
    assertTrue(e.getMessage().contains("validation label of row 0 is 0.0"), e.getMessage());
  }

  /** The same rows with labels -1, +1, -1, ... */
  private static LabeledData signs(LabeledData d) {
    double[] b = new double[d.rows()];
    for (int i = 0; i < b.length; i++) {
      b[i] = i % 2 == 0 ? -1.0 : 1.0;
    }
    return new LabeledData(d.source(), d.features(), b);
  }
}
