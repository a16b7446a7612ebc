package org.sparsetune.outer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Algorithms 2 and 3 on functions whose values and gradients are known in closed form, so every
 * ratio, radius and iterate can be derived by hand.
 */
class OuterLoopMechanicsTest {
  private static final double EXACT = 1e-12;

  /**
   * Φ(x) = Σ_j a_j (x_j - c_j)² / 2 with gradient a ⊙ (x - c), or any other function through
   * {@link #valueAt}; counts accept() calls and evaluateAll batches.
   */
  private static class Quadratic implements Objective {
    final double[] a;
    final double[] c;
    final List<double[]> accepted = new ArrayList<>();
    final List<Integer> batches = new ArrayList<>();
    final List<double[]> evaluated = new ArrayList<>();

    Quadratic(double[] a, double[] c) {
      this.a = a;
      this.c = c;
    }

    double valueAt(double[] x) {
      double v = 0.0;
      for (int j = 0; j < x.length; j++) {
        v += 0.5 * a[j] * (x[j] - c[j]) * (x[j] - c[j]);
      }
      return v;
    }

    double[] gradientAt(double[] x) {
      double[] g = new double[x.length];
      for (int j = 0; j < x.length; j++) {
        g[j] = a[j] * (x[j] - c[j]);
      }
      return g;
    }

    @Override
    public int dimension() {
      return a.length;
    }

    @Override
    public double alphaMax() {
      return 1.0;
    }

    @Override
    public Evaluation evaluate(double[] x, boolean withGradient) {
      evaluated.add(x.clone());
      return new Evaluation(x.clone(), valueAt(x), withGradient ? gradientAt(x) : null, 0, 0, 0, 0,
          null, null, 0.0, null);
    }

    @Override
    public List<Evaluation> evaluateAll(List<double[]> points, boolean withGradient) {
      batches.add(points.size());
      List<Evaluation> out = new ArrayList<>();
      for (double[] x : points) {
        out.add(evaluate(x, withGradient));
      }
      return out;
    }

    @Override
    public void accept(Evaluation e) {
      accepted.add(e.x().clone());
    }
  }

  private static final Box WIDE = Box.uniform(1, -100, 100);

  @Test
  void firstStepIsAcceptedWithTheHandComputedRatioAndExpands() {
    // Φ(x) = x²/2 from x₀ = 1: h = 1, Δ₀ = 0.1, s = -0.1, pred = 0.1,
    // ared = 0.5 - 0.405 = 0.095, ρ = 0.95 > η_expand and ||s|| = Δ ⇒ accepted, Δ₁ = 0.2.
    Quadratic f = new Quadratic(new double[] {1.0}, new double[] {0.0});
    List<IterationRecord> rows = new ArrayList<>();
    new Ntrba(NtrbaOptions.DEFAULTS.withMaxIterations(1)).run(f, new double[] {1.0}, WIDE, rows::add, "t");
    IterationRecord r = rows.get(0);
    assertTrue(r.accepted());
    assertEquals(0.95, r.rho(), EXACT);
    assertEquals(0.1, r.stepNorm(), EXACT);
    assertEquals(0.1, r.radius(), EXACT);
    assertEquals(0.405, r.value(), EXACT);
    // The radius doubled: the second iteration's trial uses Δ = 0.2.
    rows.clear();
    new Ntrba(NtrbaOptions.DEFAULTS.withMaxIterations(2)).run(f, new double[] {1.0}, WIDE, rows::add, "t");
    assertEquals(0.2, rows.get(1).radius(), EXACT);
    assertEquals(0.5 * 0.7 * 0.7, rows.get(1).value(), EXACT);
  }

  @Test
  void aStepThatOvershootsIsRejectedTheWarmStartStaysAndTheRadiusShrinks() {
    // Φ(x) = x²/2 from x₀ = 0.01 with Δ₀ = 1: s = -1, pred = 0.01,
    // ared = 0.00005 - 0.49005 = -0.49 ⇒ ρ = -49 < η_accept: rejected, x stays, Δ₁ = 0.25.
    Quadratic f = new Quadratic(new double[] {1.0}, new double[] {0.0});
    List<IterationRecord> rows = new ArrayList<>();
    new Ntrba(NtrbaOptions.DEFAULTS.withInitialRadius(1.0).withMaxIterations(2))
        .run(f, new double[] {0.01}, WIDE, rows::add, "t");
    IterationRecord first = rows.get(0);
    assertFalse(first.accepted());
    assertEquals(-49.0, first.rho(), 1e-9);
    assertEquals(0.5 * 0.01 * 0.01, first.value(), EXACT);
    // accept() was called for x₀ (initial anchor) but never for the rejected trial point -0.99.
    for (double[] x : f.accepted) {
      assertTrue(x[0] >= 0.0 - 1e-15 || Math.abs(x[0] + 0.99) > 1e-9, "rejected point became the anchor");
    }
    assertEquals(0.25, rows.get(1).radius(), EXACT);
  }

  @Test
  void aModerateRatioKeepsTheRadius() {
    // Φ(x) = x²/2 from x₀ = 0.3 with Δ₀ = 0.4: s = -0.4, pred = 0.12,
    // ared = 0.045 - 0.005 = 0.04 ⇒ ρ = 1/3 ∈ [η_accept, η_expand]: accepted, Δ₁ = Δ₀ = 0.4.
    Quadratic f = new Quadratic(new double[] {1.0}, new double[] {0.0});
    List<IterationRecord> rows = new ArrayList<>();
    new Ntrba(NtrbaOptions.DEFAULTS.withInitialRadius(0.4).withMaxIterations(2))
        .run(f, new double[] {0.3}, WIDE, rows::add, "t");
    assertTrue(rows.get(0).accepted());
    assertEquals(1.0 / 3.0, rows.get(0).rho(), 1e-12);
    assertEquals(0.4, rows.get(1).radius(), EXACT);
  }

  @Test
  void parallelRadiiEvaluateAllTrialsInOneBatchAndTakeTheLargestAccepted() {
    // Φ(x) = x²/2 from x₀ = 1 with radii {1, 0.25, 0.0625} in one batch: s = -1 gives pred = 1,
    // ared = 0.5 - 0 = 0.5, ρ = 0.5 ≥ η_accept; the smaller radii are accepted too, and the
    // largest accepted one, Δ = 1, is taken.
    Quadratic f = new Quadratic(new double[] {1.0}, new double[] {0.0});
    List<IterationRecord> rows = new ArrayList<>();
    new Ntrba(NtrbaOptions.DEFAULTS.withInitialRadius(1.0).withParallelRadii(3).withMaxIterations(1))
        .run(f, new double[] {1.0}, WIDE, rows::add, "t");
    assertEquals(List.of(3), f.batches, "all trial points in one evaluateAll call");
    assertTrue(rows.get(0).accepted());
    assertEquals(1.0, rows.get(0).radius(), EXACT);
    assertEquals(0.5, rows.get(0).rho(), EXACT);
  }

  @Test
  void stoppingReasons() {
    Quadratic f = new Quadratic(new double[] {1.0}, new double[] {0.0});
    // Already stationary: ||h|| = 0 < tol.
    assertEquals(StoppingReason.TOLERANCE, new Ntrba(NtrbaOptions.DEFAULTS)
        .run(f, new double[] {0.0}, WIDE, IterationListener.NONE, "t").stoppingReason());
    // Budget.
    assertEquals(StoppingReason.BUDGET, new Ntrba(NtrbaOptions.DEFAULTS.withMaxIterations(3))
        .run(f, new double[] {50.0}, WIDE, IterationListener.NONE, "t").stoppingReason());
    // Pinned at a box corner: the minimizer c = -5 lies outside [0, 1]; from x = 0 the projected
    // step is zero.
    Quadratic g = new Quadratic(new double[] {1.0}, new double[] {-5.0});
    assertEquals(StoppingReason.STEP, new Ntrba(NtrbaOptions.DEFAULTS)
        .run(g, new double[] {0.0}, Box.uniform(1, 0.0, 1.0), IterationListener.NONE, "t").stoppingReason());
    // Radius: Φ(x) = |x| has h = sign(x), and from x = 1e-13 every step overshoots (ρ < 0), so
    // the radius shrinks geometrically to Δ_min.
    Objective abs = new Quadratic(new double[] {1.0}, new double[] {0.0}) {
      @Override
      double valueAt(double[] x) {
        return Math.abs(x[0]);
      }

      @Override
      double[] gradientAt(double[] x) {
        return new double[] {Math.signum(x[0])};
      }
    };
    OuterResult r = new Ntrba(NtrbaOptions.DEFAULTS.withMaxIterations(1000))
        .run(abs, new double[] {1e-13}, WIDE, IterationListener.NONE, "t");
    assertEquals(StoppingReason.RADIUS, r.stoppingReason());
  }

  @Test
  void nbaTakesNormalizedStepsOfLengthEta() {
    // Φ = (x₁² + 4x₂²)/2 from (1, 1): h = (1, 4), ||h|| = √17, x₁ = (1, 1) - 0.1·(1, 4)/√17.
    Quadratic f = new Quadratic(new double[] {1.0, 4.0}, new double[] {0.0, 0.0});
    new Nba(0.1, 1e-8, 1e-12, 1).run(f, new double[] {1.0, 1.0}, Box.uniform(2, -10, 10),
        IterationListener.NONE, "nba");
    double[] x1 = f.evaluated.get(1);
    assertEquals(1.0 - 0.1 / Math.sqrt(17.0), x1[0], EXACT);
    assertEquals(1.0 - 0.4 / Math.sqrt(17.0), x1[1], EXACT);
  }

  @Test
  void bothLoopsStayInTheBoxAndReportTheBestPointVisited() {
    // The minimizer (3, -3) lies outside [-1, 1]²: the loops end on the boundary (1, -1).
    Box box = Box.uniform(2, -1.0, 1.0);
    Quadratic f = new Quadratic(new double[] {1.0, 2.0}, new double[] {3.0, -3.0});
    OuterResult t = new Ntrba(NtrbaOptions.DEFAULTS.withMaxIterations(200))
        .run(f, new double[] {0.0, 0.0}, box, IterationListener.NONE, "t");
    Quadratic g = new Quadratic(new double[] {1.0, 2.0}, new double[] {3.0, -3.0});
    OuterResult n = new Nba(0.1, 1e-8, 1e-12, 200).run(g, new double[] {0.0, 0.0}, box,
        IterationListener.NONE, "n");
    for (double[] x : f.evaluated) {
      assertTrue(box.contains(x), "NTRBA left the box");
    }
    for (double[] x : g.evaluated) {
      assertTrue(box.contains(x), "NBA left the box");
    }
    assertEquals(1.0, t.best().x()[0], 1e-9);
    assertEquals(-1.0, t.best().x()[1], 1e-9);
    double bestSeen = Double.POSITIVE_INFINITY;
    for (double[] x : g.evaluated) {
      bestSeen = Math.min(bestSeen, g.valueAt(x));
    }
    assertEquals(bestSeen, n.best().value(), 0.0);
  }

  @Test
  void scalarGridFindsAKnownMinimumWithinOneGridStep() {
    // Φ(x) = Σ (x_j - log 0.05)²/2 in 1-d and 2-d (α_max = 1): the best of the 100 log-spaced
    // values 0.9 … 1e-3 is within half a grid ratio of 0.05 (log-ratio 0.0687 per step).
    double ratio = Math.log(0.9 / 1e-3) / 99;
    for (int p = 1; p <= 2; p++) {
      double[] a = new double[p];
      double[] c = new double[p];
      java.util.Arrays.fill(a, 1.0);
      java.util.Arrays.fill(c, Math.log(0.05));
      Quadratic f = new Quadratic(a, c);
      OuterResult r = ScalarGrid.DEFAULTS.fixed(100).run(f, IterationListener.NONE);
      for (int j = 0; j < p; j++) {
        assertEquals(Math.log(0.05), r.best().x()[j], ratio / 2 + 1e-12);
      }
      assertEquals(101, f.evaluated.size(), "100 grid points and the final re-solve");
      assertEquals(100, f.accepted.size() - 1, "a warm-started path: every grid point is accepted");
    }
  }

  @Test
  void randomAndTpeRunsRepeatExactlyAndRespectTheirBudget() {
    for (TuningMethod m : List.of(TuningMethod.RANDOM, TuningMethod.TPE)) {
      double[] bestValue = new double[2];
      double[][] bestPoint = new double[2][];
      for (int run = 0; run < 2; run++) {
        Quadratic f = new Quadratic(new double[] {1.0, 1.0}, new double[] {Math.log(0.2), Math.log(0.02)});
        OuterResult r = Tuner.run(f, TuningOptions.defaults(m).withMaxIterations(40).withSeed(11),
            IterationListener.NONE);
        assertEquals(41, f.evaluated.size(), m + ": 40 points and the final re-solve");
        bestValue[run] = r.best().value();
        bestPoint[run] = r.best().x();
        for (double[] x : f.evaluated) {
          for (double v : x) {
            assertTrue(v >= Math.log(1e-3) - 1e-12 && v <= Math.log(0.9) + 1e-12, m + " left its box");
          }
        }
      }
      assertEquals(bestValue[0], bestValue[1], 0.0, m + " is not reproducible");
      assertTrue(java.util.Arrays.equals(bestPoint[0], bestPoint[1]));
    }
  }

  @Test
  void optionsAreValidatedWithMessages() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new NtrbaOptions(0.1, 1e-12, 100, 0.8, 0.75, 0.25, 2, 1e-8, 1e-12, 60, 1, false, 10, 5e-4));
    assertTrue(e.getMessage().contains("etaAccept"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Box.uniform(2, 1.0, 0.0));
    assertTrue(e.getMessage().contains("dimension 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TuningMethod.parse("bayes"));
    assertTrue(e.getMessage().contains("auto|ntrba-sc"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new ScalarGrid(1, 0.9, 1e-3, true, 1e-7, 10));
    assertTrue(e.getMessage().contains("points"), e.getMessage());
  }
}
