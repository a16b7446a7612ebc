package org.sparsetune.spark.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.outer.BilevelObjective;
import org.sparsetune.outer.IterationListener;
import org.sparsetune.outer.IterationRecord;
import org.sparsetune.outer.TuningMethod;
import org.sparsetune.outer.TuningOptions;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.tune.SeedRun;
import org.sparsetune.tune.TuningProblem;

/** Shared set-up of the Spark tuning tests: configs on the bundled w8a sample, the local reference. */
final class TuneFixtures {
  static final Path SAMPLES = Path.of(System.getProperty("sparsetune.samples", "../data-samples"));
  static final String W8A = SAMPLES.resolve("w8a-sample.libsvm").toString();

  private TuneFixtures() {}

  /** A local Spark context as the job configures it (Kryo, registration required). */
  static JavaSparkContext context(String master, Map<String, String> extra) {
    return new JavaSparkContext(TuneJob.sparkConf(master, extra)
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1"));
  }

  static TuneJob.Config config(String out, String method, long[] seeds, int folds, int maxIter,
      int radii, boolean failFirst) {
    TuningMethod m = TuningMethod.parse(method);
    TuningOptions d = TuningOptions.defaults(m);
    TuningOptions options = new TuningOptions(m, maxIter, d.startFraction(), d.nbaStep(),
        d.ntrba().withParallelRadii(radii), d.grid(), d.searchLowFraction(),
        d.searchHighFraction(), 4, 0L, d.autoPatience());
    return new TuneJob.Config(W8A, null, null, 0,
        // auto with guard rows, as tune's default --auto-guard gives it.
        new TuningProblem.Layout(Loss.LOGISTIC, folds, Double.NaN, false,
            m == TuningMethod.AUTO ? 0.5 : 0.0), options, seeds,
        SolverOptions.DEFAULTS.withTolerance(1e-8), OracleOptions.DEFAULTS, out, failFirst);
  }

  static TuneJob.Prepared prepare(TuneJob.Config c) {
    return TuneJob.prepare(c, new Configuration());
  }

  /** The same seeds run by the core outer loop in this JVM (no Spark, no checkpoints). */
  static List<SeedRun.Result> localReference(TuneJob.Prepared p) {
    TuneJob.Config c = p.config();
    List<SeedRun.Result> out = new ArrayList<>();
    for (int i = 0; i < c.seeds().length; i++) {
      TuningProblem tp = p.problems().get(i);
      BilevelObjective f = new BilevelObjective(tp.folds(), UpperCriterion.LOGISTIC, c.solver(),
          c.oracle().withPolicy(c.options().method().policy()));
      out.add(SeedRun.run(f, tp, c.options().withSeed(c.seeds()[i]), c.solver(), "local",
          SeedRun.NO_CHECKPOINTS, IterationListener.NONE));
    }
    return out;
  }

  /** Trajectory rows without wall time. */
  static List<IterationRecord> timeless(List<IterationRecord> rows) {
    return rows.stream().map(r -> new IterationRecord(r.iteration(), r.phase(), r.value(),
        r.bestValue(), r.gradientNorm(), r.radius(), r.stepNorm(), r.rho(), r.accepted(),
        r.support(), r.biactive(), r.evaluations(), 0.0)).toList();
  }

  /**
   * The two runs agree: the same trajectory (values within 1e-9 relative — in fact bit for bit,
   * which is asserted too), best point, model and test metrics.
   */
  static void assertSameRuns(List<SeedRun.Result> expected, List<SeedRun.Result> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      SeedRun.Result e = expected.get(i);
      SeedRun.Result a = actual.get(i);
      assertEquals(e.seed(), a.seed());
      assertEquals(e.trajectory().size(), a.trajectory().size(), "iterations of seed " + e.seed());
      for (int k = 0; k < e.trajectory().size(); k++) {
        double ev = e.trajectory().get(k).value();
        double av = a.trajectory().get(k).value();
        assertEquals(ev, av, 1e-9 * Math.abs(ev), "value at iteration " + (k + 1));
      }
      assertEquals(timeless(e.trajectory()), timeless(a.trajectory()));
      assertArrayEquals(e.outer().best().x(), a.outer().best().x(), 0.0);
      assertEquals(e.outer().best().value(), a.outer().best().value(), 0.0);
      assertArrayEquals(e.outer().best().gradient(), a.outer().best().gradient(), 0.0);
      assertArrayEquals(e.coefficients(), a.coefficients(), 0.0);
      assertEquals(e.intercept(), a.intercept(), 0.0);
      assertEquals(e.testMetrics(), a.testMetrics());
      assertEquals(e.outer().stoppingReason(), a.outer().stoppingReason());
      assertEquals(e.outer().best().guardValue(), a.outer().best().guardValue(), 0.0);
      assertEquals(e.outer().best().guardStandardError(),
          a.outer().best().guardStandardError(), 0.0);
      assertEquals(e.outer().autoChoice(), a.outer().autoChoice());
    }
  }
}
