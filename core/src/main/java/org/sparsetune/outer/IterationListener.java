package org.sparsetune.outer;

/** Receives each outer iteration as it completes (logging, progress, checkpoints). */
@FunctionalInterface
public interface IterationListener {
  /** A listener that does nothing. */
  IterationListener NONE = r -> {};

  /** Called once per completed iteration, in order. */
  void onIteration(IterationRecord record);
}
