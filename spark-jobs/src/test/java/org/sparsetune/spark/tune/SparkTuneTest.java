package org.sparsetune.spark.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.linalg.CsrMatrix;
import org.sparsetune.linalg.DenseMatrix;
import org.sparsetune.outer.BilevelObjective.FoldOutcome;
import org.sparsetune.outer.FoldContribution;
import org.sparsetune.outer.FoldProblem;
import org.sparsetune.outer.FoldState;
import org.sparsetune.outer.TuningMethod;
import org.sparsetune.outer.TuningOptions;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.tune.SeedRun;
import org.sparsetune.tune.TuningProblem;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Distributed equals local: the tune job on local[2] (every seed's folds on their own partitions)
 * gives the trajectory, best point and model of the core outer loop run in this JVM.
 */
class SparkTuneTest {
  private static JavaSparkContext jsc;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    jsc = TuneFixtures.context("local[2]", Map.of("spark.kryo.registrator",
        org.sparsetune.spark.SparsetuneKryoRegistrator.class.getName() + ","
            + CountingKryoRegistrator.class.getName()));
  }

  @AfterAll
  static void stop() {
    if (jsc != null) {
      jsc.stop();
    }
  }

  @ParameterizedTest(name = "{0}, seeds {1}, {2} fold(s), {3} radii")
  @CsvSource({"ntrba-sc,'0,1',2,2,6", "auto,'3',1,1,3", "auto,'1',2,1,2", "tpe,'5',1,1,8",
      "nba-null,'2',3,1,4"})
  void distributedEqualsLocal(String method, String seeds, int folds, int radii, int maxIter) {
    long[] s = java.util.Arrays.stream(seeds.split(",")).mapToLong(Long::parseLong).toArray();
    TuneJob.Config c = TuneFixtures.config(tmp.resolve("out").toString(), method, s, folds,
        maxIter, radii, false);
    TuneJob.Prepared p = TuneFixtures.prepare(c);
    TuneJob.Outcome spark = TuneJob.run(jsc, p);
    TuneFixtures.assertSameRuns(TuneFixtures.localReference(p), spark.seeds());
    assertTrue(spark.sparkJobs() > 0);
    for (SeedRun.Result r : spark.seeds()) {
      assertTrue(r.trajectory().size() > 0, "seed " + r.seed() + " made progress");
      assertEquals(method.equals("auto"), r.outer().autoChoice() != null,
          "auto decides on guard rows");
    }
  }

  @Test
  void aCutGridRunsItsSegmentsAsTasksOfOneJobWithTheLocalBits() {
    TuneJob.Config c0 = TuneFixtures.config(tmp.resolve("cut").toString(), "scalar-grid",
        new long[] {4}, 2, 5, 1, false);
    TuneJob.Config c = new TuneJob.Config(c0.data(), c0.val(), c0.test(), c0.features(),
        c0.layout(), c0.options().withGrid(c0.options().grid().withSegments(3)), c0.seeds(),
        c0.solver(), c0.oracle(), c0.out(), false);
    TuneJob.Prepared p = TuneFixtures.prepare(c);
    TuneJob.Outcome spark = TuneJob.run(jsc, p);
    TuneFixtures.assertSameRuns(TuneFixtures.localReference(p), spark.seeds());
    int rows = spark.seeds().get(0).trajectory().size();
    // One job for the 100 grid points (3 segments × 2 folds = 6 tasks), one per extension point,
    // one for the final solve.
    assertEquals(rows - 100 + 2, spark.sparkJobs());
  }

  @Test
  void writesTheContractOutputsAndResumesFromThem() throws Exception {
    Path out = tmp.resolve("run");
    TuneJob.Config c = TuneFixtures.config(out.toString(), "ntrba-sc", new long[] {0, 1}, 2, 4, 1,
        false);
    TuneJob.Outcome first = TuneJob.run(jsc, TuneFixtures.prepare(c));
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals("local[2]", summary.get("master").asText());
    assertTrue(summary.get("executors").asInt() >= 1);
    assertEquals(2, summary.get("seeds").size());
    // The largest bytes per nonzero of the run's fold blocks (w8a sample: CSC train, CSR
    // validation rows; at least the 12 bytes of value and index, plus pointers and labels).
    double worst = 0.0;
    for (TuningProblem tp : TuneFixtures.prepare(c).problems()) {
      for (FoldProblem f : tp.folds()) {
        worst = Math.max(worst, f.bytesPerNonzero());
      }
    }
    assertEquals(worst, summary.get("fold_block_bytes_per_nonzero").asDouble(), 0.0);
    assertTrue(worst > 12.0, "bytes per nonzero " + worst);
    for (JsonNode seed : summary.get("seeds")) {
      for (String field : List.of("seed", "method", "best_validation_loss", "test_metrics",
          "active_features", "iterations", "seconds_per_iteration", "stopping_reason")) {
        assertTrue(seed.has(field), "summary seed entry lacks " + field);
      }
      assertTrue(seed.get("test_metrics").has("log_loss"));
      assertTrue(seed.get("test_metrics").has("f1"));
    }
    for (String f : List.of("trajectory.csv", "penalties.csv", "coefficients.csv",
        "trajectory.png", "checkpoint/seed-0/iteration-000001.bin")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    assertEquals(1 + 2 * 300, Files.readAllLines(out.resolve("penalties.csv")).size());
    try (var files = Files.list(out)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".tmp")),
          "no temporary file is left behind");
    }
    // The same command again: everything comes from the checkpoints, the result is the same.
    String trajectory = Files.readString(out.resolve("trajectory.csv"));
    TuneJob.Outcome again = TuneJob.run(jsc, TuneFixtures.prepare(c));
    TuneFixtures.assertSameRuns(first.seeds(), again.seeds());
    assertEquals(4, again.seeds().get(0).resumedIterations());
    assertEquals(trajectory, Files.readString(out.resolve("trajectory.csv")));
  }

  /**
   * The contract: every job's trial-batch broadcast and the run's data broadcast are
   * destroyed when done. After a run, the driver's block manager holds no broadcast value of
   * either kind (destruction is asynchronous: polled for up to 10 s).
   */
  @Test
  void everyBroadcastOfARunIsDestroyedWhenDone() throws Exception {
    TuneJob.Config c = TuneFixtures.config(tmp.resolve("bc").toString(), "ntrba-sc",
        new long[] {0}, 2, 3, 2, false);
    TuneJob.Outcome o = TuneJob.run(jsc, TuneFixtures.prepare(c));
    assertTrue(o.sparkJobs() >= 3, "jobs " + o.sparkJobs());
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<String> left = ourBroadcasts();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      left = ourBroadcasts();
    }
    assertTrue(left.isEmpty(), "broadcasts still held: " + left);
  }

  /**
   * A task whose block's working copy is in the executor cache does not open the cached block:
   * opening it borrows a Kryo instance from the executor's pool that only reading the block to
   * the end returns, so each such task used to make the next serialization build a new instance
   * (about 1 ms of CPU per task). Spark builds a handful of instances for a run, not one per task.
   */
  @Test
  void evaluationTasksDoNotDrainTheExecutorsKryoPool() {
    TuneJob.Config c = TuneFixtures.config(tmp.resolve("kryo").toString(), "ntrba-sc",
        new long[] {0}, 2, 12, 1, false);
    TuneJob.Prepared p = TuneFixtures.prepare(c);
    long before = CountingKryoRegistrator.created();
    TuneJob.Outcome o = TuneJob.run(jsc, p);
    long built = CountingKryoRegistrator.created() - before;
    long tasks = 2 * o.sparkJobs();
    assertTrue(tasks >= 20, "tasks " + tasks);
    assertTrue(built <= 6, built + " Kryo instances built for " + tasks + " tasks");
  }

  /** The driver's broadcast values that are trial batches or tuning data. */
  private static List<String> ourBroadcasts() {
    org.apache.spark.storage.BlockManager bm = org.apache.spark.SparkEnv.get().blockManager();
    scala.collection.Seq<org.apache.spark.storage.BlockId> ids = bm.getMatchingBlockIds(
        id -> id instanceof org.apache.spark.storage.BroadcastBlockId b && b.field().isEmpty());
    List<String> found = new java.util.ArrayList<>();
    for (org.apache.spark.storage.BlockId id
        : scala.jdk.javaapi.CollectionConverters.asJava(ids)) {
      scala.Option<scala.collection.Iterator<Object>> values;
      try {
        values = bm.memoryStore().getValues(id);
      } catch (IllegalArgumentException serialized) {
        continue; // stored as bytes: not a value this check can read
      }
      if (values.isDefined() && values.get().hasNext()) {
        Object v = values.get().next();
        if (v instanceof TrialBatch || v instanceof TuneData) {
          found.add(id.name() + ": " + v.getClass().getSimpleName());
        }
      }
    }
    return found;
  }

  /**
   * Checkpoints are written by a background thread: after {@code flush} every saved iteration is
   * on storage, in order; a failed write is thrown (the same exception, so a bad output path
   * keeps its exit code) by flush and by every later save, and nothing after it is written.
   */
  @Test
  void checkpointWritesLandInOrderAndAFailedWriteSurfaces() throws Exception {
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    org.sparsetune.outer.IterationRecord row = new org.sparsetune.outer.IterationRecord(1,
        "ntrba", 0.5, 0.5, 0.1, 0.1, 0.2, 0.9, true, 1, 1, 1, 0.02);
    org.sparsetune.tune.EvaluationLog log = new org.sparsetune.tune.EvaluationLog("fp", row,
        List.of());
    Path good = tmp.resolve("good");
    TuneJob.HadoopCheckpoints store = new TuneJob.HadoopCheckpoints(good.toString(), conf);
    for (int k = 1; k <= 20; k++) {
      store.save(k, log);
    }
    store.flush();
    assertEquals(20, store.load().size());
    try (var files = Files.list(good)) {
      assertEquals(20, files.count(), "no temporary file is left behind");
    }

    Path blocker = Files.writeString(tmp.resolve("a-file"), "not a folder");
    TuneJob.HadoopCheckpoints bad = new TuneJob.HadoopCheckpoints(
        blocker.resolve("checkpoint").toString(), conf);
    bad.save(1, log);
    RuntimeException first = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        bad::flush);
    assertTrue(first.getMessage().contains("a-file"), first.getMessage());
    RuntimeException later = org.junit.jupiter.api.Assertions.assertThrows(
        RuntimeException.class, () -> bad.save(2, log));
    assertEquals(first, later);
    assertEquals("not a folder", Files.readString(blocker));
  }

  @Test
  void everyOuterIterationIsAJobGroupWithAReadableDescription() throws Exception {
    java.util.List<String[]> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    org.apache.spark.scheduler.SparkListener l = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
        java.util.Properties props = start.properties();
        seen.add(new String[] {props.getProperty("spark.jobGroup.id"),
            props.getProperty("spark.job.description")});
      }
    };
    jsc.sc().addSparkListener(l);
    try {
      TuneJob.Config c = TuneFixtures.config(tmp.resolve("groups").toString(), "ntrba-sc",
          new long[] {0, 7}, 1, 3, 1, false);
      TuneJob.Outcome o = TuneJob.run(jsc, TuneFixtures.prepare(c));
      jsc.sc().listenerBus().waitUntilEmpty(10_000L);
      assertEquals(o.sparkJobs(), seen.stream().filter(g -> g[0] != null
          && g[0].startsWith("sparsetune-seed-")).count(), "every evaluation job is in a group");
      assertTrue(seen.stream().anyMatch(g -> "sparsetune-seed-7-iteration-3".equals(g[0])
          && g[1].startsWith("sparsetune seed 7 · iteration 3 · ntrba · radius ")
          && g[1].contains("validation loss")), "groups name seed, iteration, radius and loss");
    } finally {
      jsc.sc().removeSparkListener(l);
    }
  }

  @Test
  void probeGradientsTravelOnlyForAnOuterLoopThatProbes() {
    assertTrue(TuneJob.probes(TuningOptions.defaults(TuningMethod.AUTO)));
    assertTrue(!TuneJob.probes(TuningOptions.defaults(TuningMethod.NTRBA_SC)));
    FoldOutcome o = new FoldOutcome(new FoldContribution(0.5, new double[] {1, 0},
        new double[] {2, 3}, new double[] {4, 5}, 1, 0, 0, 1), FoldState.cold(2), true);
    SparkObjective.EvalSpec keep = new SparkObjective.EvalSpec(UpperCriterion.LOGISTIC,
        SolverOptions.DEFAULTS, OracleOptions.DEFAULTS, true);
    SparkObjective.EvalSpec drop = new SparkObjective.EvalSpec(UpperCriterion.LOGISTIC,
        SolverOptions.DEFAULTS, OracleOptions.DEFAULTS, false);
    assertTrue(keep.shipped(o) == o);
    FoldOutcome shipped = drop.shipped(o);
    assertTrue(shipped.contribution().trainGradient() == null
        && shipped.contribution().validationGradient() == null);
    assertArrayEquals(o.contribution().gradient(), shipped.contribution().gradient(), 0.0);
    assertEquals(o.state(), shipped.state());
    FoldOutcome valueOnly = new FoldOutcome(FoldContribution.of(
        new org.sparsetune.solver.SolverResult(new double[2], 0.0,
            org.sparsetune.solver.Termination.CONVERGED, 1, 1, 0.0, 0.0, 0L), 0.5, null),
        FoldState.cold(2), true);
    assertTrue(drop.shipped(valueOnly) == valueOnly);
  }

  @Test
  void kryoShipsBlocksBatchesAndResultsExactly() {
    SparkConf conf = TuneJob.sparkConf("local[1]", Map.of());
    SerializerInstance k = new KryoSerializer(conf).newInstance();
    TuneJob.Prepared p = TuneFixtures.prepare(TuneFixtures.config(tmp.toString(), "ntrba-sc",
        new long[] {4}, 2, 1, 1, false));
    FoldBlock block = new FoldBlock(4, 1, p.problems().get(0).folds().get(1));
    FoldBlock back = roundTrip(k, block, FoldBlock.class);
    assertEquals(block.seed(), back.seed());
    assertEquals(block.fold(), back.fold());
    assertEquals(block.problem().train().rows(), back.problem().train().rows());
    assertEquals(block.problem().train().l2(), back.problem().train().l2(), 0.0);
    assertTrue(java.util.Arrays.equals(block.problem().validationLabels(),
        back.problem().validationLabels()));
    CscMatrix train = (CscMatrix) block.problem().train().design();
    CscMatrix trainBack = (CscMatrix) back.problem().train().design();
    assertArrayEquals(train.colPtr(), trainBack.colPtr());
    assertArrayEquals(train.rowIdx(), trainBack.rowIdx());
    assertArrayEquals(train.values(), trainBack.values(), 0.0);
    CsrMatrix val = (CsrMatrix) block.problem().validationDesign();
    CsrMatrix valBack = (CsrMatrix) back.problem().validationDesign();
    assertArrayEquals(val.rowPtr(), valBack.rowPtr());
    assertArrayEquals(val.colIdx(), valBack.colIdx());
    assertArrayEquals(val.values(), valBack.values(), 0.0);
    assertEquals(block.problem().memoryBytes(), back.problem().memoryBytes());
    // A matrix shipped on its own, each storage through the registered serializer.
    CsrMatrix valAlone = roundTrip(k, val, CsrMatrix.class);
    assertEquals(val.cols(), valAlone.cols());
    assertArrayEquals(val.rowPtr(), valAlone.rowPtr());
    assertArrayEquals(val.colIdx(), valAlone.colIdx());
    assertArrayEquals(val.values(), valAlone.values(), 0.0);
    assertArrayEquals(train.values(), roundTrip(k, train, CscMatrix.class).values(), 0.0);
    DenseMatrix dense = DenseMatrix.ofRows(new double[][] {{1, -0.0}, {Double.MIN_VALUE, 4}});
    assertArrayEquals(dense.data(), roundTrip(k, dense, DenseMatrix.class).data(), 0.0);

    FoldState s = new FoldState(3, new int[] {0, 2}, new double[] {-0.0, 2.5}, 1.0, 3,
        new int[] {1}, new double[] {4.0});
    TrialBatch batch = new TrialBatch("run", 4, 7, new double[][] {{1, 2, 3}}, true,
        new FoldState[] {s, FoldState.cold(3)}, false);
    TrialBatch b2 = roundTrip(k, batch, TrialBatch.class);
    assertEquals(s, b2.anchors()[0]);
    assertTrue(b2.anchors()[1].isCold());
    assertEquals(7, b2.job());

    BlockResults r = new BlockResults(2, 1);
    r.put(1, 0, new FoldOutcome(new FoldContribution(0.5, new double[] {1, 0, -0.0},
        new double[3], new double[4], 2, 1, 0, 1), s, true));
    r.addCompute(1234);
    BlockResults r2 = roundTrip(k, r, BlockResults.class);
    assertEquals(s, r2.get(1, 0).state());
    assertEquals(0.5, r2.get(1, 0).contribution().value(), 0.0);
    assertEquals(1234, r2.computeNanosMax());
  }

  private static <T> T roundTrip(SerializerInstance k, T value, Class<T> type) {
    ClassTag<T> tag = ClassTag$.MODULE$.apply(type);
    return k.deserialize(k.serialize(value, tag), tag);
  }
}
