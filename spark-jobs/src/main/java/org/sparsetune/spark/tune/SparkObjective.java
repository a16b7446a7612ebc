package org.sparsetune.spark.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.StorageLevel;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.SubgradientOracle;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.outer.BilevelObjective;
import org.sparsetune.outer.BilevelObjective.FoldOutcome;
import org.sparsetune.outer.Evaluation;
import org.sparsetune.outer.FoldContribution;
import org.sparsetune.outer.FoldProblem;
import org.sparsetune.outer.FoldState;
import org.sparsetune.outer.Objective;
import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.ProximalCoordinateDescent;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.tune.TuningProblem;

/**
 * Φ evaluated on Spark executors: the seed's fold blocks form an RDD with one block per
 * partition, cached serialized (Kryo); every {@link #evaluateAll} is one Spark job that
 * broadcasts the trial points with the anchor, maps each block through the very
 * {@link BilevelObjective#evaluateFold} the core tests exercise, and merges the per-(fold, point)
 * outcomes on the driver ({@link BlockJob}), which the driver combines with {@link FoldContribution#mean} in
 * fold order — so the values and subgradients are those of the in-process objective, bit for bit.
 *
 * <p>The anchor (per fold: the solution and adjoint of the last accepted evaluation, sparse) stays
 * on the driver and rides with every batch; executors keep only working copies of their blocks
 * ({@link ExecutorCache}). A retried task, a lost executor or a recomputed partition therefore
 * gives exactly the same result. Used by one driver thread at a time (one per seed).
 */
public final class SparkObjective implements Objective, AutoCloseable {
  private final JavaSparkContext jsc;
  private final String run;
  private final long seed;
  private final int folds;
  private final int p;
  private final double alphaMax;
  private final JavaRDD<FoldBlock> blocks;
  /** What the evaluation jobs run on: the cached blocks, each opened only on a cache miss. */
  private final RDD<FoldBlock> jobBlocks;
  private final EvalSpec spec;
  private final boolean failFirstAttempts;
  private final Broadcast<TuneData> data;
  private final TuningProblem.Layout layout;
  private FoldState[] anchor;
  private long jobs;
  private final JobStats stats = new JobStats();

  /** What every task needs besides its block and batch; shipped in the task closure. */
  record EvalSpec(UpperCriterion criterion, SolverOptions solver, OracleOptions oracle,
      boolean probeGradients) implements java.io.Serializable {
    /** The outcome as the driver needs it. */
    FoldOutcome shipped(FoldOutcome o) {
      return probeGradients || !o.contribution().hasGradient() ? o
          : new FoldOutcome(o.contribution().withoutProbeGradients(), o.state(), o.converged());
    }
  }

  /**
   * Driver-side timing of the jobs so far: wall time of each round trip and the executors'
   * compute inside it.
   */
  public static final class JobStats {
    private long count;
    private long roundTripNanos;
    private long computeMaxNanos;
    private long computeSumNanos;
    private final List<Long> overheads = new ArrayList<>();

    synchronized void add(long roundTrip, BlockResults r) {
      overheads.add(roundTrip - r.computeNanosMax());
      count++;
      roundTripNanos += roundTrip;
      computeMaxNanos += r.computeNanosMax();
      computeSumNanos += r.computeNanosSum();
    }

    /** Jobs run. */
    public synchronized long jobs() {
      return count;
    }

    /** Total driver round-trip seconds (broadcast, schedule, compute, aggregate). */
    public synchronized double roundTripSeconds() {
      return roundTripNanos * 1e-9;
    }

    /** Total seconds of the longest task of each job (executor compute on the critical path). */
    public synchronized double criticalComputeSeconds() {
      return computeMaxNanos * 1e-9;
    }

    /**
     * The median over jobs of (round trip − longest task), in milliseconds: the steady-state Spark
     * overhead of one evaluation job, unaffected by the first job's one-off costs (shipping and
     * caching the blocks, executor-side set-up).
     */
    public synchronized double medianOverheadMillis() {
      if (overheads.isEmpty()) {
        return Double.NaN;
      }
      List<Long> sorted = new ArrayList<>(overheads);
      sorted.sort(null);
      int n = sorted.size();
      double mid = n % 2 == 1 ? sorted.get(n / 2) : 0.5 * (sorted.get(n / 2 - 1) + sorted.get(n / 2));
      return mid * 1e-6;
    }

    /** Per-job overheads (round trip − longest task) in milliseconds, in job order. */
    public synchronized double[] overheadMillis() {
      return overheads.stream().mapToDouble(v -> v * 1e-6).toArray();
    }

    /** Total executor compute seconds over all tasks. */
    public synchronized double computeSeconds() {
      return computeSumNanos * 1e-9;
    }
  }

  /**
   * Ships the folds and caches them.
   *
   * @param jsc the Spark context
   * @param run the run's id (unique per tuning run; keys the executor-side cache)
   * @param seed the seed the folds belong to
   * @param folds the seed's fold blocks as the driver built them (α_max, shapes)
   * @param data the broadcast rows the executors build the same blocks from
   * @param layout how the blocks are cut
   * @param criterion the held-out criterion
   * @param solverOptions lower-level solver options
   * @param oracleOptions oracle options (policy, band)
   * @param probeGradients ship each fold's ∇F(ȳ) and z* back (only NTRBA's probing reads them:
   *     {@code auto}); without, an outcome is its subgradient, diagnostics and sparse state
   * @param failFirstAttempts test hook: the first attempt of fold 0's task of every job throws
   */
  public SparkObjective(JavaSparkContext jsc, String run, long seed, List<FoldProblem> folds,
      Broadcast<TuneData> data, TuningProblem.Layout layout, UpperCriterion criterion,
      SolverOptions solverOptions, OracleOptions oracleOptions, boolean probeGradients,
      boolean failFirstAttempts) {
    if (folds.isEmpty()) {
      throw new IllegalArgumentException("at least one fold is needed");
    }
    this.jsc = jsc;
    this.run = run;
    this.seed = seed;
    this.folds = folds.size();
    this.p = folds.get(0).train().cols();
    double m = 0.0;
    List<Integer> indices = new ArrayList<>(folds.size());
    for (int f = 0; f < folds.size(); f++) {
      FoldProblem fp = folds.get(f);
      if (fp.train().cols() != p) {
        throw new IllegalArgumentException("folds differ in feature count");
      }
      m = Math.max(m, Kkt.maxUniformPenalty(fp.train()));
      indices.add(f);
    }
    this.alphaMax = m;
    this.spec = new EvalSpec(criterion, solverOptions, oracleOptions, probeGradients);
    this.failFirstAttempts = failFirstAttempts;
    this.data = data;
    this.layout = layout;
    // Tasks carry only the fold index; executors cut the block from the broadcast rows (a
    // parallelized list of blocks would ship every block inside every task of every job).
    long s = seed;
    this.blocks = jsc.parallelize(indices, indices.size())
        .map(f -> new FoldBlock(s, f, TuningProblem.foldBlock(data.value().data(),
            data.value().validation(), layout, s, f)))
        .persist(StorageLevel.MEMORY_ONLY_SER());
    this.blocks.setName("sparsetune fold blocks, seed " + seed);
    this.jobBlocks = new DeferredPartitions<>(blocks.rdd(), blocks.classTag());
    this.anchor = new FoldState[this.folds];
    Arrays.fill(anchor, FoldState.cold(p));
  }

  @Override
  public int dimension() {
    return p;
  }

  @Override
  public double alphaMax() {
    return alphaMax;
  }

  /** Timing of the jobs so far. */
  public JobStats stats() {
    return stats;
  }

  @Override
  public Evaluation evaluate(double[] x, boolean withGradient) {
    return evaluateAll(List.of(x), withGradient).get(0);
  }

  @Override
  public List<Evaluation> evaluateAll(List<double[]> points, boolean withGradient) {
    int t = points.size();
    if (t == 0) {
      return List.of();
    }
    for (double[] x : points) {
      if (x.length != p) {
        throw new IllegalArgumentException("a point has " + x.length + " coordinates, need " + p);
      }
    }
    long start = System.nanoTime();
    TrialBatch batch = new TrialBatch(run, seed, jobs++, points.toArray(new double[0][]),
        withGradient, anchor.clone(), failFirstAttempts);
    Broadcast<TrialBatch> bc = jsc.broadcast(batch);
    BlockResults results;
    try {
      results = BlockJob.run(jobBlocks, new EvaluateBlocks(bc, spec, folds),
          new BlockResults(folds, t));
    } finally {
      bc.destroy(false); // asynchronous: the driver does not wait for every executor to drop it
    }
    return combine(points, results, withGradient, System.nanoTime() - start);
  }

  /**
   * Each point's folds combined with {@link FoldContribution#mean} in fold order (the in-process
   * objective's arithmetic); records the job's timing.
   */
  private List<Evaluation> combine(List<double[]> points, BlockResults results,
      boolean withGradient, long roundTrip) {
    stats.add(roundTrip, results);
    int t = points.size();
    List<Evaluation> out = new ArrayList<>(t);
    for (int i = 0; i < t; i++) {
      FoldContribution[] parts = new FoldContribution[folds];
      FoldState[] states = new FoldState[folds];
      for (int f = 0; f < folds; f++) {
        FoldOutcome o = results.get(f, i);
        parts[f] = o.contribution();
        states[f] = o.state();
      }
      out.add(FoldContribution.mean(points.get(i), parts, withGradient, roundTrip * 1e-9 / t,
          states));
    }
    return out;
  }

  /**
   * A dealt path in one Spark job of segments × folds tasks: task (s, f) walks sub-path s on fold
   * f's block from the batch's anchor, each point warm-started from its predecessor, with its own
   * solver (so that segments of one fold run side by side); the driver combines the folds of each
   * point with {@link FoldContribution#mean} — the bits of {@link BilevelObjective#evaluatePath}.
   */
  @Override
  public List<Evaluation> evaluatePath(List<double[]> points, int segments) {
    int t = points.size();
    if (t == 0) {
      return List.of();
    }
    int pieces = Objective.segmentCount(t, segments);
    long start = System.nanoTime();
    TrialBatch batch = new TrialBatch(run, seed, jobs++, points.toArray(new double[0][]),
        false, anchor.clone(), failFirstAttempts);
    Broadcast<TrialBatch> bc = jsc.broadcast(batch);
    BlockResults results;
    try {
      List<Integer> tasks = new ArrayList<>(pieces * folds);
      for (int i = 0; i < pieces * folds; i++) {
        tasks.add(i);
      }
      results = BlockJob.run(jsc.parallelize(tasks, tasks.size()).rdd(),
          new EvaluateSegments(bc, data, layout, spec, folds, pieces), new BlockResults(folds, t));
    } finally {
      bc.destroy(false);
    }
    List<Evaluation> out = combine(points, results, false, System.nanoTime() - start);
    accept(out.get(t - 1));
    return out;
  }

  /** A job's task: the partition's block at every trial point of the batch. */
  private static final class EvaluateBlocks extends BlockJob.Task<FoldBlock> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<TrialBatch> batch;
    private final EvalSpec spec;
    private final int folds;

    EvaluateBlocks(Broadcast<TrialBatch> batch, EvalSpec spec, int folds) {
      this.batch = batch;
      this.spec = spec;
      this.folds = folds;
    }

    @Override
    BlockResults run(TaskContext context, Iterator<FoldBlock> blocks) {
      return evaluateBlock(blocks, batch.value(), spec, folds);
    }
  }

  /** A dealt path's task: partition i walks segment i / folds on fold i % folds. */
  private static final class EvaluateSegments extends BlockJob.Task<Integer> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<TrialBatch> batch;
    private final Broadcast<TuneData> data;
    private final TuningProblem.Layout layout;
    private final EvalSpec spec;
    private final int folds;
    private final int pieces;

    EvaluateSegments(Broadcast<TrialBatch> batch, Broadcast<TuneData> data,
        TuningProblem.Layout layout, EvalSpec spec, int folds, int pieces) {
      this.batch = batch;
      this.data = data;
      this.layout = layout;
      this.spec = spec;
      this.folds = folds;
      this.pieces = pieces;
    }

    @Override
    BlockResults run(TaskContext context, Iterator<Integer> tasks) {
      int task = tasks.next();
      return evaluateSegment(task / folds, task % folds, pieces, batch.value(), data, layout, spec,
          folds);
    }
  }

  /** The executor side of a dealt path: points segment, segment + pieces, … on fold f. */
  static BlockResults evaluateSegment(int segment, int fold, int pieces, TrialBatch batch,
      Broadcast<TuneData> data, TuningProblem.Layout layout, EvalSpec spec, int folds) {
    long seed = batch.seed();
    Iterator<FoldBlock> lazy = new Iterator<>() {
      private boolean done;

      @Override
      public boolean hasNext() {
        return !done;
      }

      @Override
      public FoldBlock next() {
        done = true;
        return new FoldBlock(seed, fold, TuningProblem.foldBlock(data.value().data(),
            data.value().validation(), layout, seed, fold));
      }
    };
    ExecutorCache.Entry e = ExecutorCache.get(batch.run(), seed, fold, lazy, spec.solver(),
        spec.oracle());
    // Own solver and oracle: other segments of this fold may run at the same time.
    ProximalCoordinateDescent solver = new ProximalCoordinateDescent(spec.solver());
    SubgradientOracle oracle = new SubgradientOracle(spec.oracle());
    BlockResults r = new BlockResults(folds, batch.points().length);
    long start = System.nanoTime();
    FoldState from = batch.anchors()[fold];
    for (int i = segment; i < batch.points().length; i += pieces) {
      double[] w = LowerLevelProblem.exp(batch.points()[i]);
      FoldOutcome o = BilevelObjective.evaluateFold(e.problem(), spec.criterion(), solver, oracle,
          w, false, from);
      r.put(fold, i, spec.shipped(o));
      from = o.state();
    }
    r.addCompute(System.nanoTime() - start);
    return r;
  }

  /** The executor side of a job: one block, every trial point, from the batch's anchor. */
  static BlockResults evaluateBlock(Iterator<FoldBlock> it, TrialBatch batch, EvalSpec spec,
      int folds) {
    TaskContext ctx = TaskContext.get();
    int partition = ctx.partitionId();
    if (batch.failFirstAttempt() && partition == 0 && ctx.attemptNumber() == 0) {
      throw new IllegalStateException("injected executor failure (test hook), job " + batch.job());
    }
    ExecutorCache.Entry e = ExecutorCache.get(batch.run(), batch.seed(), partition, it,
        spec.solver(), spec.oracle());
    BlockResults r = new BlockResults(folds, batch.points().length);
    long start = System.nanoTime();
    synchronized (e) {
      int f = e.block.fold();
      FoldState from = batch.anchors()[f];
      for (int i = 0; i < batch.points().length; i++) {
        double[] w = LowerLevelProblem.exp(batch.points()[i]);
        r.put(f, i, spec.shipped(BilevelObjective.evaluateFold(e.problem(), spec.criterion(),
            e.solver, e.oracle, w, batch.withGradient(), from)));
      }
    }
    r.addCompute(System.nanoTime() - start);
    return r;
  }

  @Override
  public void accept(Evaluation e) {
    anchor = BilevelObjective.statesOf(e, folds);
  }

  /** Sets the Spark job group and description of the next jobs of this thread (Spark UI). */
  public void describe(String group, String description) {
    jsc.setJobGroup(group, description, true);
  }

  /** Unpersists the fold blocks. */
  @Override
  public void close() {
    blocks.unpersist(false);
  }
}
