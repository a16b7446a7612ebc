package org.sparsetune.spark.tune;

import org.sparsetune.outer.FoldProblem;

/**
 * One fold block of DESIGN.md's data flow: the training and validation rows of one (seed, fold),
 * one per RDD partition, cached serialized with Kryo ({@link KryoCodecs}).
 *
 * @param seed the seed whose split made the block
 * @param fold the fold index (0 without folds)
 * @param problem the training problem (penalties are set per evaluation) and held-out rows
 */
public record FoldBlock(long seed, int fold, FoldProblem problem) {}
