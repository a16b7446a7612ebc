package org.sparsetune.outer.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sparsetune.outer.search.TpeOptions.BandwidthRule;
import org.sparsetune.outer.search.TpeOptions.CandidateSelection;

class TreeParzenEstimatorTest extends BlackBoxTunerContractTest {

  /** Seeds every convergence test must pass for. */
  private static final int SEEDS = 5;

  /** Evaluations for the 1-d quadratic (10 of them the uniform startup). */
  private static final int QUADRATIC_BUDGET = 100;

  /**
   * Absolute tolerance on the best 1-d value, f(best) − 0 ≤ this (|x − 1.3| ≤ 0.1). Over seeds
   * 0–199 the largest gap at 100 evaluations with the defaults was 4.3e-4 (mean 3.6e-5).
   */
  private static final double QUADRATIC_TOLERANCE = 0.01;

  /** Evaluations for Branin. */
  private static final int BRANIN_BUDGET = 200;

  /**
   * Absolute tolerance on the best Branin value, f(best) − 5/(4π) ≤ this. Over seeds 0–199 the
   * largest gap at 200 evaluations with the defaults was 0.08 (mean 0.007); random search needs
   * 500 evaluations for a tolerance of 1.0 (RandomSearchTest).
   */
  private static final double BRANIN_TOLERANCE = 0.2;

  /** Equal budget of TPE and random search in the comparison. */
  private static final int COMPARISON_BUDGET = 100;

  /** Seeds averaged in the comparison. */
  private static final int COMPARISON_SEEDS = 10;

  /**
   * TPE's mean Branin gap must be at most this fraction of random search's. Over 20 disjoint groups
   * of 10 seeds (0–199) the ratio was at most 0.31 with batch 1 and 0.36 with batch 5 (overall
   * means 0.06 vs 0.54).
   */
  private static final double COMPARISON_MAX_RATIO = 0.5;

  @Override
  BlackBoxTuner create(SearchSpace space, long seed) {
    return new TreeParzenEstimator(space, TpeOptions.DEFAULTS.withSeed(seed));
  }

  @Override
  BlackBoxTuner resume(SearchSpace space, TunerState state) {
    return TreeParzenEstimator.resume(space, TpeOptions.DEFAULTS.withSeed(state.seed()), state);
  }

  private static TreeParzenEstimator tpe(SearchSpace space, TpeOptions options) {
    return new TreeParzenEstimator(space, options);
  }

  @Test
  void findsTheMinimumOfAOneDimensionalQuadraticWithEveryRuleAndSelection() {
    for (BandwidthRule rule : BandwidthRule.values()) {
      for (CandidateSelection selection : CandidateSelection.values()) {
        for (long seed = 0; seed < SEEDS; seed++) {
          TpeOptions options = TpeOptions.DEFAULTS.withSeed(seed).withBandwidthRule(rule)
              .withCandidateSelection(selection);
          Observation best = tpe(TestObjectives.QUADRATIC_BOX, options)
              .minimize(TestObjectives::shiftedQuadratic, QUADRATIC_BUDGET, 1);
          assertTrue(best.value() - TestObjectives.QUADRATIC_MIN <= QUADRATIC_TOLERANCE,
              rule + ", " + selection + ", seed " + seed + ": " + best);
        }
      }
    }
  }

  @Test
  void findsTheMinimumOfBranin() {
    for (int batch : new int[] {1, 5}) {
      for (long seed = 0; seed < SEEDS; seed++) {
        Observation best = tpe(TestObjectives.BRANIN_BOX, TpeOptions.DEFAULTS.withSeed(seed))
            .minimize(TestObjectives::branin, BRANIN_BUDGET, batch);
        assertTrue(best.value() - TestObjectives.BRANIN_MIN <= BRANIN_TOLERANCE,
            "batch " + batch + ", seed " + seed + ": " + best);
      }
    }
  }

  @Test
  void beatsRandomSearchOnBraninAtEqualBudget() {
    for (int batch : new int[] {1, 5}) {
      double tpeGap = 0.0;
      double randomGap = 0.0;
      for (long seed = 0; seed < COMPARISON_SEEDS; seed++) {
        tpeGap += tpe(TestObjectives.BRANIN_BOX, TpeOptions.DEFAULTS.withSeed(seed))
            .minimize(TestObjectives::branin, COMPARISON_BUDGET, batch).value()
            - TestObjectives.BRANIN_MIN;
        randomGap += new RandomSearch(TestObjectives.BRANIN_BOX, seed)
            .minimize(TestObjectives::branin, COMPARISON_BUDGET, batch).value()
            - TestObjectives.BRANIN_MIN;
      }
      double ratio = tpeGap / randomGap;
      assertTrue(ratio <= COMPARISON_MAX_RATIO, "batch " + batch + ": mean gap TPE "
          + tpeGap / COMPARISON_SEEDS + " vs random " + randomGap / COMPARISON_SEEDS);
    }
  }

  /** Told evaluations before the batch in the constant-liar check. */
  private static final int LIAR_HISTORY = 30;

  /** Batch size in the constant-liar check. */
  private static final int LIAR_BATCH = 8;

  /** Repetitions (seeds) averaged in the constant-liar check. */
  private static final int LIAR_SEEDS = 20;

  /**
   * The constant-liar batch's mean smallest pairwise gap must be at least this multiple of that of
   * independent draws from the same model. Over 10 disjoint groups of 20 seeds (0–199) the
   * multiple was between 11 and 41 (mean gaps ≈ 0.26 vs ≈ 0.012 on [−5, 5]).
   */
  private static final double LIAR_MIN_SPREAD_FACTOR = 5.0;

  private static double smallestGap(double[][] points) {
    double gap = Double.POSITIVE_INFINITY;
    for (int i = 0; i < points.length; i++) {
      for (int k = 0; k < i; k++) {
        gap = Math.min(gap, Math.abs(points[i][0] - points[k][0]));
      }
    }
    return gap;
  }

  @Test
  void constantLiarSpreadsABatchBeyondIndependentDraws() {
    double liarGap = 0.0;
    double independentGap = 0.0;
    for (long seed = 0; seed < LIAR_SEEDS; seed++) {
      TreeParzenEstimator t = tpe(TestObjectives.QUADRATIC_BOX, TpeOptions.DEFAULTS.withSeed(seed));
      t.minimize(TestObjectives::shiftedQuadratic, LIAR_HISTORY, 1);
      TunerState told = t.state();
      liarGap += smallestGap(t.ask(LIAR_BATCH));
      // The same model, one point each from independent streams (other seeds), no lies.
      double[][] independent = new double[LIAR_BATCH][];
      for (int i = 0; i < LIAR_BATCH; i++) {
        long other = 1000 * seed + i + 1;
        independent[i] = TreeParzenEstimator.resume(TestObjectives.QUADRATIC_BOX,
            TpeOptions.DEFAULTS.withSeed(other), new TunerState(other, 0, told.history()))
            .ask(1)[0];
      }
      independentGap += smallestGap(independent);
    }
    assertTrue(liarGap >= LIAR_MIN_SPREAD_FACTOR * independentGap,
        "mean smallest gap: constant liar " + liarGap / LIAR_SEEDS + ", independent "
            + independentGap / LIAR_SEEDS);
  }

  @Test
  void startupPointsIgnoreTheValuesAndTheModelThenUsesThem() {
    TpeOptions options = TpeOptions.DEFAULTS.withSeed(8);
    TreeParzenEstimator a = tpe(TestObjectives.BRANIN_BOX, options);
    TreeParzenEstimator b = tpe(TestObjectives.BRANIN_BOX, options);
    for (int i = 0; i < options.startupCandidates(); i++) {
      double[][] pa = a.ask(1);
      double[][] pb = b.ask(1);
      assertArrayEquals(pa[0], pb[0], "startup point " + i);
      a.tell(pa, new double[] {TestObjectives.branin(pa[0])});
      b.tell(pb, new double[] {-TestObjectives.branin(pb[0])});
    }
    assertFalse(Arrays.equals(a.ask(1)[0], b.ask(1)[0]),
        "after the startup the told values must matter");
  }

  @Test
  void startupCountsEarlierPointsOfTheSameBatch() {
    // 8 told + a batch of 4 with 10 startup candidates: points 0 and 1 of the batch are still
    // uniform (8 + 0, 8 + 1 < 10), points 2 and 3 come from the model. Two runs told different
    // values agree exactly on the uniform ones only (each point has its own sub-stream).
    TpeOptions options = TpeOptions.DEFAULTS.withSeed(2);
    TreeParzenEstimator a = tpe(TestObjectives.BRANIN_BOX, options);
    TreeParzenEstimator b = tpe(TestObjectives.BRANIN_BOX, options);
    double[][] pa = a.ask(8);
    double[][] pb = b.ask(8);
    double[] va = new double[8];
    double[] vb = new double[8];
    for (int i = 0; i < 8; i++) {
      va[i] = TestObjectives.branin(pa[i]);
      vb[i] = -va[i];
    }
    a.tell(pa, va);
    b.tell(pb, vb);
    double[][] qa = a.ask(4);
    double[][] qb = b.ask(4);
    assertArrayEquals(qa[0], qb[0]);
    assertArrayEquals(qa[1], qb[1]);
    assertFalse(Arrays.equals(qa[2], qb[2]));
    assertFalse(Arrays.equals(qa[3], qb[3]));
  }

  @Test
  void zeroStartupUsesThePriorFromTheFirstFiniteValue() {
    TreeParzenEstimator t =
        tpe(TestObjectives.QUADRATIC_BOX, TpeOptions.DEFAULTS.withStartupCandidates(0));
    Observation best = t.minimize(TestObjectives::shiftedQuadratic, QUADRATIC_BUDGET, 1);
    assertTrue(best.value() <= QUADRATIC_TOLERANCE, best.toString());
  }

  @Test
  void resumeRejectsOptionsWithAnotherSeed() {
    TreeParzenEstimator t = tpe(TestObjectives.BRANIN_BOX, TpeOptions.DEFAULTS.withSeed(1));
    t.minimize(TestObjectives::branin, 3, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TreeParzenEstimator.resume(TestObjectives.BRANIN_BOX,
            TpeOptions.DEFAULTS.withSeed(2), t.state()));
    assertTrue(e.getMessage().contains("seed 1") && e.getMessage().contains("seed 2"),
        e.getMessage());
  }

  @Test
  void rejectsMissingOptions() {
    assertThrows(IllegalArgumentException.class,
        () -> new TreeParzenEstimator(TestObjectives.BRANIN_BOX, null));
    TpeOptions options = TpeOptions.DEFAULTS.withSeed(3);
    assertSame(options, tpe(TestObjectives.BRANIN_BOX, options).options());
  }
}
