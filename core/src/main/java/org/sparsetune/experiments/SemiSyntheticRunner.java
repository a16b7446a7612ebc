package org.sparsetune.experiments;

import org.sparsetune.data.LabeledData;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.solver.SolverOptions;

/**
 * Experiment 5, Setting 1 (paper §5.5.1): one (data set, seed, method) unit of the semi-synthetic
 * benchmark — a {@link SemiSyntheticDesign} instance drawn from a real sparse matrix by the seed,
 * its logistic two-pass calibration as the starting point of the bilevel methods, then the method
 * on the held-out logistic loss with the biactive band {@link SemiSyntheticDesign#BIACTIVE_TOL_REL}
 * ({@link SyntheticRunner#runInstance}). {@code f1} is the test classification F1 (Table 5's
 * "Classification F1"), {@code hiddenRecall} the fraction of hidden features in the final support.
 */
public final class SemiSyntheticRunner {
  private SemiSyntheticRunner() {}

  /** Runs a unit on its (already read) real data set. */
  public static UnitOutcome run(SyntheticUnit u, LabeledData real) {
    return run(u, real, SolverOptions.DEFAULTS);
  }

  /** Runs a unit on its real data set with the given solver options. */
  public static UnitOutcome run(SyntheticUnit u, LabeledData real, SolverOptions solver) {
    long start = System.nanoTime();
    SyntheticInstance inst = SemiSyntheticDesign.generate(real, u.dataset(), u.seed());
    double[] x0 = SemiSyntheticDesign.calibrate(inst, solver).x0();
    return SyntheticRunner.runInstance(u, inst, x0, UpperCriterion.LOGISTIC,
        SemiSyntheticDesign.BIACTIVE_TOL_REL, solver, start);
  }
}
