package org.sparsetune.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparsetune.data.LabeledData;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.outer.BilevelObjective;
import org.sparsetune.outer.Evaluation;
import org.sparsetune.outer.FoldProblem;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.SolverOptions;

/**
 * Guard rows ({@code tune --auto-guard}): a seeded, stratified part of each block's validation
 * rows that evaluations measure but the outer loop does not fit. The held-out value over
 * validation and guard rows together must be the value the block without guard rows gives.
 */
class GuardRowsTest {
  private static final SolverOptions SOLVER = SolverOptions.DEFAULTS.withTolerance(1e-10);

  private static TuningProblem.Layout layout(int folds, double guard) {
    return new TuningProblem.Layout(Loss.LOGISTIC, folds, Double.NaN, false, guard);
  }

  private static int positives(double[] b) {
    return (int) Arrays.stream(b).filter(v -> v > 0).count();
  }

  @ParameterizedTest(name = "{0} fold(s)")
  @ValueSource(ints = {1, 3})
  void guardRowsSplitTheValidationRowsStratifiedAndAsTheExecutorsCutThem(int folds) {
    LabeledData data = SeedRunTest.sample(500);
    TuningProblem plain = TuningProblem.fromOneFile(data, layout(folds, 0.0), 5);
    TuningProblem guarded = TuningProblem.fromOneFile(data, layout(folds, 0.5), 5);
    for (int f = 0; f < folds; f++) {
      FoldProblem a = plain.folds().get(f);
      FoldProblem g = guarded.folds().get(f);
      assertFalse(a.hasGuard());
      assertTrue(g.hasGuard());
      int n = a.validationLabels().length;
      int nFit = g.validationLabels().length;
      int nGuard = g.guardLabels().length;
      assertEquals(n, nFit + nGuard);
      assertTrue(Math.abs(nFit - nGuard) <= 2, nFit + " vs " + nGuard);
      int pos = positives(a.validationLabels());
      assertEquals(pos, positives(g.validationLabels()) + positives(g.guardLabels()));
      assertTrue(Math.abs(positives(g.validationLabels()) - positives(g.guardLabels())) <= 1,
          "stratified");
      assertEquals(a.validationDesign().storedEntries(),
          g.validationDesign().storedEntries() + g.guardDesign().storedEntries());
      // The training rows are untouched, and an executor cutting the block alone gets the same.
      assertArrayEquals(a.train().labels(), g.train().labels(), 0.0);
      FoldProblem alone = TuningProblem.foldBlock(data, null, layout(folds, 0.5), 5, f);
      assertArrayEquals(g.validationLabels(), alone.validationLabels(), 0.0);
      assertArrayEquals(g.guardLabels(), alone.guardLabels(), 0.0);
      double[] y = new double[data.cols()];
      Arrays.fill(y, 0.01);
      double[] p1 = new double[nGuard];
      double[] p2 = new double[nGuard];
      g.guardDesign().multiply(y, p1);
      alone.guardDesign().multiply(y, p2);
      assertArrayEquals(p1, p2, 0.0);
    }
    // Another seed sets other rows aside.
    TuningProblem other = TuningProblem.fromOneFile(data, layout(folds, 0.5), 6);
    assertFalse(Arrays.equals(rowSignature(guarded.folds().get(0)),
        rowSignature(other.folds().get(0))));
  }

  /** A number per guard row that tells rows apart (Σ_j (j+1)·a_ij). */
  private static double[] rowSignature(FoldProblem b) {
    double[] y = new double[b.guardDesign().cols()];
    Arrays.setAll(y, j -> j + 1.0);
    double[] out = new double[b.guardDesign().rows()];
    b.guardDesign().multiply(y, out);
    return out;
  }

  @ParameterizedTest(name = "{0} fold(s)")
  @ValueSource(ints = {1, 2})
  void theHeldOutValueIsTheValueWithoutGuardRows(int folds) {
    LabeledData data = SeedRunTest.sample(500);
    TuningProblem plain = TuningProblem.fromOneFile(data, layout(folds, 0.0), 3);
    TuningProblem guarded = TuningProblem.fromOneFile(data, layout(folds, 0.4), 3);
    BilevelObjective a = new BilevelObjective(plain.folds(), UpperCriterion.LOGISTIC, SOLVER,
        OracleOptions.DEFAULTS);
    BilevelObjective g = new BilevelObjective(guarded.folds(), UpperCriterion.LOGISTIC, SOLVER,
        OracleOptions.DEFAULTS);
    double[] x = new double[a.dimension()];
    for (int j = 0; j < x.length; j++) {
      x[j] = Math.log((0.01 + 0.02 * (j % 5)) * a.alphaMax());
    }
    for (boolean withGradient : List.of(false, true)) {
      Evaluation ea = a.evaluate(x, withGradient);
      Evaluation eg = g.evaluate(x, withGradient);
      assertFalse(ea.hasGuard());
      assertEquals(ea.value(), ea.heldOutValue(), 0.0);
      assertTrue(eg.hasGuard());
      assertEquals(ea.value(), eg.heldOutValue(), 1e-12 * ea.value());
      // The value and subgradient are those of the validation rows alone.
      double v = 0.0;
      double guard = 0.0;
      double[][] ys = BilevelObjective.coefficientsOf(eg);
      for (int f = 0; f < folds; f++) {
        FoldProblem b = guarded.folds().get(f);
        v += UpperCriterion.LOGISTIC.value(b.validationDesign(), b.validationLabels(), ys[f], 0.0)
            / folds;
        guard += UpperCriterion.LOGISTIC.value(b.guardDesign(), b.guardLabels(), ys[f], 0.0)
            / folds;
      }
      assertEquals(v, eg.value(), 1e-12 * v);
      assertEquals(guard, eg.guardValue(), 1e-12 * guard);
      assertEquals(Math.sqrt(guardMeanVariance(guarded.folds(), ys)), eg.guardStandardError(),
          1e-12);
      assertTrue(eg.guardStandardError() > 0.0);
      assertTrue(Math.abs(eg.value() - ea.value()) > 1e-9, "the value must see fewer rows");
    }
  }

  /** Σ_f s_f²/(n_f K²): each fold's guard losses' sample variance over its row count, by hand. */
  private static double guardMeanVariance(List<FoldProblem> folds, double[][] ys) {
    int k = folds.size();
    double v = 0.0;
    for (int f = 0; f < k; f++) {
      FoldProblem b = folds.get(f);
      int n = b.guardLabels().length;
      double[] m = new double[n];
      b.guardDesign().multiply(ys[f], m);
      double[] loss = new double[n];
      double mean = 0.0;
      for (int i = 0; i < n; i++) {
        loss[i] = Math.log1p(Math.exp(-b.guardLabels()[i] * m[i]));
        mean += loss[i] / n;
      }
      double ss = 0.0;
      for (double l : loss) {
        ss += (l - mean) * (l - mean);
      }
      v += ss / (n - 1) / n / ((double) k * k);
    }
    return v;
  }

  @Test
  void badGuardFractionsAreRefusedWithTheOptionName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> layout(1, 1.0));
    assertTrue(e.getMessage().contains("--auto-guard"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> layout(1, -0.1));
    assertThrows(IllegalArgumentException.class, () -> layout(1, Double.NaN));
    LabeledData tiny = SeedRunTest.sample(12);
    IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
        () -> TuningProblem.fromOneFile(tiny, layout(1, 0.01), 1));
    assertTrue(few.getMessage().contains("guard rows"), few.getMessage());
  }
}
