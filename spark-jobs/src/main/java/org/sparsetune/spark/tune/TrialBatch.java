package org.sparsetune.spark.tune;

import org.sparsetune.outer.FoldState;

/**
 * What one Spark job evaluates, broadcast to the executors: the trial points of an outer
 * iteration (one, or several radii / candidates) and the anchor every fold starts from. The
 * anchor travels with the points, so an evaluation depends on nothing an executor might have lost.
 *
 * @param run the run's id (keys the executor-side cache)
 * @param seed the seed
 * @param job the job's sequence number within the seed's run
 * @param points the trial points x, each of length p
 * @param withGradient also run the oracle
 * @param anchors the state each fold starts from, fold f at position f
 * @param failFirstAttempt test hook: the first attempt of the first fold's task throws
 */
public record TrialBatch(
    String run,
    long seed,
    long job,
    double[][] points,
    boolean withGradient,
    FoldState[] anchors,
    boolean failFirstAttempt) {}
