package org.sparsetune.spark.tune;

import java.io.Serializable;
import org.sparsetune.outer.BilevelObjective.FoldOutcome;

/**
 * The merged result of one job ({@link BlockJob}): one {@link FoldOutcome} per (fold, trial point) slot,
 * plus executor compute time. Merging fills slots, so the driver gets every fold's contribution
 * and combines them in fold order exactly as the in-process objective does (the same bits,
 * whatever order the tasks finished in).
 */
public final class BlockResults implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int folds;
  private final int points;
  private final FoldOutcome[] slots;
  private long computeNanosSum;
  private long computeNanosMax;

  /** Empty results for {@code folds × points} slots. */
  public BlockResults(int folds, int points) {
    this(folds, points, new FoldOutcome[folds * points], 0L, 0L);
  }

  BlockResults(int folds, int points, FoldOutcome[] slots, long sum, long max) {
    if (slots.length != folds * points) {
      throw new IllegalArgumentException("need " + folds * points + " slots, got " + slots.length);
    }
    this.folds = folds;
    this.points = points;
    this.slots = slots;
    this.computeNanosSum = sum;
    this.computeNanosMax = max;
  }

  /** Stores fold f's outcome at trial point t. */
  public void put(int fold, int point, FoldOutcome outcome) {
    slots[fold * points + point] = outcome;
  }

  /** Adds one task's compute time. */
  public void addCompute(long nanos) {
    computeNanosSum += nanos;
    computeNanosMax = Math.max(computeNanosMax, nanos);
  }

  /** Fills this object's empty slots from {@code other} (a slot filled twice must agree). */
  public BlockResults merge(BlockResults other) {
    if (other.folds != folds || other.points != points) {
      throw new IllegalArgumentException("cannot merge results of different shapes");
    }
    for (int i = 0; i < slots.length; i++) {
      if (other.slots[i] != null) {
        slots[i] = other.slots[i];
      }
    }
    computeNanosSum += other.computeNanosSum;
    computeNanosMax = Math.max(computeNanosMax, other.computeNanosMax);
    return this;
  }

  /** Fold f's outcome at trial point t; fails when a fold never reported. */
  public FoldOutcome get(int fold, int point) {
    FoldOutcome o = slots[fold * points + point];
    if (o == null) {
      throw new IllegalStateException("fold " + fold + " returned no result for trial point " + point);
    }
    return o;
  }

  int folds() {
    return folds;
  }

  int points() {
    return points;
  }

  FoldOutcome[] slots() {
    return slots;
  }

  /** Total executor compute time of the job's tasks. */
  public long computeNanosSum() {
    return computeNanosSum;
  }

  /** The longest task's compute time (the job's critical path on the executors). */
  public long computeNanosMax() {
    return computeNanosMax;
  }
}
