package org.sparsetune.outer;

import java.util.List;

/**
 * An objective that passes every call to another one; subclasses override the calls they watch
 * or change (what {@code auto} minimizes in each phase, what an experiment records).
 */
public abstract class ForwardingObjective implements Objective {
  /** The objective the calls go to. */
  protected final Objective delegate;

  /** Forwards to {@code delegate}. */
  protected ForwardingObjective(Objective delegate) {
    if (delegate == null) {
      throw new IllegalArgumentException("the objective to forward to must not be null");
    }
    this.delegate = delegate;
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public double alphaMax() {
    return delegate.alphaMax();
  }

  @Override
  public Evaluation evaluate(double[] x, boolean withGradient) {
    return delegate.evaluate(x, withGradient);
  }

  @Override
  public List<Evaluation> evaluateAll(List<double[]> points, boolean withGradient) {
    return delegate.evaluateAll(points, withGradient);
  }

  @Override
  public void accept(Evaluation e) {
    delegate.accept(e);
  }

  @Override
  public List<Evaluation> evaluatePath(List<double[]> points, int segments) {
    return delegate.evaluatePath(points, segments);
  }
}
