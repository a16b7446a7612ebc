package org.sparsetune.outer.search;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * A black-box minimizer over a {@link SearchSpace} in ask/tell form: {@link #ask} proposes a batch
 * of points, the caller evaluates them (in sparsetune: one Spark job for the whole batch) and
 * {@link #tell}s the values back. The tuner never calls the objective itself, so it holds no
 * Spark state and its whole state is a small {@link TunerState}.
 *
 * <p>Contract every implementation meets (see the shared contract test):
 *
 * <ul>
 *   <li>every asked point lies in the closed box;
 *   <li>two tuners built with the same seed and told the same values ask exactly the same points;
 *   <li>a tuner rebuilt from {@link #state()} continues exactly like the original;
 *   <li>a non-finite told value is recorded as a failure, ranked worst, and never throws.
 * </ul>
 *
 * <p>Not thread-safe; the driver owns the tuner.
 */
public interface BlackBoxTuner {

  /** The box searched. */
  SearchSpace space();

  /**
   * Proposes {@code batchSize} points to evaluate next. The points are fresh arrays the caller
   * may keep. Asking advances the tuner's random stream even if the points are never told.
   *
   * @param batchSize number of points, at least 1
   * @return {@code batchSize} points of the box
   * @throws IllegalArgumentException if {@code batchSize < 1}
   */
  double[][] ask(int batchSize);

  /**
   * Records evaluated points. The points need not come from {@link #ask} (a caller may seed the
   * history with known evaluations) but must lie in the box. A NaN or infinite value records a
   * failure. Either every observation is recorded or, on a bad argument, none is.
   *
   * @param points the evaluated points
   * @param values {@code values[i]} is the objective at {@code points[i]}
   * @throws IllegalArgumentException if the lengths differ or a point is not in the box (the
   *     message names the point index and dimension)
   */
  void tell(double[][] points, double[] values);

  /**
   * The best observation so far: the lowest finite value (earliest told among ties), or a failure
   * if every evaluation failed; empty before the first {@link #tell}.
   */
  Optional<Observation> best();

  /** All observations told, in order (an unmodifiable snapshot). */
  List<Observation> history();

  /** A snapshot from which the tuner's implementation can resume exactly. */
  TunerState state();

  /**
   * Runs ask/evaluate/tell until {@code budget} evaluations are spent (the last batch is cut to
   * what is left) — a convenience for tests and local use.
   *
   * @param objective the function to minimize; it may return NaN or ±∞ to report a failure
   * @param budget number of evaluations, at least 1
   * @param batchSize points per ask, at least 1
   * @return the best observation
   */
  default Observation minimize(ToDoubleFunction<double[]> objective, int budget, int batchSize) {
    if (budget < 1) {
      throw new IllegalArgumentException("budget must be at least 1, got " + budget);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    for (int spent = 0; spent < budget; ) {
      double[][] points = ask(Math.min(batchSize, budget - spent));
      double[] values = new double[points.length];
      for (int i = 0; i < points.length; i++) {
        values[i] = objective.applyAsDouble(points[i].clone());
      }
      tell(points, values);
      spent += points.length;
    }
    return best().orElseThrow();
  }
}
