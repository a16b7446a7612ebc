package org.sparsetune.outer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * {@link FoldContribution#withoutProbeGradients} and {@link FoldContribution#mean}: a fold shipped
 * without ∇F(ȳ) and z* (an outer loop that never probes) keeps everything else, and the mean then
 * has a subgradient but no probe gradients.
 */
class FoldContributionTest {
  private static FoldContribution fold(double v) {
    return new FoldContribution(v, new double[] {v, -v}, new double[] {1, 2}, new double[] {3, 4},
        1, 2, 1, 3, v + 1, 0.25, v + 0.5);
  }

  @Test
  void strippingKeepsEverythingButTheProbeGradients() {
    FoldContribution c = fold(0.5);
    FoldContribution s = c.withoutProbeGradients();
    assertNull(s.trainGradient());
    assertNull(s.validationGradient());
    assertEquals(new FoldContribution(c.value(), c.gradient(), null, null, c.support(),
        c.biactive(), c.selectedBiactive(), c.pruningRounds(), c.guardValue(),
        c.guardMeanVariance(), c.heldOutValue()), s);
  }

  @Test
  void theMeanHasProbeGradientsOnlyWhenEveryFoldHasThem() {
    double[] x = {0.0, 1.0};
    Evaluation both = FoldContribution.mean(x, new FoldContribution[] {fold(1), fold(3)}, true,
        0.0, null);
    assertArrayEquals(new double[] {1, 2}, both.trainGradient(), 0.0);
    assertArrayEquals(new double[] {3, 4}, both.validationGradient(), 0.0);
    Evaluation stripped = FoldContribution.mean(x, new FoldContribution[] {
        fold(1).withoutProbeGradients(), fold(3)}, true, 0.0, null);
    assertNull(stripped.trainGradient());
    assertNull(stripped.validationGradient());
    // The rest is the same arithmetic either way.
    assertArrayEquals(both.gradient(), stripped.gradient(), 0.0);
    assertEquals(both.value(), stripped.value(), 0.0);
    assertEquals(both.guardValue(), stripped.guardValue(), 0.0);
    assertEquals(both.heldOutValue(), stripped.heldOutValue(), 0.0);
    assertArrayEquals(new double[] {2, -2}, stripped.gradient(), 0.0);
  }
}
