package org.sparsetune.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.LibsvmOptions;
import org.sparsetune.data.LibsvmReader;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.outer.BilevelObjective;
import org.sparsetune.outer.Evaluation;
import org.sparsetune.outer.FoldState;
import org.sparsetune.outer.IterationListener;
import org.sparsetune.outer.IterationRecord;
import org.sparsetune.outer.ScalarGrid;
import org.sparsetune.outer.StoppingReason;
import org.sparsetune.outer.TuningMethod;
import org.sparsetune.outer.TuningOptions;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.SolverOptions;

/**
 * Resuming from checkpoints ends with exactly the uninterrupted result, for every method family;
 * checkpoints round-trip bit for bit; a foreign checkpoint is refused.
 */
class SeedRunTest {
  private static final SolverOptions SOLVER = SolverOptions.DEFAULTS.withTolerance(1e-9);

  static LabeledData sample(int rows) {
    Path dir = Path.of(System.getProperty("sparsetune.samples", "../data-samples"));
    LabeledData all = LibsvmReader.read(dir.resolve("w8a-sample.libsvm"), LibsvmOptions.binary());
    int[] keep = new int[rows];
    Arrays.setAll(keep, i -> i);
    return all.selectRows(keep);
  }

  static TuningProblem problem(int folds, long seed) {
    return TuningProblem.fromOneFile(sample(500),
        new TuningProblem.Layout(Loss.LOGISTIC, folds, Double.NaN, false), seed);
  }

  static TuningProblem guardedProblem(int folds, long seed) {
    return TuningProblem.fromOneFile(sample(500),
        new TuningProblem.Layout(Loss.LOGISTIC, folds, Double.NaN, false, 0.5), seed);
  }

  static BilevelObjective objective(TuningProblem p, TuningMethod m) {
    return new BilevelObjective(p.folds(), UpperCriterion.LOGISTIC, SOLVER,
        OracleOptions.DEFAULTS.withPolicy(m.policy()));
  }

  /** Keeps checkpoints in memory. */
  static final class MemoryStore implements SeedRun.CheckpointStore {
    final List<EvaluationLog> logs = new ArrayList<>();

    @Override
    public List<EvaluationLog> load() {
      return List.copyOf(logs);
    }

    @Override
    public void save(int iteration, EvaluationLog log) {
      assertEquals(logs.size() + 1, iteration, "checkpoints are saved in order");
      logs.add(roundTrip(log));
    }
  }

  static EvaluationLog roundTrip(EvaluationLog log) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      log.write(out);
      return EvaluationLog.read(new ByteArrayInputStream(out.toByteArray()));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Rows without their wall time, the one column two runs never share. */
  static List<IterationRecord> timeless(List<IterationRecord> rows) {
    return rows.stream().map(r -> new IterationRecord(r.iteration(), r.phase(), r.value(),
        r.bestValue(), r.gradientNorm(), r.radius(), r.stepNorm(), r.rho(), r.accepted(),
        r.support(), r.biactive(), r.evaluations(), 0.0)).toList();
  }

  static void assertSameResult(SeedRun.Result a, SeedRun.Result b) {
    assertEquals(timeless(a.trajectory()), timeless(b.trajectory()));
    assertArrayEquals(a.outer().best().x(), b.outer().best().x(), 0.0);
    assertEquals(a.outer().best().value(), b.outer().best().value(), 0.0);
    assertArrayEquals(a.coefficients(), b.coefficients(), 0.0);
    assertEquals(a.intercept(), b.intercept(), 0.0);
    assertEquals(a.testMetrics(), b.testMetrics());
    assertEquals(a.outer().stoppingReason(), b.outer().stoppingReason());
    assertEquals(a.outer().iterations(), b.outer().iterations());
    assertEquals(a.outer().evaluations(), b.outer().evaluations());
  }

  /**
   * A store that writes in the background reports a failed write at the next save and again at
   * every flush: the run stops with that very exception (not a self-suppression error), after
   * waiting for the store.
   */
  @Test
  void aFailedCheckpointWriteStopsTheRunWithItsOwnException() {
    TuningMethod m = TuningMethod.NTRBA_SC;
    TuningProblem p = problem(1, 7);
    TuningOptions options = TuningOptions.defaults(m).withMaxIterations(8).withSeed(7);
    IllegalStateException diskFull = new IllegalStateException("disk full");
    int[] flushes = {0};
    SeedRun.CheckpointStore failing = new SeedRun.CheckpointStore() {
      @Override
      public List<EvaluationLog> load() {
        return List.of();
      }

      @Override
      public void save(int iteration, EvaluationLog log) {
        if (iteration >= 2) {
          throw diskFull; // iteration 1's write failed in the background
        }
      }

      @Override
      public void flush() {
        flushes[0]++;
        throw diskFull;
      }
    };
    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> SeedRun.run(objective(p, m), p, options, SOLVER, "fp", failing,
            IterationListener.NONE));
    assertSame(diskFull, thrown);
    assertEquals(0, thrown.getSuppressed().length);
    assertEquals(1, flushes[0]);
  }

  @ParameterizedTest(name = "{0}, {1} fold(s), {3} iterations, resume after {2}")
  @CsvSource({"ntrba-sc,1,3,8", "nba-null,1,2,8", "tpe,1,2,32", "random,1,1,16", "auto,2,14,8",
      "ntrba-sc,3,1,8"})
  void resumingGivesTheUninterruptedResult(String method, int folds, int stopAfter, int iters) {
    TuningMethod m = TuningMethod.parse(method);
    TuningProblem p = problem(folds, 7);
    TuningOptions options = TuningOptions.defaults(m).withMaxIterations(iters).withSeed(7)
        .withNtrba(TuningOptions.defaults(m).ntrba().withParallelRadii(2));
    MemoryStore full = new MemoryStore();
    SeedRun.Result uninterrupted = SeedRun.run(objective(p, m), p, options, SOLVER, "fp", full,
        IterationListener.NONE);
    assertTrue(full.logs.size() > stopAfter, "the run must outlast the interruption");
    assertEquals(full.logs.size(), uninterrupted.trajectory().size());

    MemoryStore partial = new MemoryStore();
    partial.logs.addAll(full.logs.subList(0, stopAfter));
    List<IterationRecord> seen = new ArrayList<>();
    SeedRun.Result resumed = SeedRun.run(objective(problem(folds, 7), m), problem(folds, 7),
        options, SOLVER, "fp", partial, seen::add);
    assertSameResult(uninterrupted, resumed);
    assertEquals(stopAfter, resumed.resumedIterations());
    assertEquals(resumed.trajectory(), seen, "progress sees every row once, in order");
    assertEquals(full.logs.subList(0, stopAfter).stream().map(EvaluationLog::record).toList(),
        resumed.trajectory().subList(0, stopAfter), "resumed rows are the checkpointed rows");
    assertEquals(full.logs.size(), partial.logs.size(), "the resumed run checkpoints the rest");
  }

  @ParameterizedTest(name = "{0} fold(s), patience {1}")
  @CsvSource({"1,10", "2,10", "1,1"})
  void aGuardedAutoResumesToTheUninterruptedResultAndItsChoice(int folds, int patience) {
    TuningMethod m = TuningMethod.AUTO;
    TuningOptions options = TuningOptions.defaults(m).withMaxIterations(8).withSeed(4)
        .withAutoPatience(patience);
    MemoryStore full = new MemoryStore();
    SeedRun.Result uninterrupted = SeedRun.run(objective(guardedProblem(folds, 4), m),
        guardedProblem(folds, 4), options, SOLVER, "fp", full, IterationListener.NONE);
    assertNotNull(uninterrupted.outer().autoChoice());
    assertTrue(uninterrupted.outer().best().hasGuard());
    assertEquals(uninterrupted.outer().best().heldOutValue(),
        uninterrupted.outer().best().value(), 0.0, "auto reports all held-out rows");
    if (patience == 1) {
      // Stopped early on the guard rows: a resume must stop at the same place.
      assertEquals(StoppingReason.GUARD, uninterrupted.outer().stoppingReason());
    }
    int n = full.logs.size();
    for (int stopAfter : new int[] {3, n - 3}) {
      MemoryStore partial = new MemoryStore();
      partial.logs.addAll(full.logs.subList(0, stopAfter));
      SeedRun.Result resumed = SeedRun.run(objective(guardedProblem(folds, 4), m),
          guardedProblem(folds, 4), options, SOLVER, "fp", partial, IterationListener.NONE);
      assertSameResult(uninterrupted, resumed);
      assertEquals(uninterrupted.outer().autoChoice(), resumed.outer().autoChoice());
      assertEquals(uninterrupted.outer().best().guardValue(),
          resumed.outer().best().guardValue(), 0.0);
    }
  }

  @ParameterizedTest(name = "{0}, {1} fold(s), grid in {2} segments, resume after {3}")
  @CsvSource({"scalar-grid,1,3,5", "auto,2,4,110", "auto,1,3,1"})
  void aCutGridResumesToTheUninterruptedResult(String method, int folds, int segments,
      int stopAfter) {
    TuningMethod m = TuningMethod.parse(method);
    TuningOptions options = TuningOptions.defaults(m).withMaxIterations(6).withSeed(7)
        .withGrid(TuningOptions.defaults(m).grid().withSegments(segments));
    MemoryStore full = new MemoryStore();
    SeedRun.Result uninterrupted = SeedRun.run(objective(problem(folds, 7), m), problem(folds, 7),
        options, SOLVER, "fp", full, IterationListener.NONE);
    assertTrue(full.logs.size() > stopAfter, "the run must outlast the interruption");
    MemoryStore partial = new MemoryStore();
    partial.logs.addAll(full.logs.subList(0, stopAfter));
    SeedRun.Result resumed = SeedRun.run(objective(problem(folds, 7), m), problem(folds, 7),
        options, SOLVER, "fp", partial, IterationListener.NONE);
    assertSameResult(uninterrupted, resumed);
  }

  @Test
  void aCutGridIsThePathUpToTheSolverTolerance() {
    TuningProblem p = problem(1, 7);
    TuningMethod m = TuningMethod.SCALAR_GRID;
    SeedRun.Result one = SeedRun.run(objective(p, m), p, TuningOptions.defaults(m), SOLVER, "fp",
        new MemoryStore(), IterationListener.NONE);
    SeedRun.Result cut = SeedRun.run(objective(problem(1, 7), m), problem(1, 7),
        TuningOptions.defaults(m).withGrid(ScalarGrid.DEFAULTS.withSegments(4)), SOLVER, "fp",
        new MemoryStore(), IterationListener.NONE);
    for (int k = 0; k < 100; k++) {
      double a = one.trajectory().get(k).value();
      double b = cut.trajectory().get(k).value();
      assertEquals(a, b, 1e-7 * Math.max(1.0, Math.abs(a)), "grid point " + k);
    }
  }

  @Test
  void aCheckpointOfAnotherCommandIsRefused() {
    TuningMethod m = TuningMethod.NTRBA_SC;
    TuningProblem p = problem(1, 1);
    TuningOptions options = TuningOptions.defaults(m).withMaxIterations(3);
    MemoryStore store = new MemoryStore();
    SeedRun.run(objective(p, m), p, options, SOLVER, "fp-a", store, IterationListener.NONE);
    assertThrows(ReplayingObjective.CheckpointMismatch.class, () -> SeedRun.run(objective(p, m),
        p, options, SOLVER, "fp-b", store, IterationListener.NONE));
    // Same fingerprint but another start point: the first logged evaluation does not match.
    TuningOptions moved = new TuningOptions(m, 3, 0.05, options.nbaStep(), options.ntrba(),
        options.grid(), options.searchLowFraction(), options.searchHighFraction(),
        options.batchSize(), options.seed(), options.autoPatience());
    assertThrows(ReplayingObjective.CheckpointMismatch.class, () -> SeedRun.run(objective(p, m),
        p, moved, SOLVER, "fp-a", store, IterationListener.NONE));
  }

  @Test
  void checkpointsRoundTripBitForBit() throws IOException {
    double[] y = {0.0, -0.0, 1.5, Double.MIN_VALUE, -2.0};
    FoldState s = new FoldState(5, new int[] {1, 2, 3, 4}, new double[] {-0.0, 1.5,
        Double.MIN_VALUE, -2.0}, 0.25, 6, new int[] {0, 5}, new double[] {1e-300, -7.0});
    Evaluation e = new Evaluation(new double[] {1, 2, 3, 4, 5}, 0.5, y.clone(), 3, 1, 0, 2,
        y.clone(), new double[] {1, 2, 3, 4, 5, 6}, 0.01, new FoldState[] {s, FoldState.cold(5)},
        0.625, 0.03125, 0.5625);
    IterationRecord r = new IterationRecord(4, "ntrba", 0.5, 0.4, Double.NaN, 0.1, 0.2, 0.9,
        true, 3, 1, 12, 0.02);
    EvaluationLog back = roundTrip(new EvaluationLog("fp", r, List.of(e)));
    assertEquals(r, back.record());
    Evaluation b = back.evaluations().get(0);
    assertArrayEquals(e.x(), b.x(), 0.0);
    assertEquals(0.625, b.guardValue(), 0.0);
    assertEquals(0.03125, b.guardStandardError(), 0.0);
    assertEquals(0.5625, b.heldOutValue(), 0.0);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(b.gradient()[1]));
    FoldState[] states = (FoldState[]) b.solutions();
    assertEquals(s, states[0]);
    assertTrue(states[1].isCold());
    assertEquals(Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(states[0].coefficients()[1]));
    assertThrows(IOException.class,
        () -> EvaluationLog.read(new ByteArrayInputStream(new byte[] {1, 2, 3})));
  }

  @Test
  void longVectorsArePackedAndComeBackBitForBit() {
    int p = 5000;
    double[] x = new double[p];
    java.util.Arrays.fill(x, Math.log(0.05));
    x[17] = -3.0;
    double[] g = new double[p];
    g[17] = 0.125;
    g[4000] = -0.0;
    double[] dense = new double[p];
    for (int j = 0; j < p; j++) {
      dense[j] = Math.sin(j + 1.0);
    }
    Evaluation e = new Evaluation(x, 0.5, g, 1, 1, 0, 1, dense, g, 0.01,
        new FoldState[] {FoldState.cold(p)}, Double.NaN, Double.NaN, 0.5);
    IterationRecord r = new IterationRecord(1, "ntrba", 0.5, 0.5, 0.1, 0.1, 0.2, 0.9, true, 1,
        1, 1, 0.02);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new EvaluationLog("fp", r, List.of(e)).write(out);
    } catch (IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
    // x and g as a few entries; the dense vector as it is: about one p-vector in all.
    assertTrue(out.size() < 8 * p + 2000, "bytes " + out.size());
    Evaluation b = roundTrip(new EvaluationLog("fp", r, List.of(e))).evaluations().get(0);
    for (double[][] pair : new double[][][] {{x, b.x()}, {g, b.gradient()},
        {dense, b.trainGradient()}, {g, b.validationGradient()}}) {
      for (int j = 0; j < p; j++) {
        assertEquals(Double.doubleToRawLongBits(pair[0][j]), Double.doubleToRawLongBits(pair[1][j]));
      }
    }
  }

  @Test
  void aCheckpointInTheEarlierDenseFormatIsStillRead() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    java.io.DataOutputStream d = new java.io.DataOutputStream(bytes);
    d.writeLong(0x535054434b505432L); // "SPTCKPT2"
    d.writeUTF("fp");
    d.writeInt(2);
    d.writeUTF("ntrba");
    for (double v : new double[] {0.5, 0.4, 0.3, 0.2, 0.1, 0.9}) {
      d.writeDouble(v);
    }
    d.writeBoolean(true);
    d.writeInt(1);
    d.writeInt(0);
    d.writeInt(3);
    d.writeDouble(0.02);
    d.writeInt(1); // one evaluation
    double[] x = {-1.0, -2.0};
    d.writeInt(2); // x, dense
    for (double v : x) {
      d.writeLong(Double.doubleToRawLongBits(v));
    }
    d.writeDouble(0.5); // value
    d.writeInt(-1); // no gradient
    d.writeInt(1);
    d.writeInt(-1);
    d.writeInt(-1);
    d.writeInt(-1);
    d.writeInt(-1); // no probe gradients
    d.writeInt(-1);
    d.writeDouble(0.01);
    d.writeDouble(0.6);
    d.writeDouble(0.05);
    d.writeDouble(0.55);
    d.writeInt(1);
    EvaluationLog.writeState(d, FoldState.cold(2));
    d.flush();
    EvaluationLog back = EvaluationLog.read(new ByteArrayInputStream(bytes.toByteArray()));
    assertEquals("fp", back.fingerprint());
    assertEquals(2, back.record().iteration());
    Evaluation e = back.evaluations().get(0);
    assertArrayEquals(x, e.x(), 0.0);
    assertEquals(0.5, e.value(), 0.0);
    assertEquals(0.6, e.guardValue(), 0.0);
    assertEquals(0.55, e.heldOutValue(), 0.0);
  }
}
