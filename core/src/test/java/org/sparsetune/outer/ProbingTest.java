package org.sparsetune.outer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsetune.linalg.DenseMatrix;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.SolverOptions;

/**
 * The probing mechanism of {@code auto} (docs/auto.md): a feature strictly inside the active set
 * has a zero subgradient, so NTRBA-SC alone can never switch it on; a probe moves its penalty to
 * the edge of the biactive band without changing y*(x) or Φ(x), after which the self-consistent
 * oracle gives it a descent direction.
 *
 * <p>Problem: regression b = 1.0·a₁ + 0.6·a₂ + 0.05·noise with four pure-noise features, train and
 * validation rows from the same model. Start: every penalty at 0.1·α_max except feature 2, whose
 * penalty is 5·α_max: |∇₂F(ȳ)| ≤ α_max < 5·α_max, so feature 2 is strictly active (KKT slack ≥ 0.8)
 * at the start and at every point NTRBA visits without it (its penalty only moves when its
 * subgradient is nonzero, which Corollary 13 forbids for A coordinates: (D_supp)_22 = 0 there, so
 * h₂ = 0 exactly). Switching it on is what the held-out loss needs: the model without a₂ leaves
 * 0.6·a₂ in the residual.
 */
class ProbingTest {
  private static final int N_TRAIN = 80;
  private static final int N_VAL = 80;
  private static final int P = 6;
  private static final int SIGNAL_2 = 1;

  private static BilevelObjective objective(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] rows = new double[N_TRAIN + N_VAL][P];
    double[] b = new double[N_TRAIN + N_VAL];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < P; j++) {
        rows[i][j] = rnd.nextGaussian();
      }
      b[i] = 1.0 * rows[i][0] + 0.6 * rows[i][1] + 0.05 * rnd.nextGaussian();
    }
    int[] tr = new int[N_TRAIN];
    int[] va = new int[N_VAL];
    for (int i = 0; i < N_TRAIN; i++) {
      tr[i] = i;
    }
    for (int i = 0; i < N_VAL; i++) {
      va[i] = N_TRAIN + i;
    }
    DenseMatrix all = DenseMatrix.ofRows(rows);
    double[] btr = java.util.Arrays.copyOfRange(b, 0, N_TRAIN);
    double[] bva = java.util.Arrays.copyOfRange(b, N_TRAIN, N_TRAIN + N_VAL);
    LowerLevelProblem train = new LowerLevelProblem(all.selectRows(tr), btr, Loss.QUADRATIC,
        1.0 / N_TRAIN, new double[P], false);
    FoldProblem fold = new FoldProblem(train, all.selectRows(va), bva);
    return new BilevelObjective(List.of(fold), UpperCriterion.MSE,
        SolverOptions.DEFAULTS.withTolerance(1e-12), OracleOptions.DEFAULTS);
  }

  private static double[] start(BilevelObjective f) {
    double[] x0 = new double[P];
    java.util.Arrays.fill(x0, Math.log(0.1 * f.alphaMax()));
    x0[SIGNAL_2] = Math.log(5.0 * f.alphaMax());
    return x0;
  }

  /** Records every evaluation so the test can inspect each visited point. */
  private static final class Recording implements Objective {
    final BilevelObjective inner;
    final List<Evaluation> seen = new ArrayList<>();

    Recording(BilevelObjective inner) {
      this.inner = inner;
    }

    @Override
    public int dimension() {
      return inner.dimension();
    }

    @Override
    public double alphaMax() {
      return inner.alphaMax();
    }

    @Override
    public Evaluation evaluate(double[] x, boolean withGradient) {
      Evaluation e = inner.evaluate(x, withGradient);
      seen.add(e);
      return e;
    }

    @Override
    public void accept(Evaluation e) {
      inner.accept(e);
    }
  }

  @Test
  void withoutProbingTheStrictlyInactiveFeatureNeverSwitchesOn() {
    Recording f = new Recording(objective(7));
    Box box = Box.aroundAlphaMax(P, f.alphaMax());
    OuterResult r = new Ntrba(NtrbaOptions.DEFAULTS.withMaxIterations(40))
        .run(f, start(f.inner), box, IterationListener.NONE, "ntrba-sc");
    for (Evaluation e : f.seen) {
      if (e.hasGradient()) {
        assertEquals(0.0, e.gradient()[SIGNAL_2], 0.0, "h₂ must be exactly zero in the active set");
      }
      double[] y = BilevelObjective.coefficientsOf(e)[0];
      assertEquals(0.0, y[SIGNAL_2], 0.0, "feature 2 must stay off");
    }
    assertEquals(start(f.inner)[SIGNAL_2], r.best().x()[SIGNAL_2], 0.0);
  }

  @Test
  void probingSwitchesItOnAndLowersTheHeldOutLoss() {
    BilevelObjective plain = objective(7);
    OuterResult without = new Ntrba(NtrbaOptions.DEFAULTS.withMaxIterations(40))
        .run(plain, start(plain), Box.aroundAlphaMax(P, plain.alphaMax()), IterationListener.NONE,
            "ntrba-sc");
    Recording f = new Recording(objective(7));
    List<IterationRecord> rows = new ArrayList<>();
    OuterResult with = new Ntrba(NtrbaOptions.DEFAULTS.withMaxIterations(40).withProbing(true))
        .run(f, start(f.inner), Box.aroundAlphaMax(P, f.alphaMax()), rows::add, "auto");
    double[] best = BilevelObjective.coefficientsOf(with.best())[0];
    assertTrue(best[SIGNAL_2] > 0.3,
        "feature 2 should be on with about its true weight 0.6, got " + best[SIGNAL_2]);
    assertTrue(with.best().value() < 0.5 * without.best().value(),
        "probing should cut the held-out MSE: " + with.best().value() + " vs " + without.best().value());
    // A probe never increases Φ: it only moves penalties of coordinates that stay at zero.
    double previous = Double.POSITIVE_INFINITY;
    boolean probed = false;
    for (IterationRecord row : rows) {
      if (row.phase().equals("probe")) {
        probed = true;
        assertTrue(row.value() <= previous * (1 + 1e-12) + 1e-15,
            "probe raised Φ from " + previous + " to " + row.value());
      }
      previous = row.value();
    }
    assertTrue(probed, "at least one probe must have run");
  }

  @Test
  void autoIsNeverWorseThanTheScalarGridOnValidation() {
    for (long seed = 1; seed <= 3; seed++) {
      BilevelObjective g = objective(seed);
      OuterResult grid = Tuner.run(g, TuningOptions.defaults(TuningMethod.SCALAR_GRID)
          .withGrid(ScalarGrid.DEFAULTS.fixed(20)), IterationListener.NONE);
      BilevelObjective a = objective(seed);
      OuterResult auto = Tuner.run(a, TuningOptions.defaults(TuningMethod.AUTO)
          .withGrid(ScalarGrid.DEFAULTS.fixed(20)).withMaxIterations(15), IterationListener.NONE);
      assertTrue(auto.best().value() <= grid.best().value() * (1 + 1e-12),
          "seed " + seed + ": auto " + auto.best().value() + " > grid " + grid.best().value());
    }
  }
}
