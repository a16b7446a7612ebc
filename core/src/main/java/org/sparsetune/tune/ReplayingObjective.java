package org.sparsetune.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparsetune.outer.Evaluation;
import org.sparsetune.outer.Objective;

/**
 * An objective that first answers from a checkpoint and then from a live objective. The outer
 * loops are deterministic functions of the evaluations they receive, so feeding them the logged
 * evaluations in order brings them back to the checkpointed state; every later request goes to
 * the live objective, whose anchor the loop has meanwhile set from logged evaluations (their
 * {@link org.sparsetune.outer.FoldState}s) exactly as in the uninterrupted run.
 *
 * <p>Each request is checked against the log (same point bit for bit, same kind of evaluation):
 * a checkpoint written by a different command is refused with a {@link CheckpointMismatch}, never
 * silently mixed in. Evaluations made live are kept until {@link #drainLive} hands them to the
 * next checkpoint.
 */
public final class ReplayingObjective implements Objective {
  private final Objective live;
  private final List<Evaluation> log;
  private int cursor;
  private final List<Evaluation> pendingLive = new ArrayList<>();

  /**
   * @param live the objective that evaluates once the log is used up
   * @param log the logged evaluations, in the order the loop made them
   */
  public ReplayingObjective(Objective live, List<Evaluation> log) {
    this.live = live;
    this.log = List.copyOf(log);
  }

  @Override
  public int dimension() {
    return live.dimension();
  }

  @Override
  public double alphaMax() {
    return live.alphaMax();
  }

  @Override
  public Evaluation evaluate(double[] x, boolean withGradient) {
    return evaluateAll(List.of(x), withGradient).get(0);
  }

  @Override
  public List<Evaluation> evaluateAll(List<double[]> points, boolean withGradient) {
    List<Evaluation> out = new ArrayList<>(points.size());
    int i = 0;
    while (i < points.size() && cursor < log.size()) {
      Evaluation e = log.get(cursor);
      double[] x = points.get(i);
      if (!Arrays.equals(e.x(), x) || e.hasGradient() != withGradient) {
        throw new CheckpointMismatch("the checkpoint's evaluation " + (cursor + 1)
            + " was made at another point or of another kind than this run asks for: the"
            + " checkpoint was written by a different command or different data");
      }
      out.add(e);
      cursor++;
      i++;
    }
    if (i < points.size()) {
      List<Evaluation> fresh = live.evaluateAll(points.subList(i, points.size()), withGradient);
      out.addAll(fresh);
      pendingLive.addAll(fresh);
    }
    return out;
  }

  @Override
  public void accept(Evaluation e) {
    live.accept(e);
  }

  /**
   * A cut path: answered from the log when the log holds all of it; otherwise evaluated live as a
   * whole from the live anchor — the anchor the uninterrupted run had at this point, so the cut
   * pieces warm-start exactly as they did there and the logged part comes out bit for bit the
   * same (checked) — with the unlogged rest handed to the next checkpoint.
   */
  @Override
  public List<Evaluation> evaluatePath(List<double[]> points, int segments) {
    int logged = 0;
    while (logged < points.size() && cursor + logged < log.size()) {
      Evaluation e = log.get(cursor + logged);
      if (!Arrays.equals(e.x(), points.get(logged)) || e.hasGradient()) {
        throw new CheckpointMismatch("the checkpoint's evaluation " + (cursor + logged + 1)
            + " was made at another point or of another kind than this run asks for: the"
            + " checkpoint was written by a different command or different data");
      }
      logged++;
    }
    List<Evaluation> out = new ArrayList<>(points.size());
    if (logged == points.size()) {
      out.addAll(log.subList(cursor, cursor + logged));
      cursor += logged;
      if (!out.isEmpty()) {
        live.accept(out.get(out.size() - 1)); // where a live path would leave the anchor
      }
      return out;
    }
    List<Evaluation> fresh = live.evaluatePath(points, segments);
    for (int i = 0; i < logged; i++) {
      if (Double.doubleToLongBits(fresh.get(i).value())
          != Double.doubleToLongBits(log.get(cursor + i).value())) {
        throw new CheckpointMismatch("the checkpoint's evaluation " + (cursor + i + 1)
            + " does not reproduce: the checkpoint was written with other data or options");
      }
      out.add(log.get(cursor + i));
    }
    cursor += logged;
    out.addAll(fresh.subList(logged, fresh.size()));
    pendingLive.addAll(fresh.subList(logged, fresh.size()));
    return out;
  }

  /** Logged evaluations handed out so far. */
  public int replayed() {
    return cursor;
  }

  /** True while logged evaluations remain. */
  public boolean replaying() {
    return cursor < log.size();
  }

  /** The live evaluations made since the last call, in order. */
  public List<Evaluation> drainLive() {
    List<Evaluation> out = List.copyOf(pendingLive);
    pendingLive.clear();
    return out;
  }

  /** A checkpoint that does not belong to the run reading it. */
  public static final class CheckpointMismatch extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** With a message saying what differs. */
    public CheckpointMismatch(String message) {
      super(message);
    }
  }
}
