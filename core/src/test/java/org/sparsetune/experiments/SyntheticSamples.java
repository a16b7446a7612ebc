package org.sparsetune.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.Splits;
import org.sparsetune.linalg.DenseMatrix;
import org.sparsetune.oracle.BiactivePolicy;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.SubgradientOracle;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.outer.BilevelObjective;
import org.sparsetune.outer.BilevelObjective.FoldOutcome;
import org.sparsetune.outer.FoldContribution;
import org.sparsetune.outer.FoldProblem;
import org.sparsetune.outer.FoldState;
import org.sparsetune.solver.ProximalCoordinateDescent;

/**
 * Sample statistics and shared checks of the synthetic-design tests: the instance's rows are put
 * back together (train, then validation, then test rows; the order does not matter for moments
 * and correlations, as long as every column uses the same one).
 */
final class SyntheticSamples {
  private SyntheticSamples() {}

  /** The three parts in one list, train first. */
  static List<LabeledData> parts(SyntheticInstance inst) {
    return List.of(inst.train(), inst.validation(), inst.test());
  }

  /** Column j over all rows. */
  static double[] column(SyntheticInstance inst, int j) {
    int n = inst.train().rows() + inst.validation().rows() + inst.test().rows();
    double[] out = new double[n];
    int k = 0;
    for (LabeledData d : parts(inst)) {
      double[] c = d.features().column(j);
      System.arraycopy(c, 0, out, k, c.length);
      k += c.length;
    }
    return out;
  }

  /** Every column over all rows, centred and scaled to unit sample norm (for correlations). */
  static double[][] standardizedColumns(SyntheticInstance inst) {
    double[][] cols = new double[inst.cols()][];
    for (int j = 0; j < cols.length; j++) {
      double[] c = column(inst, j);
      double m = mean(c);
      double ss = 0.0;
      for (int i = 0; i < c.length; i++) {
        c[i] -= m;
        ss += c[i] * c[i];
      }
      double s = Math.sqrt(ss);
      for (int i = 0; i < c.length; i++) {
        c[i] /= s;
      }
      cols[j] = c;
    }
    return cols;
  }

  /** The sample correlation of two standardized columns. */
  static double dot(double[] u, double[] v) {
    double s = 0.0;
    for (int i = 0; i < u.length; i++) {
      s += u[i] * v[i];
    }
    return s;
  }

  /** The residual b - Aβ* over all rows. */
  static double[] residual(SyntheticInstance inst) {
    int n = inst.train().rows() + inst.validation().rows() + inst.test().rows();
    double[] out = new double[n];
    int k = 0;
    for (LabeledData d : parts(inst)) {
      double[] fit = new double[d.rows()];
      d.features().multiply(inst.beta(), fit);
      for (int i = 0; i < d.rows(); i++) {
        out[k++] = d.labels()[i] - fit[i];
      }
    }
    return out;
  }

  static double mean(double[] v) {
    double s = 0.0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** The sample variance (denominator n - 1). */
  static double variance(double[] v) {
    double m = mean(v);
    double s = 0.0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return s / (v.length - 1);
  }

  /** Row counts of the parts are Splits.partSizes of n and l2 is exactly 1/n_train. */
  static void assertSplitOf(SyntheticInstance inst, int n) {
    int[] sizes = Splits.partSizes(n, Splits.Fractions.DEFAULT);
    assertEquals(sizes[0], inst.train().rows(), "train rows");
    assertEquals(sizes[1], inst.validation().rows(), "validation rows");
    assertEquals(sizes[2], inst.test().rows(), "test rows");
    assertEquals(1.0 / inst.train().rows(), inst.l2(), 0.0, "l2 = 1/n_train");
    for (LabeledData d : parts(inst)) {
      assertTrue(d.features() instanceof DenseMatrix, "dense design");
    }
  }

  /**
   * The groups are contiguous blocks of the given sizes in name order, featuresOf agrees with the
   * group codes, and the nonzero true coefficients are exactly the named groups', of the given
   * magnitude.
   */
  static void assertGroups(SyntheticInstance inst, List<String> names, int[] sizes,
      List<String> relevant, double magnitude) {
    assertEquals(names, inst.groupNames());
    int start = 0;
    for (int k = 0; k < names.size(); k++) {
      int[] expected = new int[sizes[k]];
      for (int i = 0; i < sizes[k]; i++) {
        expected[i] = start + i;
        assertEquals(k, inst.groups()[start + i], "group code of feature " + (start + i));
      }
      assertArrayEquals(expected, inst.featuresOf(names.get(k)), names.get(k));
      start += sizes[k];
    }
    assertEquals(inst.cols(), start, "the groups cover p");
    boolean[] support = inst.truthSupport();
    for (int j = 0; j < inst.cols(); j++) {
      boolean rel = relevant.contains(names.get(inst.groups()[j]));
      assertEquals(rel, support[j], "truth support at " + j);
      assertEquals(rel ? magnitude : 0.0, Math.abs(inst.beta()[j]), 0.0, "|beta| at " + j);
    }
  }

  /** Every array of two instances holds the same bits. */
  static boolean sameBits(SyntheticInstance a, SyntheticInstance b) {
    boolean same = Arrays.equals(a.beta(), b.beta()) && Arrays.equals(a.groups(), b.groups())
        && a.l2() == b.l2() && a.description().equals(b.description());
    List<LabeledData> pa = parts(a);
    List<LabeledData> pb = parts(b);
    for (int k = 0; k < 3; k++) {
      same &= Arrays.equals(((DenseMatrix) pa.get(k).features()).data(),
          ((DenseMatrix) pb.get(k).features()).data());
      same &= Arrays.equals(pa.get(k).labels(), pb.get(k).labels());
    }
    return same;
  }

  /**
   * The starvation invariants at a calibrated start x⁰ (penalties w, lower-level solution coef):
   * with the null policy every hidden coordinate lies in the biactive band, the oracle's biactive
   * count equals the band test recomputed here (γ cancels from both sides of the oracle's test:
   * a zero coordinate is biactive when ||∇_jF| − w_j| ≤ tolRel·max(|∇_jF|, w_j)), nothing is
   * selected and the hidden subgradient is exactly 0; the self-consistent policy sees the same
   * value and partition, selects biactive coordinates and gives the hidden features a nonzero
   * subgradient.
   */
  static void assertStarvedByNullNotBySelfConsistent(FoldProblem fold, UpperCriterion criterion,
      ProximalCoordinateDescent solver, double[] w, double[] coef, int[] hidden, double tolRel) {
    OracleOptions band = OracleOptions.DEFAULTS.withBiactiveTolRel(tolRel);
    FoldContribution nul = oracleAt(fold, criterion, solver, band.withPolicy(BiactivePolicy.NULL), w);
    java.util.Set<Integer> hid = new java.util.HashSet<>();
    for (int j : hidden) {
      hid.add(j);
    }
    int expectedBiactive = 0;
    double[] g = nul.trainGradient();
    for (int j = 0; j < w.length; j++) {
      boolean inBand = coef[j] == 0.0
          && Math.abs(g[j]) - w[j] >= -tolRel * Math.max(Math.abs(g[j]), w[j]);
      if (hid.contains(j)) {
        assertTrue(inBand, "hidden feature " + j + " is in the biactive band");
      }
      expectedBiactive += inBand ? 1 : 0;
    }
    assertEquals(expectedBiactive, nul.biactive(), "biactive count of the oracle");
    assertEquals(0, nul.selectedBiactive());
    for (int j : hidden) {
      assertEquals(0.0, nul.gradient()[j], 0.0, "null-policy subgradient of hidden feature " + j);
    }
    FoldContribution sc = oracleAt(fold, criterion, solver,
        band.withPolicy(BiactivePolicy.SELF_CONSISTENT), w);
    assertEquals(nul.value(), sc.value(), 0.0);
    assertEquals(nul.biactive(), sc.biactive());
    assertTrue(sc.selectedBiactive() > 0, "SC selects biactive coordinates");
    assertTrue(norm(sc.gradient(), hidden) > 0.0, "SC subgradient on the hidden features");
  }

  /** Algorithm 1 at penalties w from a cold start; the solve must converge. */
  static FoldContribution oracleAt(FoldProblem fold, UpperCriterion criterion,
      ProximalCoordinateDescent solver, OracleOptions options, double[] w) {
    FoldOutcome out = BilevelObjective.evaluateFold(fold, criterion, solver,
        new SubgradientOracle(options), w, true, FoldState.cold(w.length));
    assertTrue(out.converged());
    return out.contribution();
  }

  /** ‖v restricted to idx‖₂. */
  static double norm(double[] v, int[] idx) {
    double s = 0.0;
    for (int j : idx) {
      s += v[j] * v[j];
    }
    return Math.sqrt(s);
  }
}
