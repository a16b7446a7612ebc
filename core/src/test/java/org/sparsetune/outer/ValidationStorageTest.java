package org.sparsetune.outer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparsetune.linalg.CsrMatrix;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.oracle.BiactivePolicy;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.testing.BilevelProblems;
import org.sparsetune.testing.BilevelProblems.Bilevel;
import org.sparsetune.testing.RandomProblems.Spec;
import org.sparsetune.testing.RandomProblems.Storage;

/**
 * A fold block may hold its sparse validation rows as CSC or as CSR ({@code TuningProblem} keeps
 * them as CSR): the in-process objective — lower-level solves, Algorithm 1 and the held-out
 * criterion, over two folds and a short warm-started walk of accepted points — gives the same
 * values, subgradients and held-out gradients z* either way, to {@link #STORAGE_AGREEMENT_REL}.
 */
class ValidationStorageTest {

  /**
   * Relative difference (to the largest magnitude compared, at least 1) allowed between CSC and
   * CSR validation rows. CSR's products add the same terms in the same order as CSC's, so the
   * observed difference is exactly 0; the tolerance allows only for rounding.
   */
  static final double STORAGE_AGREEMENT_REL = 1e-12;

  private static final int TRAIN_ROWS = 40;
  private static final int VALIDATION_ROWS = 25;
  private static final int FEATURES = 30;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> s = Stream.builder();
    for (Loss loss : Loss.values()) {
      for (boolean intercept : new boolean[] {false, true}) {
        for (BiactivePolicy policy : BiactivePolicy.values()) {
          s.add(Arguments.of(loss, intercept, policy));
        }
      }
    }
    return s.build();
  }

  private static List<FoldProblem> folds(Loss loss, boolean intercept,
      UnaryOperator<DesignMatrix> validationStorage) {
    List<FoldProblem> folds = new ArrayList<>();
    for (long seed : new long[] {31, 32}) {
      Spec spec = Spec.of(loss, TRAIN_ROWS, FEATURES).withDensity(0.25).withIntercept(intercept)
          .withPenaltyFractions(0.05, 0.5);
      Bilevel b = BilevelProblems.randomSplit(spec, VALIDATION_ROWS, seed, Storage.CSC);
      folds.add(new FoldProblem(b.train(), validationStorage.apply(b.valDesign()),
          b.valLabels()));
    }
    return folds;
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    assertNotNull(actual, what);
    assertEquals(expected.length, actual.length, what);
    double scale = 1.0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int j = 0; j < expected.length; j++) {
      assertEquals(expected[j], actual[j], STORAGE_AGREEMENT_REL * scale, what + "[" + j + "]");
    }
  }

  @ParameterizedTest(name = "{0} intercept={1} {2}")
  @MethodSource("cases")
  void csrValidationRowsGiveTheCscObjective(Loss loss, boolean intercept, BiactivePolicy policy) {
    List<FoldProblem> csc = folds(loss, intercept, a -> a);
    List<FoldProblem> csr = folds(loss, intercept, CsrMatrix::copyOf);
    assertTrue(csr.get(0).validationDesign() instanceof CsrMatrix);
    UpperCriterion criterion = UpperCriterion.matching(loss);
    SolverOptions solver = SolverOptions.DEFAULTS.withTolerance(1e-10);
    OracleOptions oracle = OracleOptions.DEFAULTS.withPolicy(policy);
    BilevelObjective a = new BilevelObjective(csc, criterion, solver, oracle);
    BilevelObjective b = new BilevelObjective(csr, criterion, solver, oracle);
    SplittableRandom rng = new SplittableRandom(5);
    double base = Math.log(0.3 * a.alphaMax());
    int withSupport = 0;
    for (int step = 0; step < 4; step++) {
      double[] x = new double[FEATURES];
      for (int j = 0; j < FEATURES; j++) {
        x[j] = base + rng.nextDouble(-1.5, 1.5);
      }
      Evaluation ea = a.evaluate(x, true);
      Evaluation eb = b.evaluate(x, true);
      String at = "step " + step;
      assertClose(new double[] {ea.value()}, new double[] {eb.value()}, at + ": value");
      assertClose(ea.gradient(), eb.gradient(), at + ": subgradient");
      assertClose(ea.validationGradient(), eb.validationGradient(), at + ": z*");
      assertClose(ea.trainGradient(), eb.trainGradient(), at + ": ∇F");
      assertEquals(ea.support(), eb.support(), at + ": support");
      assertEquals(ea.biactive(), eb.biactive(), at + ": biactive");
      Evaluation va = a.evaluate(x, false);
      Evaluation vb = b.evaluate(x, false);
      assertClose(new double[] {va.value()}, new double[] {vb.value()}, at + ": value only");
      if (ea.support() > 0) {
        withSupport++;
      }
      a.accept(ea); // the next point warm-starts from here, solutions and adjoints
      b.accept(eb);
    }
    assertTrue(withSupport > 0, "the walk visits points with a nonzero lower-level solution");
  }
}
