package org.sparsetune.outer.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RandomSearchTest extends BlackBoxTunerContractTest {

  /** Seeds every convergence test must pass for. */
  private static final int SEEDS = 5;

  /**
   * Evaluations for the 1-d quadratic. Random search misses the band f ≤ 0.05 (|x − 1.3| ≤ 0.224,
   * 4.5% of [−5, 5]) with probability 0.955^200 ≈ 1e-4 per seed.
   */
  private static final int QUADRATIC_BUDGET = 200;

  /** Absolute tolerance on the best 1-d value: f(best) − 0 ≤ this. */
  private static final double QUADRATIC_TOLERANCE = 0.05;

  /** Evaluations for Branin. */
  private static final int BRANIN_BUDGET = 500;

  /**
   * Absolute tolerance on the best Branin value: f(best) − 5/(4π) ≤ this. Over seeds 0–199 the
   * largest gap at 500 evaluations was 0.65 (mean 0.10); random search is slow on Branin.
   */
  private static final double BRANIN_TOLERANCE = 1.0;

  /** Uniform samples for the moment check. */
  private static final int SAMPLES = 20_000;

  @Override
  BlackBoxTuner create(SearchSpace space, long seed) {
    return new RandomSearch(space, seed);
  }

  @Override
  BlackBoxTuner resume(SearchSpace space, TunerState state) {
    return RandomSearch.resume(space, state);
  }

  @Test
  void findsTheMinimumOfAOneDimensionalQuadratic() {
    for (long seed = 0; seed < SEEDS; seed++) {
      Observation best = new RandomSearch(TestObjectives.QUADRATIC_BOX, seed)
          .minimize(TestObjectives::shiftedQuadratic, QUADRATIC_BUDGET, 1);
      assertTrue(best.value() - TestObjectives.QUADRATIC_MIN <= QUADRATIC_TOLERANCE,
          "seed " + seed + ": " + best);
    }
  }

  @Test
  void findsTheMinimumOfBranin() {
    for (long seed = 0; seed < SEEDS; seed++) {
      Observation best = new RandomSearch(TestObjectives.BRANIN_BOX, seed)
          .minimize(TestObjectives::branin, BRANIN_BUDGET, 10);
      assertTrue(best.value() - TestObjectives.BRANIN_MIN <= BRANIN_TOLERANCE,
          "seed " + seed + ": " + best);
    }
  }

  @Test
  void ignoresTheValuesTold() {
    RandomSearch a = new RandomSearch(TestObjectives.BRANIN_BOX, 4);
    RandomSearch b = new RandomSearch(TestObjectives.BRANIN_BOX, 4);
    for (int round = 0; round < 5; round++) {
      double[][] pa = a.ask(3);
      double[][] pb = b.ask(3);
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(pa[i], pb[i]);
      }
      a.tell(pa, new double[] {1.0, 2.0, 3.0});
      b.tell(pb, new double[] {Double.NaN, -7.0, 0.0});
    }
  }

  /**
   * Uniform on [l, u]: each coordinate's sample mean is (l + u)/2 and variance (u − l)²/12; with
   * 20,000 draws the mean's standard error is (u − l)/(√12 · 141) ≈ 0.002 (u − l), so 5 standard
   * errors is 0.01 (u − l); the sample variance's relative standard error is √(0.8/20,000) ≈ 0.6%
   * (uniform kurtosis 1.8), so 5% is 8 of them.
   */
  @Test
  void drawsUniformlyFromTheBox() {
    SearchSpace space = SearchSpace.of(new double[] {-3.0, 10.0}, new double[] {1.0, 10.5});
    double[][] points = new RandomSearch(space, 21).ask(SAMPLES);
    for (int j = 0; j < 2; j++) {
      double sum = 0.0;
      double sumSq = 0.0;
      for (double[] p : points) {
        sum += p[j];
        sumSq += p[j] * p[j];
      }
      double mean = sum / SAMPLES;
      double variance = sumSq / SAMPLES - mean * mean;
      double w = space.width(j);
      assertEquals(0.5 * (space.lower(j) + space.upper(j)), mean, 0.01 * w, "mean, dim " + j);
      assertEquals(w * w / 12.0, variance, 0.05 * w * w / 12.0, "variance, dim " + j);
    }
  }
}
