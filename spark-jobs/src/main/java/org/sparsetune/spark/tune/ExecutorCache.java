package org.sparsetune.spark.tune;

import java.lang.ref.SoftReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.SubgradientOracle;
import org.sparsetune.outer.FoldProblem;
import org.sparsetune.solver.ProximalCoordinateDescent;
import org.sparsetune.solver.SolverOptions;

/**
 * Per-executor-JVM cache of the working copy of each fold block, keyed by (run, seed, fold): the
 * deserialized problem, its solver and its oracle (which keeps λ_max(AᵀA) of the design, 100
 * power iterations). A hit skips reading the cached RDD partition (its task never opens it:
 * {@link DeferredPartitions}) and the power iteration.
 *
 * <p>Entries are soft references: under memory pressure, or after the executor is lost, the next
 * task rebuilds the entry from the RDD partition. Nothing in an entry influences results — the
 * warm start travels with each {@link TrialBatch} and λ_max is a deterministic function of the
 * design — so a miss costs time, never a different answer.
 */
final class ExecutorCache {
  private static final ConcurrentHashMap<String, SoftReference<Entry>> ENTRIES =
      new ConcurrentHashMap<>();
  private static volatile String currentRun = "";

  private ExecutorCache() {}

  /** A block's working copy. Use under its monitor: one task at a time. */
  static final class Entry {
    final FoldBlock block;
    final ProximalCoordinateDescent solver;
    final SubgradientOracle oracle;

    Entry(FoldBlock block, SolverOptions solverOptions, OracleOptions oracleOptions) {
      this.block = block;
      this.solver = new ProximalCoordinateDescent(solverOptions);
      this.oracle = new SubgradientOracle(oracleOptions);
    }

    FoldProblem problem() {
      return block.problem();
    }
  }

  /**
   * The entry of (run, seed, partition), built from the partition's block on a miss. Entries of
   * other runs are dropped when a new run shows up.
   */
  static Entry get(String run, long seed, int partition, Iterator<FoldBlock> partitionData,
      SolverOptions solverOptions, OracleOptions oracleOptions) {
    if (!run.equals(currentRun)) {
      synchronized (ENTRIES) {
        if (!run.equals(currentRun)) {
          ENTRIES.keySet().removeIf(k -> !k.startsWith(run + "/"));
          currentRun = run;
        }
      }
    }
    String key = run + "/" + seed + "/" + partition;
    SoftReference<Entry> ref = ENTRIES.get(key);
    Entry e = ref == null ? null : ref.get();
    if (e != null) {
      return e;
    }
    if (!partitionData.hasNext()) {
      throw new IllegalStateException("partition " + partition + " of seed " + seed + " is empty");
    }
    FoldBlock block = partitionData.next();
    if (partitionData.hasNext()) {
      throw new IllegalStateException("partition " + partition + " holds more than one fold block");
    }
    Entry fresh = new Entry(block, solverOptions, oracleOptions);
    ENTRIES.put(key, new SoftReference<>(fresh));
    return fresh;
  }

  /** Drops every entry (tests). */
  static void clear() {
    ENTRIES.clear();
  }

  /** Entries currently held (tests). */
  static int size() {
    return ENTRIES.size();
  }
}
