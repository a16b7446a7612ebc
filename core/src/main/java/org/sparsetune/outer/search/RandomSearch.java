package org.sparsetune.outer.search;

import java.util.SplittableRandom;

/**
 * Random search (Bergstra &amp; Bengio, "Random Search for Hyper-Parameter Optimization", JMLR 13,
 * 2012): every asked point is drawn independently and uniformly from the box, ignoring the
 * values told. Since the box is in log-penalty coordinates, this is log-uniform in the penalties.
 *
 * <p>Ask call {@code k} draws its points, coordinate by coordinate, from the {@code (k+1)}-th split
 * of {@code new SplittableRandom(seed)}; see {@link TunerState}.
 */
public final class RandomSearch extends SeededTuner {

  /**
   * A fresh random search.
   *
   * @param space the box to sample
   * @param seed the seed of the one random stream
   */
  public RandomSearch(SearchSpace space, long seed) {
    super(space, seed);
  }

  private RandomSearch(SearchSpace space, TunerState state) {
    super(space, state);
  }

  /**
   * A random search that continues exactly where the one that wrote {@code state} stopped.
   *
   * @throws IllegalArgumentException if a history point is not in {@code space}
   */
  public static RandomSearch resume(SearchSpace space, TunerState state) {
    return new RandomSearch(space, state);
  }

  @Override
  double[][] propose(int batchSize, SplittableRandom stream) {
    double[][] points = new double[batchSize][];
    for (int i = 0; i < batchSize; i++) {
      points[i] = space().uniform(stream);
    }
    return points;
  }
}
