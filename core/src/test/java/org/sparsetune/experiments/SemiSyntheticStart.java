package org.sparsetune.experiments;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.LibsvmOptions;
import org.sparsetune.data.LibsvmReader;
import org.sparsetune.oracle.BiactivePolicy;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.outer.BilevelObjective;
import org.sparsetune.outer.Evaluation;
import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.SolverOptions;

/**
 * Prints the calibrated start of a semi-synthetic instance (Experiment 5, Setting 1) built from a
 * LIBSVM file: the time to generate and to calibrate, the 15 pairs with their real columns (1-based,
 * as in the file) and correlations, the positive rate, the support of β_S, the logistic α_max, and
 * at x⁰ the validation log-loss and the hidden-feature norm ‖∂_{x_hid}Φ‖ under the null and the
 * self-consistent policy (band {@link SemiSyntheticDesign#BIACTIVE_TOL_REL}). Not a test; run it
 * with
 *
 * <pre>
 * mvn -B -o -q -pl core test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp core/target/classes:core/target/test-classes:$(cat /tmp/cp.txt) \
 *     org.sparsetune.experiments.SemiSyntheticStart ../shared/data/w8a.xz w8a 0
 * </pre>
 *
 * Arguments: file, name, seed, and optionally the most rows to use.
 */
public final class SemiSyntheticStart {
  private SemiSyntheticStart() {}

  /** Arguments: file, name, seed [, maxRows]. */
  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    String name = args[1];
    long seed = Long.parseLong(args[2]);
    int maxRows = args.length > 3 ? Integer.parseInt(args[3]) : Integer.MAX_VALUE;
    long t0 = System.nanoTime();
    LabeledData real = LibsvmReader.read(file, LibsvmOptions.binary());
    long t1 = System.nanoTime();
    SemiSyntheticDesign.Generated g = SemiSyntheticDesign.draw(real, name, seed, maxRows);
    long t2 = System.nanoTime();
    SyntheticInstance inst = g.instance();
    DegenerateDesign.Calibration cal = SemiSyntheticDesign.calibrate(inst, SolverOptions.DEFAULTS);
    long t3 = System.nanoTime();
    out("%s%n", inst);
    out("read %.2f s, generate %.2f s, calibrate %.2f s (cold JVM)%n", (t1 - t0) * 1e-9,
        (t2 - t1) * 1e-9, (t3 - t2) * 1e-9);
    out("background: %d distinct non-constant columns of %d%n", g.background().length, real.cols());
    int[] dist = inst.featuresOf(DegenerateDesign.DISTRACTOR);
    int[] hid = inst.featuresOf(DegenerateDesign.HIDDEN);
    double[] rho = g.pairCorrelations();
    for (int k = 0; k < rho.length; k++) {
      int d = g.sourceColumn()[dist[k]];
      int h = g.sourceColumn()[hid[k]];
      out("pair %2d: rho %+.4f  distractor %d (nnz %d), hidden %d (nnz %d), alpha_dist %.4g, "
          + "g_hid %+.3e%n", k, rho[k], d + 1, real.features().columnNonzeros(d), h + 1,
          real.features().columnNonzeros(h), Math.exp(cal.x0()[dist[k]]), cal.hiddenGradient()[k]);
    }
    int positives = 0;
    int n = 0;
    for (LabeledData d : List.of(inst.train(), inst.validation(), inst.test())) {
      for (double b : d.labels()) {
        positives += b > 0 ? 1 : 0;
        n++;
      }
    }
    out("positive rate %.4f (%d of %d); train/validation/test %d/%d/%d%n",
        positives / (double) n, positives, n, inst.train().rows(), inst.validation().rows(),
        inst.test().rows());
    int support = 0;
    for (double v : cal.betaS()) {
      support += v != 0.0 ? 1 : 0;
    }
    LowerLevelProblem train = inst.fold(cal.x0()).train();
    out("support of beta_S: %d; logistic alpha_max %.4f (alpha_easy = %.2f)%n", support,
        Kkt.maxUniformPenalty(train), SemiSyntheticDesign.EASY_PENALTY_FACTOR);
    for (BiactivePolicy policy : BiactivePolicy.values()) {
      OracleOptions oracle = OracleOptions.DEFAULTS
          .withBiactiveTolRel(SemiSyntheticDesign.BIACTIVE_TOL_REL).withPolicy(policy);
      BilevelObjective f = new BilevelObjective(List.of(inst.fold(cal.x0())),
          inst.upperCriterion(), SolverOptions.DEFAULTS, oracle);
      Evaluation e = f.evaluate(cal.x0(), true);
      double s = 0.0;
      for (int j : hid) {
        s += e.gradient()[j] * e.gradient()[j];
      }
      out("%s: validation log-loss %.5f, ||d_x_hid Phi|| at x0 = %.4g%n", policy, e.value(),
          Math.sqrt(s));
    }
  }

  private static void out(String format, Object... args) {
    System.out.printf(Locale.ROOT, format, args);
  }
}
