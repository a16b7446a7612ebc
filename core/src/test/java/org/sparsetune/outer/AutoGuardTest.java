package org.sparsetune.outer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.Split;
import org.sparsetune.data.Splits;
import org.sparsetune.experiments.SyntheticInstance;
import org.sparsetune.experiments.ThreeGroupDesign;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.solver.SolverOptions;

/**
 * {@code auto}'s choice between its phases on guard rows, on an objective whose validation and
 * guard criteria are given in closed form: the validation criterion Φ(x) = ½Σ(x_j − c_j)² rewards
 * per-feature penalties; the guard criterion either agrees with it (the refinement's gain is real)
 * or rewards uniform penalties (the gain only fits the validation rows); and on Experiment 2's
 * three-group design, where per-feature penalties do generalize.
 */
class AutoGuardTest {
  private static final double[] C = {-1.0, -3.0, -5.0};

  /** Validation and guard rows of equal size: the held-out value is the mean of the two. */
  static class TwoCriteria implements Objective {
    private final ToDoubleFunction<double[]> guard;
    private final double standardError;

    TwoCriteria(ToDoubleFunction<double[]> guard) {
      this(guard, 0.0);
    }

    TwoCriteria(ToDoubleFunction<double[]> guard, double standardError) {
      this.guard = guard;
      this.standardError = standardError;
    }

    static double fit(double[] x) {
      double v = 0.0;
      for (int j = 0; j < x.length; j++) {
        v += 0.5 * (x[j] - C[j]) * (x[j] - C[j]);
      }
      return v;
    }

    @Override
    public int dimension() {
      return C.length;
    }

    @Override
    public double alphaMax() {
      return 1.0;
    }

    @Override
    public Evaluation evaluate(double[] x, boolean withGradient) {
      double[] g = null;
      if (withGradient) {
        g = new double[x.length];
        for (int j = 0; j < x.length; j++) {
          g[j] = x[j] - C[j];
        }
      }
      double v = fit(x);
      double gv = guard == null ? Double.NaN : guard.applyAsDouble(x);
      double[] zero = withGradient ? new double[x.length] : null;
      return new Evaluation(x.clone(), v, g, 0, 0, 0, 0, zero, zero, 0.0, null, gv,
          guard == null ? Double.NaN : standardError, guard == null ? v : 0.5 * (v + gv));
    }

    @Override
    public void accept(Evaluation e) {}
  }

  /** Guard rows that reward uniform penalties near the path's best point. */
  private static double uniformGuard(double[] x) {
    double v = 0.0;
    for (double xj : x) {
      v += 0.5 * (xj + 3.0) * (xj + 3.0);
    }
    return v;
  }

  private static TuningOptions options() {
    return TuningOptions.defaults(TuningMethod.AUTO).withMaxIterations(30)
        .withGrid(ScalarGrid.DEFAULTS.fixed(40));
  }

  private static double spread(double[] x) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return hi - lo;
  }

  @Test
  void aRefinementThatAlsoHelpsOnTheGuardRowsIsReturned() {
    OuterResult r = Tuner.run(new TwoCriteria(TwoCriteria::fit), options(), IterationListener.NONE);
    OuterResult.AutoChoice choice = r.autoChoice();
    assertNotNull(choice);
    assertEquals("per-feature", choice.selected());
    assertTrue(choice.perFeatureGuard() < choice.scalarGuard(), choice.toString());
    assertTrue(spread(r.best().x()) > 1.0, "per-feature penalties: " + spread(r.best().x()));
    // What a run reports is the criterion on all held-out rows.
    assertEquals(r.best().heldOutValue(), r.best().value(), 0.0);
    assertEquals(choice.perFeatureGuard(), r.best().guardValue(), 1e-12);
  }

  @Test
  void aGainWithinOneStandardErrorOfTheGuardRowsGivesThePathsPoint() {
    OuterResult honest = Tuner.run(new TwoCriteria(TwoCriteria::fit), options(),
        IterationListener.NONE);
    double gain = honest.autoChoice().scalarGuard() - honest.autoChoice().perFeatureGuard();
    assertTrue(gain > 0.0);
    // The same objective with guard rows too few (or too noisy) to resolve that gain.
    OuterResult noisy = Tuner.run(new TwoCriteria(TwoCriteria::fit, 1.01 * gain), options(),
        IterationListener.NONE);
    assertEquals("scalar", noisy.autoChoice().selected());
    assertEquals(0.0, spread(noisy.best().x()), 0.0);
    assertEquals(1.01 * gain, noisy.autoChoice().perFeatureGuardStandardError(), 0.0);
    OuterResult resolved = Tuner.run(new TwoCriteria(TwoCriteria::fit, 0.99 * gain), options(),
        IterationListener.NONE);
    assertEquals("per-feature", resolved.autoChoice().selected());
  }

  @Test
  void aRefinementThatOnlyFitsTheValidationRowsGivesThePathsPoint() {
    ToDoubleFunction<double[]> uniform = AutoGuardTest::uniformGuard;
    OuterResult path = Tuner.run(new TwoCriteria(uniform),
        options().withGrid(options().grid()).withMaxIterations(0), IterationListener.NONE);
    OuterResult grid = options().grid().run(new TwoCriteria(uniform) {
      @Override
      public Evaluation evaluate(double[] x, boolean withGradient) {
        return super.evaluate(x, withGradient).onAllHeldOutRows();
      }
    }, IterationListener.NONE);
    OuterResult r = Tuner.run(new TwoCriteria(uniform), options(), IterationListener.NONE);
    OuterResult.AutoChoice choice = r.autoChoice();
    assertNotNull(choice);
    assertEquals("scalar", choice.selected());
    assertTrue(choice.perFeatureGuard() >= choice.scalarGuard(), choice.toString());
    assertEquals(0.0, spread(r.best().x()), 0.0);
    assertArrayEquals(grid.best().x(), r.best().x(), 0.0);
    assertEquals(grid.best().value(), r.best().value(), 0.0);
    assertEquals("scalar", path.autoChoice().selected(), "no refinement, nothing to prefer");
    // The refinement did lower the validation criterion it was fitting.
    assertTrue(r.trajectory().stream().anyMatch(t -> t.phase().equals("ntrba")
        && t.value() < TwoCriteria.fit(grid.best().x())), "the refinement fitted nothing");
  }

  @Test
  void theRefinementStopsOncePatienceAcceptedPointsHaveNotImprovedTheGuardRows() {
    // Every accepted refinement step makes the uniform guard worse.
    ToDoubleFunction<double[]> uniform = AutoGuardTest::uniformGuard;
    OuterResult full = Tuner.run(new TwoCriteria(uniform), options().withAutoPatience(0),
        IterationListener.NONE);
    OuterResult early = Tuner.run(new TwoCriteria(uniform), options().withAutoPatience(3),
        IterationListener.NONE);
    assertEquals(StoppingReason.GUARD, early.stoppingReason());
    assertTrue(full.stoppingReason() != StoppingReason.GUARD, full.stoppingReason().toString());
    List<IterationRecord> cut = early.trajectory();
    List<IterationRecord> all = full.trajectory();
    assertTrue(cut.size() < all.size(), cut.size() + " vs " + all.size());
    // The early run is the full run cut short, row for row; it stops after three accepted points
    // past the refinement's start (its best point on the guard rows).
    for (int k = 0; k < cut.size(); k++) {
      IterationRecord a = all.get(k);
      IterationRecord c = cut.get(k);
      assertEquals(List.of(a.phase(), a.value(), a.bestValue(), a.radius(), a.accepted()),
          List.of(c.phase(), c.value(), c.bestValue(), c.radius(), c.accepted()), "row " + k);
    }
    long accepted = cut.stream().filter(t -> t.phase().equals("ntrba") && t.accepted()).count();
    assertEquals(3, accepted);
    // The guard's candidate, hence the choice and the returned point, are the same.
    assertEquals(full.autoChoice(), early.autoChoice());
    assertArrayEquals(full.best().x(), early.best().x(), 0.0);
    assertEquals(full.best().value(), early.best().value(), 0.0);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {0, 3})
  void onTheThreeGroupDesignTheGuardKeepsThePerFeatureModelAndItGeneralizes(long seed) {
    // Experiment 2's design (p = 200, n = 200, 5 % signal, correlated decoys): one penalty per
    // feature separates the signal from its decoys, and that gain is real — it holds on guard
    // rows the refinement never fitted and on the test rows.
    SyntheticInstance in = ThreeGroupDesign.generate(200, 1.0, 0.05, seed);
    UpperCriterion crit = in.upperCriterion();
    FoldProblem full = in.fold(new double[in.cols()]);
    Split halves = Splits.split(in.validation().rows(), new Splits.Fractions(0.5, 0.5, 0.0), 7);
    LabeledData fit = in.validation().selectRows(halves.train());
    LabeledData guard = in.validation().selectRows(halves.validation());
    FoldProblem guarded = new FoldProblem(full.train(), fit.features(), fit.labels(),
        guard.features(), guard.labels());
    OuterResult grid = Tuner.run(new BilevelObjective(List.of(full), crit, SolverOptions.DEFAULTS,
        OracleOptions.DEFAULTS), TuningOptions.defaults(TuningMethod.SCALAR_GRID),
        IterationListener.NONE);
    OuterResult auto = Tuner.run(new BilevelObjective(List.of(guarded), crit,
        SolverOptions.DEFAULTS, OracleOptions.DEFAULTS),
        TuningOptions.defaults(TuningMethod.AUTO).withMaxIterations(50), IterationListener.NONE);
    OuterResult.AutoChoice choice = auto.autoChoice();
    assertEquals("per-feature", choice.selected(), choice.toString());
    assertTrue(choice.perFeatureGuard() + choice.perFeatureGuardStandardError()
        < choice.scalarGuard(), choice.toString());
    double testGrid = testValue(in, crit, grid);
    double testAuto = testValue(in, crit, auto);
    assertTrue(testAuto < testGrid, "test MSE auto " + testAuto + ", grid " + testGrid);
    assertTrue(auto.best().value() < grid.best().value(), "all held-out rows, too");
  }

  private static double testValue(SyntheticInstance in, UpperCriterion crit, OuterResult r) {
    return crit.value(in.test().features(), in.test().labels(),
        BilevelObjective.coefficientsOf(r.best())[0], 0.0);
  }

  @Test
  void withoutGuardRowsTheLowerValidationValueWins() {
    OuterResult r = Tuner.run(new TwoCriteria(null), options(), IterationListener.NONE);
    assertNull(r.autoChoice());
    OuterResult grid = options().grid().run(new TwoCriteria(null), IterationListener.NONE);
    assertTrue(r.best().value() <= grid.best().value());
    assertTrue(spread(r.best().x()) > 1.0);
  }
}
