package org.sparsetune.outer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparsetune.outer.search.BlackBoxTuner;

/**
 * Random search or TPE over the per-feature log-penalties: each batch the tuner asks for is
 * evaluated in one call of {@link Objective#evaluateAll} (one Spark job), value only, and told
 * back. The budget counts evaluated points.
 */
public final class BlackBoxSearch {
  private final int budget;
  private final int batchSize;

  /**
   * @param budget points to evaluate
   * @param batchSize points per batch (one Spark job each)
   */
  public BlackBoxSearch(int budget, int batchSize) {
    if (budget < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "budget and batchSize must be at least 1, got " + budget + ", " + batchSize);
    }
    this.budget = budget;
    this.batchSize = batchSize;
  }

  /** Runs the tuner; the iteration count of the result is the number of batches. */
  public OuterResult run(Objective f, BlackBoxTuner tuner, IterationListener listener, String method) {
    long start = System.nanoTime();
    List<IterationRecord> trajectory = new ArrayList<>();
    Evaluation best = null;
    int done = 0;
    int batches = 0;
    while (done < budget) {
      long it0 = System.nanoTime();
      int m = Math.min(batchSize, budget - done);
      double[][] points = tuner.ask(m);
      List<Evaluation> results = f.evaluateAll(Arrays.asList(points), false);
      double[] values = new double[m];
      for (int i = 0; i < m; i++) {
        Evaluation e = results.get(i);
        values[i] = e.value();
        if (best == null || e.value() < best.value()) {
          best = e;
        }
      }
      tuner.tell(points, values);
      done += m;
      batches++;
      IterationRecord r = new IterationRecord(batches, method, best.value(), best.value(),
          Double.NaN, Double.NaN, Double.NaN, Double.NaN, true, best.support(), -1, done,
          (System.nanoTime() - it0) * 1e-9);
      trajectory.add(r);
      listener.onIteration(r);
    }
    Evaluation fin = Outer.finalSolve(f, best);
    return new OuterResult(method, fin, batches, done + 1, StoppingReason.BUDGET,
        List.copyOf(trajectory), (System.nanoTime() - start) * 1e-9);
  }
}
