package org.sparsetune.experiments;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsetune.oracle.BiactivePolicy;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.report.Charts;
import org.sparsetune.report.Charts.LineChart;
import org.sparsetune.report.Charts.Series;
import org.sparsetune.report.CsvTable;
import org.sparsetune.solver.ProximalCoordinateDescent;
import org.sparsetune.solver.SolverOptions;

/**
 * Experiment 1 of the paper (§5.1, Figure 2): a minimal example of FB exactness and gradient
 * starvation, in two panels.
 *
 * <p><b>Panel (a), lower-level geometry.</b> {@code min_y ½||y - d||² + Σ_j 0.6|y_j|} with d =
 * (0.8, 0.5) ({@link DiagonalWeightedL1}): the exact minimizer is y* = (S(0.8, 0.6), S(0.5, 0.6))
 * = (0.2, 0). The smoothed objectives {@code φ_μ}, with |t| replaced by {@code sqrt(t² + μ²) - μ}
 * for μ ∈ {0.05, 0.1, 0.2, 0.4}, are minimized numerically; their minimizers have y₂ &gt; 0,
 * growing with μ. The FB fixed-point residual {@code ||y* - T_γ(y*)||} is computed for
 * γ ∈ {0.01, 0.1, 0.25, 0.5, 0.75, 1} and is zero up to rounding for each. The curves are drawn along the slice y₁ = y₁* (φ and φ_μ are
 * separable, so the slice's minimizer in y₂ is the full minimizer's y₂).
 *
 * <p><b>Panel (b), outer trajectory.</b> The 3-D diagonal bilevel instance ({@link
 * DiagonalBilevel}) with d_train = (0.4, 1.2, 0), d_val = (0, 1.2, 0) and exp(x⁰) = (0.35, 1.20,
 * 2.00); only x₂ moves, {@code x₂ ← x₂ - η h₂} with η = 1, ten updates, for the null and the
 * self-consistent biactive policies, with {@link ProximalCoordinateDescent} at tolerance 1e-14 and
 * {@link org.sparsetune.oracle.SubgradientOracle} with a relative biactive band of 1e-8.
 *
 * <p>Expected values (all from the closed form S(d_train, exp(x))):
 *
 * <ul>
 *   <li>k = 0: y* = (0.4 - 0.35, max(1.2 - 1.2, 0), max(0 - 2, 0)) = (0.05, 0, 0); coordinate 2
 *       is biactive (|d₂| equals its penalty 1.2, so y₂ = 0 and the FB point sits exactly on the
 *       threshold); L = ½(0.05² + 1.2²) = ½(0.0025 + 1.44) = 0.72125.
 *   <li>Null policy (Sparse-HO): the working set is the support {1}; coordinate 2 is not in it, so
 *       h₂ = 0 and x₂ never moves: L stays 0.72125 at every k.
 *   <li>Self-consistent policy: z₂ = ∂L/∂y₂ = y₂ - 1.2 = -1.2 &lt; 0 at a B⁺ coordinate, so
 *       coordinate 2 is selected with σ₂ = +1. The reduced Hessian is the identity, so γq₂ =
 *       -z₂ = 1.2 and h₂ = exp(x₂)·σ₂·γq₂ = 1.2·1.2 = 1.44 (σ₂q₂ &gt; 0: kept by Definition 2).
 *       Then exp(x₂¹) = 1.2·e^{-1.44} ≈ 0.28431, y₂ = 1.2 - 0.28431 ≈ 0.91569 and
 *       L = ½(0.0025 + 0.28431²) ≈ 0.041667.
 *   <li>From k = 1 on, coordinate 2 is in the support, h₂ = exp(x₂)·(1.2 - y₂) = exp(x₂)², so the
 *       penalty follows w ← w·exp(-w²) and L = ½(0.0025 + w²) keeps decreasing towards 0.00125.
 * </ul>
 *
 * <p>{@link #run(Path)} writes {@value #PANEL_A_CSV}, {@value #PANEL_A_MINIMIZERS_CSV},
 * {@value #PANEL_A_PNG}, {@value #PANEL_B_CSV}, {@value #PANEL_B_PNG} and {@value
 * #PANEL_B_PENALTY_PNG}, each atomically.
 */
public final class Experiment1 {
  /** Panel (a): the target d. */
  static final double[] D = {0.8, 0.5};
  /** Panel (a): the penalty of both coordinates, exp(x) = (0.6, 0.6). */
  public static final double PENALTY = 0.6;
  /** Panel (a): the smoothing parameters μ. */
  static final double[] MUS = {0.05, 0.1, 0.2, 0.4};
  /** Panel (a): the FB steps γ, all in (0, 1/Λ_F] = (0, 1]. */
  static final double[] GAMMAS = {0.01, 0.1, 0.25, 0.5, 0.75, 1.0};
  /** Panel (a): the slice runs over y₂ = i / {@value} for i in [{@link #SLICE_FIRST}, {@link #SLICE_LAST}]. */
  public static final int SLICE_DIVISOR = 400;
  /** Panel (a): first slice index (y₂ = -0.3). */
  public static final int SLICE_FIRST = -120;
  /** Panel (a): last slice index (y₂ = 0.7). */
  public static final int SLICE_LAST = 280;
  /**
   * Panel (a): the γ at which the smoothed minimizers' FB residual is reported. Not γ = 1: F has
   * Hessian I here, so T_1(y) = S(d, w) = y* for every y and the residual at γ = 1 would merely
   * repeat the distance to y*.
   */
  public static final double SMOOTHED_RESIDUAL_GAMMA = 0.5;

  /** Panel (b): the training target. */
  static final double[] D_TRAIN = {0.4, 1.2, 0.0};
  /** Panel (b): the validation target. */
  static final double[] D_VAL = {0.0, 1.2, 0.0};
  /** Panel (b): the starting penalties exp(x⁰). */
  static final double[] PENALTIES_0 = {0.35, 1.20, 2.00};
  /** Panel (b): the index (0-based) of the only log-penalty that moves, x₂. */
  public static final int MOVING = 1;
  /** Panel (b): the outer step η. */
  public static final double ETA = 1.0;
  /** Panel (b): the number of outer updates. */
  public static final int ITERATIONS = 10;
  /** Panel (b): the lower-level KKT tolerance. */
  public static final double SOLVER_TOLERANCE = 1e-14;
  /** Panel (b): the relative width of the oracle's biactive band. */
  public static final double BIACTIVE_TOL_REL = 1e-8;

  /** Panel (a) slice values, one row per (curve, y₂). */
  public static final String PANEL_A_CSV = "exp1_panel_a.csv";
  /** Panel (a) minimizers and FB residuals. */
  public static final String PANEL_A_MINIMIZERS_CSV = "exp1_panel_a_minimizers.csv";
  /** Panel (a) figure. */
  public static final String PANEL_A_PNG = "exp1_panel_a.png";
  /** Panel (b) trajectories, one row per (policy, k). */
  public static final String PANEL_B_CSV = "exp1_panel_b.csv";
  /** Panel (b) figure: loss against iteration. */
  public static final String PANEL_B_PNG = "exp1_panel_b.png";
  /** Panel (b) companion figure: the penalty exp(x₂) against iteration. */
  public static final String PANEL_B_PENALTY_PNG = "exp1_panel_b_penalty.png";

  /** Columns of {@value #PANEL_A_CSV}. */
  public static final List<String> PANEL_A_HEADER = List.of("curve", "mu", "y1", "y2", "objective");
  /** Columns of {@value #PANEL_A_MINIMIZERS_CSV}. */
  public static final List<String> PANEL_A_MINIMIZERS_HEADER =
      List.of("kind", "parameter", "y1", "y2", "distance_to_exact", "fb_residual");
  /** Columns of {@value #PANEL_B_CSV}. */
  public static final List<String> PANEL_B_HEADER =
      List.of("k", "policy", "x2", "penalty", "y2", "loss", "h2", "biactive", "selected_biactive");

  private static final Color[] MU_COLORS = {
    new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0xd62728)
  };

  private Experiment1() {}

  /**
   * A smoothed minimizer of panel (a).
   *
   * @param mu the smoothing parameter
   * @param minimizer y*_μ
   * @param distanceToExact ||y*_μ - y*||
   * @param fbResidual ||y*_μ - T_γ(y*_μ)|| at γ = {@link #SMOOTHED_RESIDUAL_GAMMA}: nonzero, since
   *     y*_μ does not solve the original problem
   */
  public record SmoothedMinimizer(double mu, double[] minimizer, double distanceToExact, double fbResidual) {}

  /**
   * One FB fixed-point check of panel (a).
   *
   * @param gamma the step γ
   * @param image T_γ(y*)
   * @param residual ||y* - T_γ(y*)||
   */
  public record FbCheck(double gamma, double[] image, double residual) {}

  /**
   * Panel (a)'s numbers.
   *
   * @param exactMinimizer y* (soft-thresholding)
   * @param smoothed one entry per μ (0.05, 0.1, 0.2, 0.4)
   * @param fbChecks one entry per γ (0.01, 0.1, 0.25, 0.5, 0.75, 1)
   * @param sliceY2 the y₂ grid of the slice y₁ = y₁*
   * @param sliceExact φ on the slice
   * @param sliceSmoothed φ_μ on the slice, one row per μ
   */
  public record PanelA(
      double[] exactMinimizer,
      List<SmoothedMinimizer> smoothed,
      List<FbCheck> fbChecks,
      double[] sliceY2,
      double[] sliceExact,
      double[][] sliceSmoothed) {

    /** The largest FB residual over the γ checked. */
    public double maxFbResidual() {
      double m = 0.0;
      for (FbCheck c : fbChecks) {
        m = Math.max(m, c.residual());
      }
      return m;
    }
  }

  /**
   * Panel (b)'s trajectories, each with {@link #ITERATIONS} + 1 entries (k = 0..10).
   *
   * @param nullPolicy under {@link BiactivePolicy#NULL}
   * @param selfConsistent under {@link BiactivePolicy#SELF_CONSISTENT}
   */
  public record PanelB(List<DiagonalBilevel.OuterStep> nullPolicy, List<DiagonalBilevel.OuterStep> selfConsistent) {

    /** The trajectory of one policy. */
    public List<DiagonalBilevel.OuterStep> of(BiactivePolicy policy) {
      return policy == BiactivePolicy.NULL ? nullPolicy : selfConsistent;
    }
  }

  /**
   * What {@link #run} wrote and computed.
   *
   * @param outDir the output folder
   * @param files every file written, in order
   * @param panelA panel (a)'s numbers
   * @param panelB panel (b)'s trajectories
   */
  public record Result(Path outDir, List<Path> files, PanelA panelA, PanelB panelB) {
    /** Panel (a): max over γ of ||y* - T_γ(y*)|| (zero up to rounding). */
    public double maxFbResidual() {
      return panelA.maxFbResidual();
    }

    /** Panel (b): the loss of the null policy at its last iterate (= its first: 0.72125). */
    public double nullFinalLoss() {
      return last(panelB.nullPolicy()).loss();
    }

    /** Panel (b): h₂ of the self-consistent policy at k = 0 (1.44). */
    public double selfConsistentInitialH2() {
      return panelB.selfConsistent().get(0).subgradient()[MOVING];
    }

    /** Panel (b): the loss of the self-consistent policy at its last iterate. */
    public double selfConsistentFinalLoss() {
      return last(panelB.selfConsistent()).loss();
    }

    private static DiagonalBilevel.OuterStep last(List<DiagonalBilevel.OuterStep> s) {
      return s.get(s.size() - 1);
    }
  }

  /** Computes panel (a) (no files). */
  public static PanelA panelA() {
    DiagonalWeightedL1 problem = new DiagonalWeightedL1(D, new double[] {PENALTY, PENALTY});
    double[] exact = problem.exactMinimizer();
    List<SmoothedMinimizer> smoothed = new ArrayList<>();
    for (double mu : MUS) {
      double[] y = problem.smoothedMinimizer(mu);
      smoothed.add(new SmoothedMinimizer(mu, y, DiagonalWeightedL1.distance(y, exact),
          problem.fbResidual(y, SMOOTHED_RESIDUAL_GAMMA)));
    }
    List<FbCheck> checks = new ArrayList<>();
    for (double gamma : GAMMAS) {
      double[] t = problem.forwardBackward(exact, gamma);
      checks.add(new FbCheck(gamma, t, DiagonalWeightedL1.distance(exact, t)));
    }
    int m = SLICE_LAST - SLICE_FIRST + 1;
    double[] grid = new double[m];
    double[] exactCurve = new double[m];
    double[][] smoothCurves = new double[MUS.length][m];
    double[] y = new double[2];
    y[0] = exact[0];
    for (int i = 0; i < m; i++) {
      grid[i] = (double) (SLICE_FIRST + i) / SLICE_DIVISOR;
      y[1] = grid[i];
      exactCurve[i] = problem.objective(y);
      for (int s = 0; s < MUS.length; s++) {
        smoothCurves[s][i] = problem.smoothedObjective(y, MUS[s]);
      }
    }
    return new PanelA(exact, List.copyOf(smoothed), List.copyOf(checks), grid, exactCurve, smoothCurves);
  }

  /** Computes panel (b) (no files) with the project's solver and oracle. */
  public static PanelB panelB() {
    DiagonalBilevel instance = new DiagonalBilevel(D_TRAIN, D_VAL);
    double[] x0 = new double[PENALTIES_0.length];
    for (int j = 0; j < x0.length; j++) {
      x0[j] = Math.log(PENALTIES_0[j]);
    }
    ProximalCoordinateDescent solver =
        new ProximalCoordinateDescent(SolverOptions.DEFAULTS.withTolerance(SOLVER_TOLERANCE));
    List<DiagonalBilevel.OuterStep> nullRun = instance.coordinateDescent(x0, MOVING, ETA, ITERATIONS, solver,
        oracleOptions(BiactivePolicy.NULL));
    List<DiagonalBilevel.OuterStep> scRun = instance.coordinateDescent(x0, MOVING, ETA, ITERATIONS, solver,
        oracleOptions(BiactivePolicy.SELF_CONSISTENT));
    return new PanelB(nullRun, scRun);
  }

  /** The oracle options of panel (b) for one policy. */
  public static OracleOptions oracleOptions(BiactivePolicy policy) {
    return OracleOptions.DEFAULTS.withPolicy(policy).withBiactiveTolRel(BIACTIVE_TOL_REL);
  }

  /**
   * Computes both panels and writes the CSV tables and PNG figures into {@code outDir} (created
   * if missing; existing files of the same names are replaced atomically).
   *
   * @return the files written and the key numbers
   * @throws IOException when the folder or a file cannot be written
   */
  public static Result run(Path outDir) throws IOException {
    if (outDir == null) {
      throw new IllegalArgumentException("outDir must not be null");
    }
    Files.createDirectories(outDir);
    PanelA a = panelA();
    PanelB b = panelB();
    List<Path> files = new ArrayList<>();
    files.add(panelASliceTable(a).write(outDir.resolve(PANEL_A_CSV)));
    files.add(panelAMinimizerTable(a).write(outDir.resolve(PANEL_A_MINIMIZERS_CSV)));
    files.add(Charts.writePng(panelAChart(a), outDir.resolve(PANEL_A_PNG)));
    files.add(panelBTable(b).write(outDir.resolve(PANEL_B_CSV)));
    files.add(Charts.writePng(panelBLossChart(b), outDir.resolve(PANEL_B_PNG)));
    files.add(Charts.writePng(panelBPenaltyChart(b), outDir.resolve(PANEL_B_PENALTY_PNG)));
    return new Result(outDir, List.copyOf(files), a, b);
  }

  /** {@value #PANEL_A_CSV}: curve ("exact" or "smoothed"), mu (0 for exact), y1, y2, objective. */
  public static CsvTable panelASliceTable(PanelA a) {
    CsvTable t = CsvTable.withHeader(PANEL_A_HEADER.toArray(new String[0]));
    double y1 = a.exactMinimizer()[0];
    for (int i = 0; i < a.sliceY2().length; i++) {
      t.addRow("exact", 0.0, y1, a.sliceY2()[i], a.sliceExact()[i]);
    }
    for (int s = 0; s < MUS.length; s++) {
      for (int i = 0; i < a.sliceY2().length; i++) {
        t.addRow("smoothed", MUS[s], y1, a.sliceY2()[i], a.sliceSmoothed()[s][i]);
      }
    }
    return t;
  }

  /**
   * {@value #PANEL_A_MINIMIZERS_CSV}: one "exact" row (parameter 0, y*, distance 0, FB residual
   * at γ = {@link #SMOOTHED_RESIDUAL_GAMMA}), one "smoothed" row per μ (parameter μ, y*_μ,
   * ||y*_μ - y*||, ||y*_μ - T_γ(y*_μ)|| at the same γ) and one "fb" row per γ (parameter γ,
   * T_γ(y*), ||T_γ(y*) - y*||, the same residual).
   */
  public static CsvTable panelAMinimizerTable(PanelA a) {
    CsvTable t = CsvTable.withHeader(PANEL_A_MINIMIZERS_HEADER.toArray(new String[0]));
    double[] y = a.exactMinimizer();
    double exactResidual = new DiagonalWeightedL1(D, new double[] {PENALTY, PENALTY})
        .fbResidual(y, SMOOTHED_RESIDUAL_GAMMA);
    t.addRow("exact", 0.0, y[0], y[1], 0.0, exactResidual);
    for (SmoothedMinimizer s : a.smoothed()) {
      t.addRow("smoothed", s.mu(), s.minimizer()[0], s.minimizer()[1], s.distanceToExact(), s.fbResidual());
    }
    for (FbCheck c : a.fbChecks()) {
      t.addRow("fb", c.gamma(), c.image()[0], c.image()[1], c.residual(), c.residual());
    }
    return t;
  }

  /** {@value #PANEL_B_CSV}: one row per (policy, k), null policy first. */
  public static CsvTable panelBTable(PanelB b) {
    CsvTable t = CsvTable.withHeader(PANEL_B_HEADER.toArray(new String[0]));
    for (BiactivePolicy policy : List.of(BiactivePolicy.NULL, BiactivePolicy.SELF_CONSISTENT)) {
      for (DiagonalBilevel.OuterStep s : b.of(policy)) {
        t.addRow(s.k(), policy.cliName(), s.logPenalties()[MOVING], s.penalty(MOVING),
            s.coefficients()[MOVING], s.loss(), s.subgradient()[MOVING], s.biactive(), s.selectedBiactive());
      }
    }
    return t;
  }

  /** Panel (a)'s figure: φ and every φ_μ along y₂ with y₁ = y₁*, minimizers marked. */
  public static LineChart panelAChart(PanelA a) {
    LineChart c = LineChart.of(
        String.format(Locale.ROOT, "Experiment 1(a): exact vs smoothed lower-level objective, slice y\u2081 = %.1f",
            a.exactMinimizer()[0]),
        "y\u2082",
        "\u00bd||y \u2212 d||\u00b2 + 0.6 \u03a3 \u03c8(y_j)");
    double[] y = a.exactMinimizer();
    DiagonalWeightedL1 problem = new DiagonalWeightedL1(D, new double[] {PENALTY, PENALTY});
    c = c.with(Series.line(
            String.format(Locale.ROOT, "\u03c6 exact, \u03c8(t) = |t|: min at y\u2082 = %.3f, FB residual %s",
                y[1], a.maxFbResidual() == 0.0 ? "= 0"
                    : String.format(Locale.ROOT, "\u2264 %.0e", a.maxFbResidual())),
            a.sliceY2(), a.sliceExact())
        .withColor(Color.BLACK));
    c = c.with(Series.markers("exact minimizer", new double[] {y[1]}, new double[] {problem.objective(y)})
        .withColor(Color.BLACK).hiddenFromLegend());
    for (int s = 0; s < a.smoothed().size(); s++) {
      SmoothedMinimizer m = a.smoothed().get(s);
      Color color = MU_COLORS[s % MU_COLORS.length];
      c = c.with(Series.line(
              String.format(Locale.ROOT,
                  "\u03c6_\u03bc, \u03c8(t) = \u221a(t\u00b2 + \u03bc\u00b2) \u2212 \u03bc, \u03bc = %.2f: "
                      + "min at y\u2082 = %.3f",
                  m.mu(), m.minimizer()[1]),
              a.sliceY2(), a.sliceSmoothed()[s])
          .withColor(color));
      double[] onSlice = {y[0], m.minimizer()[1]};
      c = c.with(Series.markers("minimizer mu=" + m.mu(), new double[] {m.minimizer()[1]},
              new double[] {problem.smoothedObjective(onSlice, m.mu())})
          .withColor(color).hiddenFromLegend());
    }
    return c.withLegend(Charts.Legend.INSIDE_NW);
  }

  /** Panel (b)'s figure: the upper-level loss against k for both policies, log scale. */
  public static LineChart panelBLossChart(PanelB b) {
    return LineChart.of(
            "Experiment 1(b): upper-level loss, only x\u2082 updated (\u03b7 = 1)",
            "outer iteration k",
            "L(y*(x\u1d4f)) = \u00bd||y* \u2212 d_val||\u00b2  (log scale)")
        .with(Series.lineAndMarkers("null policy (Sparse-HO): h\u2082 = 0, stalls",
                iterations(b.nullPolicy()), losses(b.nullPolicy()))
            .withColor(new Color(0xd62728)))
        .with(Series.lineAndMarkers("self-consistent policy: h\u2082(x\u2070) = 1.44",
                iterations(b.selfConsistent()), losses(b.selfConsistent()))
            .withColor(new Color(0x1f77b4)))
        .withLogY(true)
        .withLegend(Charts.Legend.OUTSIDE_S);
  }

  /** Panel (b)'s companion figure: the penalty exp(x₂^k) against k for both policies. */
  public static LineChart panelBPenaltyChart(PanelB b) {
    return LineChart.of(
            "Experiment 1(b): penalty of the biactive feature",
            "outer iteration k",
            "exp(x\u2082\u1d4f)")
        .with(Series.lineAndMarkers("null policy (Sparse-HO)",
                iterations(b.nullPolicy()), penalties(b.nullPolicy()))
            .withColor(new Color(0xd62728)))
        .with(Series.lineAndMarkers("self-consistent policy",
                iterations(b.selfConsistent()), penalties(b.selfConsistent()))
            .withColor(new Color(0x1f77b4)))
        .withLegend(Charts.Legend.OUTSIDE_S);
  }

  private static double[] iterations(List<DiagonalBilevel.OuterStep> steps) {
    double[] k = new double[steps.size()];
    for (int i = 0; i < k.length; i++) {
      k[i] = steps.get(i).k();
    }
    return k;
  }

  private static double[] losses(List<DiagonalBilevel.OuterStep> steps) {
    double[] v = new double[steps.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = steps.get(i).loss();
    }
    return v;
  }

  private static double[] penalties(List<DiagonalBilevel.OuterStep> steps) {
    double[] v = new double[steps.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = steps.get(i).penalty(MOVING);
    }
    return v;
  }
}
