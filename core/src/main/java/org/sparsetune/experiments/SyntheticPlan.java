package org.sparsetune.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The units of Experiments 2–4 (paper sections 5.2–5.4) at two scales: {@code paper}, the paper's
 * full grids, and {@code smoke}, one small configuration per experiment with fewer seeds and
 * iterations (a few seconds of compute; what CI runs). The order is deterministic.
 */
public final class SyntheticPlan {
  /** Experiment 2 methods: the scalar elastic-net grid and weighted NTRBA-SC. */
  public static final List<String> EXP2_METHODS = List.of("scalar-grid", "ntrba-sc");
  /** Experiment 3: the 2 × 2 oracle × optimizer ablation. */
  public static final List<String> EXP3_METHODS =
      List.of("nba-null", "nba-sc", "ntrba-null", "ntrba-sc");
  /** Experiment 4: scalar ℓ1 grid, Sparse-HO (null oracle + NBA), NTRBA-SC. */
  public static final List<String> EXP4_METHODS = List.of("scalar-grid", "sparse-ho", "ntrba-sc");

  /** The two scales. */
  public enum Scale {
    /** One small configuration, two seeds, few iterations. */
    SMOKE,
    /** The paper's grids, seeds and iteration budgets. */
    PAPER;

    /** Parses {@code smoke} or {@code paper}. */
    public static Scale parse(String s) {
      return switch (s.toLowerCase(Locale.ROOT)) {
        case "smoke" -> SMOKE;
        case "paper" -> PAPER;
        default -> throw new IllegalArgumentException(
            "unknown --scale '" + s + "': expected smoke or paper");
      };
    }
  }

  private SyntheticPlan() {}

  /** Experiment 5 (real data) methods: scalar ℓ1 grid, Sparse-HO, NTRBA-SC and the product's auto. */
  public static final List<String> EXP5_METHODS =
      List.of("scalar-grid", "sparse-ho", "ntrba-sc", "auto");

  /** Experiment 5 Setting 1 methods (Table 5): scalar ℓ1 grid, Sparse-HO, NTRBA-SC. */
  public static final List<String> EXP5_SEMI_METHODS =
      List.of("scalar-grid", "sparse-ho", "ntrba-sc");

  /** The names this plan knows. */
  public static final List<String> EXPERIMENTS =
      List.of("exp2", "exp3", "exp4", "exp5-real", "exp5-semi");

  /** Whether an experiment runs on real data sets (Experiment 5). */
  public static boolean onRealData(String experiment) {
    return experiment.equals("exp5-real") || experiment.equals("exp5-semi");
  }

  /**
   * Where an Experiment 5 variant's default data sets live: {@link #defaultDataPaths(Scale,
   * String)} for exp5-real; w8a only for exp5-semi (the text sets come from {@code featurize}).
   */
  public static Map<String, String> defaultDataPaths(String experiment, Scale scale, String dir) {
    Map<String, String> all = defaultDataPaths(scale, dir);
    if (experiment.equals("exp5-semi")) {
      return new LinkedHashMap<>(Map.of("w8a", all.get("w8a")));
    }
    return all;
  }

  /** The real data sets of Experiment 5 found in a data folder by default, in table order. */
  public static final List<String> DEFAULT_REAL_DATASETS = List.of("phishing", "mnist01", "w8a");

  /**
   * Where the default real data sets live: at {@code smoke} the bundled samples
   * ({@code DIR/NAME-sample.libsvm[.xz]}, DIR = data-samples), at {@code paper} the full files of
   * the shared data folder ({@code DIR/phishing.xz}, {@code DIR/mnist01_train.libsvm.xz},
   * {@code DIR/w8a.xz}).
   */
  public static Map<String, String> defaultDataPaths(Scale scale, String dir) {
    String d = dir.replaceAll("/+$", "");
    Map<String, String> m = new LinkedHashMap<>();
    if (scale == Scale.SMOKE) {
      m.put("phishing", d + "/phishing-sample.libsvm");
      m.put("mnist01", d + "/mnist01-sample.libsvm.xz");
      m.put("w8a", d + "/w8a-sample.libsvm");
    } else {
      m.put("phishing", d + "/phishing.xz");
      m.put("mnist01", d + "/mnist01_train.libsvm.xz");
      m.put("w8a", d + "/w8a.xz");
    }
    return m;
  }

  /**
   * The units of Experiment 5 Setting 2 on the given data sets (name → path, in table order):
   * {@link #EXP5_METHODS} × seeds (3 at {@code paper}, 1 at {@code smoke}) with 60 outer
   * iterations (5 at {@code smoke}), unless {@code maxIterations} &gt; 0 says otherwise.
   */
  public static List<SyntheticUnit> realUnits(Scale scale, Map<String, String> datasets,
      int maxIterations) {
    return dataUnits("exp5-real", scale, datasets, maxIterations);
  }

  /**
   * The units of an Experiment 5 variant on the given data sets (name → path, in table order):
   * exp5-real ({@link #EXP5_METHODS}, 3 seeds at paper scale) or exp5-semi
   * ({@link #EXP5_SEMI_METHODS}, 5 seeds, as the paper's Table 5); one seed at smoke scale; 60
   * outer iterations (5 at smoke) unless {@code maxIterations} &gt; 0.
   */
  public static List<SyntheticUnit> dataUnits(String experiment, Scale scale,
      Map<String, String> datasets, int maxIterations) {
    if (!onRealData(experiment)) {
      throw new IllegalArgumentException(experiment + " does not run on data sets");
    }
    if (datasets.isEmpty()) {
      throw new IllegalArgumentException(experiment + " needs at least one data set");
    }
    boolean paper = scale == Scale.PAPER;
    boolean semi = experiment.equals("exp5-semi");
    List<String> methods = semi ? EXP5_SEMI_METHODS : EXP5_METHODS;
    int seeds = paper ? (semi ? 5 : 3) : 1;
    int iters = maxIterations > 0 ? maxIterations : paper ? 60 : 5;
    List<SyntheticUnit> out = new ArrayList<>();
    for (Map.Entry<String, String> d : datasets.entrySet()) {
      if (!d.getKey().matches("[A-Za-z0-9][A-Za-z0-9_.]*")) {
        throw new IllegalArgumentException("data set name '" + d.getKey()
            + "': use letters, digits, '_' and '.' only");
      }
      for (long s = 0; s < seeds; s++) {
        for (String m : methods) {
          out.add(SyntheticUnit.onData(experiment, d.getKey(), d.getValue(), s, m, iters));
        }
      }
    }
    return List.copyOf(out);
  }

  /** Every unit of an experiment at a scale, with the scale's iteration budget. */
  public static List<SyntheticUnit> units(String experiment, Scale scale) {
    return units(experiment, scale, 0);
  }

  /**
   * Every unit of an experiment at a scale.
   *
   * @param maxIterations the outer-iteration budget of the bilevel methods, or 0 for the scale's
   *     (the paper's at {@code paper})
   */
  public static List<SyntheticUnit> units(String experiment, Scale scale, int maxIterations) {
    if (maxIterations < 0) {
      throw new IllegalArgumentException("--max-iter must be at least 1, got " + maxIterations);
    }
    if (onRealData(experiment)) {
      return dataUnits(experiment, scale, defaultDataPaths(experiment, scale,
          scale == Scale.SMOKE ? "data-samples" : "../shared/data"), maxIterations);
    }
    List<SyntheticUnit> planned = plan(experiment, scale);
    if (maxIterations == 0) {
      return planned;
    }
    return planned.stream().map(u -> new SyntheticUnit(u.experiment(), u.n(), u.p(), u.rho(),
        u.nOverP(), u.nnz(), u.seed(), u.method(), maxIterations)).toList();
  }

  private static List<SyntheticUnit> plan(String experiment, Scale scale) {
    boolean paper = scale == Scale.PAPER;
    List<SyntheticUnit> out = new ArrayList<>();
    switch (experiment) {
      case "exp2" -> {
        int[] ps = paper ? new int[] {100, 200} : new int[] {100};
        double[] ratios = paper ? new double[] {0.8, 1.0} : new double[] {1.0};
        double[] nnzs = paper ? new double[] {0.02, 0.05, 0.10} : new double[] {0.05};
        int seeds = paper ? 10 : 2;
        int iters = paper ? 50 : 15;
        for (int p : ps) {
          for (double r : ratios) {
            for (double z : nnzs) {
              int n = (int) Math.round(r * p);
              for (long s = 0; s < seeds; s++) {
                for (String m : EXP2_METHODS) {
                  out.add(new SyntheticUnit("exp2", n, p, Double.NaN, r, z, s, m, iters));
                }
              }
            }
          }
        }
      }
      case "exp3" -> {
        int[] ps = paper ? new int[] {250, 500, 1000} : new int[] {250};
        int seeds = paper ? 5 : 2;
        int iters = paper ? 100 : 20;
        for (int p : ps) {
          int n = (2 * p) / 3;
          for (long s = 0; s < seeds; s++) {
            for (String m : EXP3_METHODS) {
              out.add(new SyntheticUnit("exp3", n, p, 0.95, Double.NaN, Double.NaN, s, m, iters));
            }
          }
        }
      }
      case "exp4" -> {
        int[][] np = paper ? new int[][] {{100, 150}, {200, 300}, {500, 750}}
            : new int[][] {{100, 150}};
        double[] rhos = paper ? new double[] {0.90, 0.95, 0.98} : new double[] {0.95};
        int seeds = paper ? 5 : 2;
        int iters = paper ? 60 : 15;
        for (double rho : rhos) {
          for (int[] c : np) {
            for (long s = 0; s < seeds; s++) {
              for (String m : EXP4_METHODS) {
                out.add(new SyntheticUnit("exp4", c[0], c[1], rho, Double.NaN, Double.NaN, s, m,
                    iters));
              }
            }
          }
        }
      }
      default -> throw new IllegalArgumentException(
          "unknown experiment '" + experiment + "': expected one of " + EXPERIMENTS);
    }
    return List.copyOf(out);
  }
}
