package org.sparsetune.outer.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link BlackBoxTuner} that every implementation passes: each implementation's
 * test class extends this one and says how to build and resume its tuner.
 */
abstract class BlackBoxTunerContractTest {

  /** A fresh tuner over {@code space} with this seed. */
  abstract BlackBoxTuner create(SearchSpace space, long seed);

  /** The implementation's tuner resumed from {@code state} (written by a tuner from create). */
  abstract BlackBoxTuner resume(SearchSpace space, TunerState state);

  /** Boxes of very different widths, one of them tiny, so a bound slip would show. */
  private static final SearchSpace UNEVEN_BOX = SearchSpace.of(
      new double[] {-1e-3, -20.0, 0.0}, new double[] {1e-3, 5.0, 1.0});

  /** Linear, minimized at a corner of {@link #UNEVEN_BOX}: draws crowd the bounds. */
  private static double corner(double[] p) {
    return 1e3 * p[0] + p[1] - p[2];
  }

  /** Batch sizes of a run, varied so batching paths are exercised. */
  private static final int[] BATCHES = {1, 3, 2, 5, 1, 4, 6, 2, 3, 1, 7, 5};

  /**
   * Runs ask/tell with the {@link #BATCHES} sequence and returns every asked point, in order.
   */
  private static List<double[]> run(BlackBoxTuner tuner, ToDoubleFunction<double[]> f,
      int rounds) {
    List<double[]> asked = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      double[][] points = tuner.ask(BATCHES[r % BATCHES.length]);
      double[] values = new double[points.length];
      for (int i = 0; i < points.length; i++) {
        asked.add(points[i].clone());
        values[i] = f.applyAsDouble(points[i]);
      }
      tuner.tell(points, values);
    }
    return asked;
  }

  private static void assertSameSequence(List<double[]> expected, List<double[]> actual) {
    assertEquals(expected.size(), actual.size(), "number of asked points");
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), "asked point " + i); // exact
    }
  }

  @Test
  void everyAskedPointIsInTheBox() {
    BlackBoxTuner tuner = create(UNEVEN_BOX, 7);
    for (double[] p : run(tuner, BlackBoxTunerContractTest::corner, 40)) {
      assertTrue(UNEVEN_BOX.contains(p), () -> "outside the box: " + Arrays.toString(p));
    }
  }

  @Test
  void askReturnsTheRequestedNumberOfDistinctPoints() {
    BlackBoxTuner tuner = create(TestObjectives.BRANIN_BOX, 3);
    run(tuner, TestObjectives::branin, 12); // past any startup phase
    for (int batch : new int[] {1, 2, 8}) {
      double[][] points = tuner.ask(batch);
      assertEquals(batch, points.length);
      for (int i = 0; i < batch; i++) {
        assertEquals(2, points[i].length);
        for (int k = 0; k < i; k++) {
          assertFalse(Arrays.equals(points[i], points[k]), "points " + k + " and " + i + " equal");
        }
      }
    }
  }

  @Test
  void askRejectsANonPositiveBatchSize() {
    BlackBoxTuner tuner = create(TestObjectives.BRANIN_BOX, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tuner.ask(0));
    assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
  }

  @Test
  void sameSeedAndValuesGiveTheSamePoints() {
    List<double[]> first = run(create(UNEVEN_BOX, 42), BlackBoxTunerContractTest::corner, 15);
    List<double[]> second = run(create(UNEVEN_BOX, 42), BlackBoxTunerContractTest::corner, 15);
    assertSameSequence(first, second);
  }

  @Test
  void differentSeedsGiveDifferentPoints() {
    double[] a = create(TestObjectives.BRANIN_BOX, 1).ask(1)[0];
    double[] b = create(TestObjectives.BRANIN_BOX, 2).ask(1)[0];
    assertFalse(Arrays.equals(a, b));
  }

  @Test
  void restoredTunerContinuesExactlyLikeTheOriginal() throws Exception {
    BlackBoxTuner original = create(TestObjectives.BRANIN_BOX, 11);
    run(original, TestObjectives::branin, 8);
    original.ask(2); // asked, never told: the stream position must still be restored
    TunerState state = original.state();

    // Through JSON, as a checkpoint would travel.
    ObjectMapper json = new ObjectMapper();
    @SuppressWarnings("unchecked")
    Map<String, Object> read = json.readValue(json.writeValueAsString(state.toMap()), Map.class);
    BlackBoxTuner restored = resume(TestObjectives.BRANIN_BOX, TunerState.fromMap(read));

    assertEquals(state, restored.state());
    assertEquals(original.best(), restored.best());
    List<double[]> expected = run(original, TestObjectives::branin, 8);
    List<double[]> actual = run(restored, TestObjectives::branin, 8);
    assertSameSequence(expected, actual);
    assertEquals(original.state(), restored.state());
  }

  @Test
  void resumeRejectsAHistoryOutsideTheSpace() {
    BlackBoxTuner tuner = create(TestObjectives.BRANIN_BOX, 5);
    run(tuner, TestObjectives::branin, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resume(TestObjectives.QUADRATIC_BOX, tuner.state()));
    assertTrue(e.getMessage().contains("history[0]"), e.getMessage());
  }

  @Test
  void nonFiniteValuesAreRecordedAsFailuresAndRankLast() {
    BlackBoxTuner tuner = create(TestObjectives.BRANIN_BOX, 9);
    double[][] points = tuner.ask(4);
    tuner.tell(points, new double[] {Double.NaN, Double.NEGATIVE_INFINITY, 3.5,
        Double.POSITIVE_INFINITY});
    List<Observation> history = tuner.history();
    assertEquals(4, history.size());
    assertTrue(history.get(0).failed());
    assertTrue(history.get(1).failed());
    assertFalse(history.get(2).failed());
    assertTrue(history.get(3).failed());
    assertEquals(new Observation(points[2], 3.5), tuner.best().orElseThrow());
    // Keeps working with failures in the history.
    for (double[] p : run(tuner, p -> p[0] > 0 ? Double.NaN : TestObjectives.branin(p), 10)) {
      assertTrue(TestObjectives.BRANIN_BOX.contains(p));
    }
    assertFalse(tuner.best().orElseThrow().failed());
  }

  @Test
  void onlyFailuresStillAskInTheBoxAndBestIsAFailure() {
    BlackBoxTuner tuner = create(TestObjectives.BRANIN_BOX, 13);
    for (double[] p : run(tuner, p -> Double.NaN, 20)) {
      assertTrue(TestObjectives.BRANIN_BOX.contains(p));
    }
    assertTrue(tuner.best().orElseThrow().failed());
  }

  @Test
  void bestIsEmptyBeforeTheFirstTellAndEarliestAmongTies() {
    BlackBoxTuner tuner = create(TestObjectives.BRANIN_BOX, 0);
    assertTrue(tuner.best().isEmpty());
    double[][] points = tuner.ask(3);
    tuner.tell(points, new double[] {2.0, 1.0, 1.0});
    assertEquals(new Observation(points[1], 1.0), tuner.best().orElseThrow());
  }

  @Test
  void tellRejectsBadInputAndRecordsNothing() {
    BlackBoxTuner tuner = create(TestObjectives.BRANIN_BOX, 0);
    double[] inside = {0.0, 1.0};
    IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
        () -> tuner.tell(new double[][] {inside}, new double[] {1.0, 2.0}));
    assertTrue(lengths.getMessage().contains("1 points but 2 values"), lengths.getMessage());
    IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
        () -> tuner.tell(new double[][] {inside, {0.0}}, new double[] {1.0, 2.0}));
    assertTrue(dim.getMessage().contains("point 1 has 1 coordinates"), dim.getMessage());
    IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
        () -> tuner.tell(new double[][] {inside, {0.0, 15.5}}, new double[] {1.0, 2.0}));
    assertTrue(outside.getMessage().contains("point 1, dimension 1: 15.5 is outside"),
        outside.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> tuner.tell(new double[][] {{Double.NaN, 1.0}}, new double[] {1.0}));
    assertTrue(nan.getMessage().contains("point 0, dimension 0: NaN"), nan.getMessage());
    assertTrue(tuner.history().isEmpty(), "a rejected tell must record nothing");
  }

  @Test
  void observationsAndHistoryAreSnapshots() {
    BlackBoxTuner tuner = create(TestObjectives.BRANIN_BOX, 0);
    double[][] points = tuner.ask(1);
    double[] told = points[0].clone();
    tuner.tell(points, new double[] {1.0});
    points[0][0] = 99.0; // the caller's array changes after tell
    List<Observation> history = tuner.history();
    assertArrayEquals(told, history.get(0).point());
    history.get(0).point()[0] = 99.0;
    assertArrayEquals(told, tuner.history().get(0).point());
    assertThrows(UnsupportedOperationException.class, () -> history.add(history.get(0)));
  }

  @Test
  void minimizeSpendsExactlyTheBudget() {
    BlackBoxTuner tuner = create(TestObjectives.BRANIN_BOX, 0);
    Observation best = tuner.minimize(TestObjectives::branin, 10, 4);
    assertEquals(10, tuner.history().size());
    assertEquals(tuner.best().orElseThrow(), best);
    assertThrows(IllegalArgumentException.class,
        () -> tuner.minimize(TestObjectives::branin, 0, 4));
  }
}
