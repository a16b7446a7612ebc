package org.sparsetune.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sparsetune.outer.BilevelObjective;
import org.sparsetune.outer.Evaluation;
import org.sparsetune.outer.FoldState;
import org.sparsetune.outer.IterationListener;
import org.sparsetune.outer.IterationRecord;
import org.sparsetune.outer.Objective;
import org.sparsetune.outer.OuterResult;
import org.sparsetune.outer.Tuner;
import org.sparsetune.outer.TuningOptions;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.ProximalCoordinateDescent;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.solver.SolverResult;

/**
 * One seed of a tuning run, resumable: the outer loop on an objective (in-process or Spark),
 * checkpointed after every outer iteration, then the reported model refitted at the best point
 * and scored on the test rows. Whether the evaluations run in this JVM or on executors changes
 * nothing here, which is what makes "distributed equals local" a statement about the objective.
 */
public final class SeedRun {
  private SeedRun() {}

  /** Where the checkpoints of one seed live. */
  public interface CheckpointStore {
    /** The checkpoints written so far, iteration 1, 2, … without gaps (empty for a new run). */
    List<EvaluationLog> load();

    /**
     * Stores the checkpoint of outer iteration {@code iteration} (1-based), atomically. A store
     * may finish the write in the background; it then reports a failed write at the latest by
     * the next save or by {@link #flush()}, and writes nothing after a failure, so that the stored
     * checkpoints are always iterations 1, 2, … without gaps.
     */
    void save(int iteration, EvaluationLog log);

    /** Waits until every checkpoint saved so far is stored; throws the first failed write. */
    default void flush() {}
  }

  /** A store that keeps nothing. */
  public static final CheckpointStore NO_CHECKPOINTS = new CheckpointStore() {
    @Override
    public List<EvaluationLog> load() {
      return List.of();
    }

    @Override
    public void save(int iteration, EvaluationLog log) {}
  };

  /**
   * The outcome of a seed.
   *
   * @param seed the seed
   * @param outer the outer loop's result
   * @param trajectory one record per outer iteration (records of resumed iterations are the
   *     checkpointed ones, so a resumed run reports the uninterrupted run's rows)
   * @param resumedIterations iterations taken from checkpoints rather than computed
   * @param coefficients the refitted model's coefficients
   * @param intercept its intercept
   * @param testMetrics {@link TestMetrics} on the test rows
   */
  public record Result(
      long seed,
      OuterResult outer,
      List<IterationRecord> trajectory,
      int resumedIterations,
      double[] coefficients,
      double intercept,
      Map<String, Object> testMetrics) {

    /** Wall seconds per outer iteration over the trajectory (NaN before the first). */
    public double secondsPerIteration() {
      double s = 0.0;
      for (IterationRecord r : trajectory) {
        s += r.seconds();
      }
      return trajectory.isEmpty() ? Double.NaN : s / trajectory.size();
    }
  }

  /**
   * Runs (or resumes) one seed.
   *
   * @param live the objective over {@code problem}'s folds
   * @param problem the seed's folds, refit and test rows
   * @param options the tuning options (seeded with the seed by the caller)
   * @param solverOptions lower-level solver options of the refit
   * @param fingerprint identifies the command; checkpoints with another fingerprint are refused
   * @param store the checkpoint store
   * @param progress receives every iteration's record (after its checkpoint is stored)
   */
  public static Result run(
      Objective live,
      TuningProblem problem,
      TuningOptions options,
      SolverOptions solverOptions,
      String fingerprint,
      CheckpointStore store,
      IterationListener progress) {
    List<EvaluationLog> logs = store.load();
    List<Evaluation> logged = new ArrayList<>();
    for (EvaluationLog l : logs) {
      if (!l.fingerprint().equals(fingerprint)) {
        throw new ReplayingObjective.CheckpointMismatch("the checkpoint was written by another"
            + " command (fingerprint " + l.fingerprint() + ", this run " + fingerprint + ")");
      }
      logged.addAll(l.evaluations());
    }
    ReplayingObjective f = new ReplayingObjective(live, logged);
    List<IterationRecord> trajectory = new ArrayList<>();
    IterationListener listener = r -> {
      int n = trajectory.size() + 1;
      IterationRecord row;
      if (n <= logs.size()) {
        row = logs.get(n - 1).record();
        if (row.iteration() != r.iteration() || !row.phase().equals(r.phase())
            || Double.compare(row.value(), r.value()) != 0) {
          throw new ReplayingObjective.CheckpointMismatch("replayed iteration " + n
              + " does not match its checkpoint");
        }
      } else {
        row = r;
        store.save(n, new EvaluationLog(fingerprint, r, f.drainLive()));
      }
      trajectory.add(row);
      progress.onIteration(row);
    };
    OuterResult outer;
    try {
      outer = Tuner.run(f, options, listener);
    } catch (RuntimeException | Error e) {
      try {
        store.flush(); // what was saved before the failure still reaches storage
      } catch (RuntimeException second) {
        if (second != e) { // a store throws a failed write again on every call
          e.addSuppressed(second);
        }
      }
      throw e;
    }
    store.flush();
    if (trajectory.size() < logs.size()) {
      throw new ReplayingObjective.CheckpointMismatch("the checkpoint has " + logs.size()
          + " iterations but the run ended after " + trajectory.size());
    }
    Evaluation best = outer.best();
    FoldState[] states = BilevelObjective.statesOf(best, problem.folds().size());
    double[] y;
    double c;
    if (problem.folds().size() == 1) {
      y = states[0].coefficients();
      c = states[0].intercept();
    } else {
      LowerLevelProblem refit = problem.refitProblem(LowerLevelProblem.exp(best.x()));
      SolverResult s = new ProximalCoordinateDescent(solverOptions).solve(refit, states[0].warmStart());
      y = s.coefficients();
      c = s.intercept();
    }
    Map<String, Object> metrics = TestMetrics.of(problem.folds().get(0).train().loss(),
        problem.test().features(), problem.test().labels(), y, c);
    return new Result(problem.seed(), outer, List.copyOf(trajectory), Math.min(logs.size(),
        trajectory.size()), y, c, metrics);
  }
}
