package org.sparsetune.outer.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The bookkeeping shared by the seeded tuners: history, best observation, argument checks and the
 * random stream of each ask call.
 *
 * <p>Ask call {@code k} (0-based) draws from the {@code (k+1)}-th {@link SplittableRandom#split()
 * split} of {@code new SplittableRandom(seed)}. The stream position is therefore the counter
 * {@code askCalls}, and {@link #state()} — seed, counter, history — is the whole state: a restored
 * tuner replays the splits and continues bit for bit. Subclasses only implement {@link #propose}.
 */
abstract class SeededTuner implements BlackBoxTuner {

  private final SearchSpace space;
  private final long seed;
  private final SplittableRandom root;
  private long askCalls;
  private final List<Observation> history = new ArrayList<>();
  private final List<Observation> historyView = Collections.unmodifiableList(history);
  private Observation best;

  /** A fresh tuner with an empty history. */
  SeededTuner(SearchSpace space, long seed) {
    if (space == null) {
      throw new IllegalArgumentException("search space must not be null");
    }
    this.space = space;
    this.seed = seed;
    this.root = new SplittableRandom(seed);
  }

  /**
   * A tuner that continues from {@code state}.
   *
   * @throws IllegalArgumentException if a history point is not in {@code space}
   */
  SeededTuner(SearchSpace space, TunerState state) {
    this(space, requireState(state).seed());
    for (long k = 0; k < state.askCalls(); k++) {
      root.split();
    }
    askCalls = state.askCalls();
    List<Observation> told = state.history();
    for (int i = 0; i < told.size(); i++) {
      space.requireContains(told.get(i).point(), "state history[" + i + "]");
    }
    for (Observation o : told) {
      record(o);
    }
  }

  private static TunerState requireState(TunerState state) {
    if (state == null) {
      throw new IllegalArgumentException("state must not be null");
    }
    return state;
  }

  /**
   * Proposes {@code batchSize} points of the box from this call's own random stream.
   *
   * @param batchSize at least 1
   * @param stream the stream of this ask call, not shared with any other call
   */
  abstract double[][] propose(int batchSize, SplittableRandom stream);

  @Override
  public final SearchSpace space() {
    return space;
  }

  /** The seed this tuner was built with. */
  public final long seed() {
    return seed;
  }

  @Override
  public final double[][] ask(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    SplittableRandom stream = root.split();
    askCalls++;
    return propose(batchSize, stream);
  }

  @Override
  public final void tell(double[][] points, double[] values) {
    if (points == null || values == null) {
      throw new IllegalArgumentException("points and values must not be null");
    }
    if (points.length != values.length) {
      throw new IllegalArgumentException(
          "got " + points.length + " points but " + values.length + " values");
    }
    for (int i = 0; i < points.length; i++) {
      space.requireContains(points[i], "point " + i);
    }
    for (int i = 0; i < points.length; i++) {
      record(new Observation(points[i], values[i]));
    }
  }

  private void record(Observation o) {
    history.add(o);
    if (best == null || Observation.BY_VALUE.compare(o, best) < 0) {
      best = o;
    }
  }

  @Override
  public final Optional<Observation> best() {
    return Optional.ofNullable(best);
  }

  @Override
  public final List<Observation> history() {
    return List.copyOf(history);
  }

  /** The observations told, in order, as a read-only view (no copy) for subclasses. */
  final List<Observation> observations() {
    return historyView;
  }

  @Override
  public final TunerState state() {
    return new TunerState(seed, askCalls, history);
  }
}
