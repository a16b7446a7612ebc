package org.sparsetune.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsetune.solver.ProximalCoordinateDescent;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.WarmStart;
import org.sparsetune.testing.DiagonalProblems;

/**
 * {@link DiagonalWeightedL1} on the paper's Experiment 1 panel (a): d = (0.8, 0.5), w = (0.6,
 * 0.6), y* = (S(0.8, 0.6), S(0.5, 0.6)) = (0.2, 0).
 */
class DiagonalWeightedL1Test {
  /** Absolute, per coordinate: 0.8 - 0.6 in doubles is 0.2 + 5.6e-17. */
  private static final double EXACT_ABS = 1e-15;
  /** Absolute: the FB residual ||y* - T_γ(y*)|| is a few roundings of numbers of order one. */
  private static final double FB_RESIDUAL_ABS = 1e-15;
  /**
   * Absolute, per coordinate: the stationarity equation g_j(t) at the computed root. The root is
   * bracketed to adjacent doubles and g has slope between 1 and 1 + w/μ ≤ 13, so |g| is a few ulps.
   */
  private static final double ROOT_EQUATION_ABS = 1e-15;
  /** Absolute: the project's solver on the panel's encoding, solved to KKT 1e-14. */
  private static final double SOLVER_AGREEMENT_ABS = 1e-13;

  private static final DiagonalWeightedL1 PANEL_A =
      new DiagonalWeightedL1(Experiment1.D, new double[] {Experiment1.PENALTY, Experiment1.PENALTY});

  @Test
  void exactMinimizerIsTheSoftThreshold() {
    assertArrayEquals(new double[] {0.2, 0.0}, PANEL_A.exactMinimizer(), EXACT_ABS);
    assertEquals(0.0, PANEL_A.exactMinimizer()[1]); // exactly on the ℓ1 kink
  }

  /** The project's solver, on the n = 2 encoding of the shared fixture, finds the same y*. */
  @Test
  void projectSolverAgrees() {
    DiagonalProblems.Case c = DiagonalProblems.experiment1PanelA();
    SolverResult r = new ProximalCoordinateDescent(SolverOptions.DEFAULTS.withTolerance(1e-14))
        .solve(c.problem(), WarmStart.COLD);
    assertArrayEquals(PANEL_A.exactMinimizer(), r.coefficients(), SOLVER_AGREEMENT_ABS);
    assertEquals(0.0, r.coefficients()[1]);
  }

  /** T_γ(y*) = y* for every γ of the experiment: the FB reformulation keeps the minimizer. */
  @Test
  void fbResidualVanishesAtTheMinimizerForEveryGamma() {
    double[] y = PANEL_A.exactMinimizer();
    for (double gamma : Experiment1.GAMMAS) {
      assertTrue(PANEL_A.fbResidual(y, gamma) <= FB_RESIDUAL_ABS, "gamma " + gamma);
    }
    // Away from y* it does not vanish.
    assertTrue(PANEL_A.fbResidual(new double[] {0.2, 0.05}, 0.5) > 0.01);
  }

  /**
   * Smoothing moves y₂ off zero, further as μ grows; each smoothed minimizer solves its own
   * stationarity equation and is a strict local minimum of φ_μ, but not a fixed point of T_γ.
   */
  @Test
  void smoothedMinimizersAreBiasedAndTheBiasGrowsWithMu() {
    double previous = 0.0;
    for (double mu : Experiment1.MUS) {
      double[] y = PANEL_A.smoothedMinimizer(mu);
      for (int j = 0; j < 2; j++) {
        assertTrue(Math.abs(PANEL_A.smoothedGradient(j, y[j], mu)) <= ROOT_EQUATION_ABS, "mu " + mu);
      }
      assertTrue(y[1] > previous, "mu " + mu + ": y2 = " + y[1] + " after " + previous);
      assertTrue(y[0] > 0.2, "mu " + mu + ": y1 = " + y[0]);
      previous = y[1];
      double f = PANEL_A.smoothedObjective(y, mu);
      for (double[] step : new double[][] {{1e-4, 0}, {-1e-4, 0}, {0, 1e-4}, {0, -1e-4}}) {
        assertTrue(PANEL_A.smoothedObjective(new double[] {y[0] + step[0], y[1] + step[1]}, mu) > f);
      }
      assertTrue(PANEL_A.fbResidual(y, 0.5) > 0.05, "mu " + mu);
    }
  }

  /** ψ_μ(0) = 0 and 0 ≤ |t| - ψ_μ(t) ≤ μ. */
  @Test
  void smoothedAbsIsAnUnderestimateWithinMu() {
    for (double mu : Experiment1.MUS) {
      assertEquals(0.0, DiagonalWeightedL1.smoothedAbs(0.0, mu));
      for (double t = -1.0; t <= 1.0; t += 0.125) {
        double gap = Math.abs(t) - DiagonalWeightedL1.smoothedAbs(t, mu);
        assertTrue(gap >= 0.0 && gap <= mu, "t " + t + ", mu " + mu);
      }
    }
  }

  /** Signs and a zero target: the root keeps the sign of d_j, and d_j = 0 gives 0. */
  @Test
  void smoothedRootFollowsTheSignOfTheTarget() {
    DiagonalWeightedL1 p = new DiagonalWeightedL1(new double[] {-0.8, 0.0}, new double[] {0.6, 0.6});
    double[] y = p.smoothedMinimizer(0.1);
    assertEquals(-PANEL_A.smoothedMinimizer(0.1)[0], y[0], 0.0);
    assertEquals(0.0, y[1]);
  }

  @Test
  void refusesBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> PANEL_A.smoothedMinimizer(0.0));
    assertThrows(IllegalArgumentException.class, () -> PANEL_A.forwardBackward(new double[] {0, 0}, -1.0));
    assertThrows(IllegalArgumentException.class, () -> new DiagonalWeightedL1(new double[] {1}, new double[] {-1}));
    assertThrows(IllegalArgumentException.class, () -> PANEL_A.objective(new double[3]));
  }
}
