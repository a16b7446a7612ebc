package org.sparsetune.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The experiment plans, one unit of each kind run in-process, and the report's checks. */
class SyntheticRunnerTest {

  @Test
  void plansHaveThePapersGridsAndUniqueKeys() {
    assertEquals(2 * 2 * 3 * 10 * 2, SyntheticPlan.units("exp2", SyntheticPlan.Scale.PAPER).size());
    assertEquals(3 * 5 * 4, SyntheticPlan.units("exp3", SyntheticPlan.Scale.PAPER).size());
    assertEquals(9 * 5 * 3, SyntheticPlan.units("exp4", SyntheticPlan.Scale.PAPER).size());
    for (String e : SyntheticPlan.EXPERIMENTS) {
      for (SyntheticPlan.Scale s : SyntheticPlan.Scale.values()) {
        List<SyntheticUnit> units = SyntheticPlan.units(e, s);
        Set<String> keys = new HashSet<>();
        for (SyntheticUnit u : units) {
          assertTrue(keys.add(u.key()), "duplicate key " + u.key());
          assertTrue(u.key().matches("[A-Za-z0-9.\\-]+"), "file-name safe: " + u.key());
        }
      }
    }
    SyntheticUnit u = SyntheticPlan.units("exp3", SyntheticPlan.Scale.PAPER).get(0);
    assertEquals(250, u.p());
    assertEquals(166, u.n());
    assertEquals(100, u.maxIterations());
    assertEquals(7, SyntheticPlan.units("exp4", SyntheticPlan.Scale.SMOKE, 7).get(0).maxIterations());
    assertThrows(IllegalArgumentException.class,
        () -> SyntheticPlan.units("exp5", SyntheticPlan.Scale.SMOKE));
    assertThrows(IllegalArgumentException.class, () -> SyntheticPlan.Scale.parse("huge"));
  }

  private static SyntheticUnit unit(String method) {
    return new SyntheticUnit("exp4", 100, 150, 0.95, Double.NaN, Double.NaN, 1, method, 10);
  }

  @Test
  void starvationIsExactForSparseHoAndBrokenBySelfConsistentNtrba() {
    UnitOutcome sho = SyntheticRunner.run(unit("sparse-ho"));
    UnitOutcome ours = SyntheticRunner.run(unit("ntrba-sc"));
    assertEquals(0.0, sho.hiddenGradNormK0());
    assertTrue(ours.hiddenGradNormK0() > 0.0);
    // Both start at the calibrated x0: the same Φ there.
    assertEquals(sho.value()[0], ours.value()[0], 1e-12 * Math.abs(ours.value()[0]));
    assertTrue(ours.bestValLoss() < ours.value()[0], "NTRBA-SC improves on x0");
    assertEquals(ours.iterations() + 1, ours.value().length, "iteration 0 is x0");
    for (int k = 1; k < ours.bestValue().length; k++) {
      assertTrue(ours.bestValue()[k] <= ours.bestValue()[k - 1]);
    }
    assertEquals(ours.bestValue()[ours.bestValue().length - 1], ours.bestValLoss(),
        1e-9 * ours.bestValLoss());
    assertEquals(150, ours.penalties().length);
  }

  @Test
  void unitsAreDeterministic() {
    UnitOutcome a = SyntheticRunner.run(unit("ntrba-sc"));
    UnitOutcome b = SyntheticRunner.run(unit("ntrba-sc"));
    assertEquals(a.f1(), b.f1());
    assertEquals(a.testMse(), b.testMse());
    assertArrayEquals(a.value(), b.value());
    assertArrayEquals(a.penalties(), b.penalties());
  }

  @Test
  void scalarGridHasNoHiddenGradientAndAUniformPenalty() {
    UnitOutcome s = SyntheticRunner.run(unit("scalar-grid"));
    assertTrue(Double.isNaN(s.hiddenGradNormK0()));
    assertTrue(s.iterations() >= 100, "100 grid points at least");
    for (double w : s.penalties()) {
      assertEquals(s.penalties()[0], w);
    }
    assertTrue(s.f1() >= 0.0 && s.f1() <= 1.0);
  }

  @Test
  void f1CountsSupportAgreement() {
    boolean[] truth = {true, true, false, false};
    assertEquals(1.0, SyntheticRunner.f1(new double[] {1, -2, 0, 0}, truth));
    // tp 1, fp 1, fn 1 → 2/(2+1+1)
    assertEquals(0.5, SyntheticRunner.f1(new double[] {1, 0, 3, 0}, truth));
    assertEquals(0.0, SyntheticRunner.f1(new double[] {0, 0, 0, 0}, truth));
  }

  @Test
  void reportFlagsAStarvedSelfConsistentRun() {
    UnitOutcome sho = SyntheticRunner.run(unit("sparse-ho"));
    UnitOutcome ours = SyntheticRunner.run(unit("ntrba-sc"));
    UnitOutcome grid = SyntheticRunner.run(unit("scalar-grid"));
    SyntheticReport.Report ok = SyntheticReport.build("exp4", "smoke", "cmd",
        List.of(grid, sho, ours));
    assertTrue(ok.checks().get(0).holds(), ok.checks().get(0).detail());
    assertTrue(ok.markdown().contains("| 0.95 | (100, 150) | sparse-ho | 0.000 ± 0.000 (0.000) |"),
        ok.markdown());
    UnitOutcome starved = new UnitOutcome(ours.unit(), ours.f1(), ours.testMse(),
        ours.bestValLoss(), ours.hiddenRecall(), 0.0, ours.finalGradNorm(),
        ours.secondsPerIteration(), ours.iterations(), ours.activeFeatures(),
        ours.stoppingReason(), ours.seconds(), ours.value(), ours.bestValue(),
        ours.hiddenPenalty(), ours.f1Trajectory(), ours.penalties());
    SyntheticReport.Report bad = SyntheticReport.build("exp4", "smoke", "cmd",
        List.of(grid, sho, starved));
    assertTrue(!bad.checks().get(0).holds());
    assertEquals(3, ok.figures().size());
  }
}
