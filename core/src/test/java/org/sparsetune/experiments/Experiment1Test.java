package org.sparsetune.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsetune.experiments.DiagonalBilevel.OuterStep;
import org.sparsetune.oracle.BiactivePolicy;
import org.sparsetune.report.Charts;
import org.sparsetune.report.CsvTable;

/**
 * Experiment 1 (§5.1): the numbers of both panels against their closed forms (derived in {@link
 * Experiment1}'s Javadoc), and the files {@link Experiment1#run} writes.
 */
class Experiment1Test {
  /** Absolute: L(y*(x⁰)) = ½(0.05² + 1.2²) = 0.72125, from a solve at KKT 1e-14. */
  private static final double INITIAL_LOSS_ABS = 1e-14;
  /** Absolute: h₂(x⁰) = 1.2 · 1.2 under the self-consistent policy, from a 2 × 2 Cholesky solve. */
  private static final double INITIAL_H2_ABS = 1e-10;
  /** Absolute: SC iterates against the closed-form recursion w ← w·exp(-w²), ten steps. */
  private static final double TRAJECTORY_ABS = 1e-12;
  /** Absolute: panel (a)'s FB residual at y*, for every γ. */
  private static final double FB_RESIDUAL_ABS = 1e-15;

  private static Experiment1.PanelB panelB;

  @BeforeAll
  static void runPanelB() {
    panelB = Experiment1.panelB();
  }

  /** k = 0: y* = (0.05, 0, 0), coordinate 2 biactive, L = 0.72125, for both policies. */
  @Test
  void startingPointIsBiactive() {
    for (BiactivePolicy p : BiactivePolicy.values()) {
      OuterStep s = panelB.of(p).get(0);
      assertArrayEquals(new double[] {0.05, 0.0, 0.0}, s.coefficients(), 1e-15);
      assertEquals(0.0, s.coefficients()[1]);
      assertEquals(1, s.biactive(), p.toString());
      assertEquals(0.72125, s.loss(), INITIAL_LOSS_ABS);
      assertEquals(1.2, s.penalty(Experiment1.MOVING), 1e-15);
    }
  }

  /** Null policy: h₂ = 0 exactly at every iterate, so x₂ and the loss never move. */
  @Test
  void nullPolicyStarves() {
    List<OuterStep> run = panelB.nullPolicy();
    assertEquals(Experiment1.ITERATIONS + 1, run.size());
    OuterStep first = run.get(0);
    for (OuterStep s : run) {
      assertEquals(0.0, s.subgradient()[Experiment1.MOVING], s.k() + "");
      assertEquals(first.logPenalties()[Experiment1.MOVING], s.logPenalties()[Experiment1.MOVING], 0.0);
      assertEquals(first.loss(), s.loss(), 0.0);
      assertEquals(0, s.selectedBiactive());
      assertEquals(0.72125, s.loss(), INITIAL_LOSS_ABS);
    }
  }

  /**
   * Self-consistent policy: h₂(x⁰) = 1.44, then the loss decreases strictly at every step and the
   * iterates follow the closed form w₁ = 1.2·e^{-1.44}, w_{k+1} = w_k·exp(-w_k²), L_k = ½(0.05² + w_k²).
   */
  @Test
  void selfConsistentPolicyEscapes() {
    List<OuterStep> run = panelB.selfConsistent();
    assertEquals(Experiment1.ITERATIONS + 1, run.size());
    assertEquals(1.44, run.get(0).subgradient()[Experiment1.MOVING], INITIAL_H2_ABS);
    assertEquals(1, run.get(0).selectedBiactive());
    for (int k = 1; k < run.size(); k++) {
      assertTrue(run.get(k).loss() < run.get(k - 1).loss(), "k = " + k);
    }
    double w = 1.2 * Math.exp(-1.44);
    assertEquals(0.5 * (0.0025 + w * w), run.get(1).loss(), TRAJECTORY_ABS);
    assertEquals(0.0417, run.get(1).loss(), 5e-5);
    for (int k = 1; k < run.size(); k++) {
      OuterStep s = run.get(k);
      assertEquals(w, s.penalty(Experiment1.MOVING), TRAJECTORY_ABS, "k = " + k);
      assertEquals(1.2 - w, s.coefficients()[Experiment1.MOVING], TRAJECTORY_ABS, "k = " + k);
      assertEquals(0.5 * (0.0025 + w * w), s.loss(), TRAJECTORY_ABS, "k = " + k);
      assertEquals(w * w, s.subgradient()[Experiment1.MOVING], TRAJECTORY_ABS, "k = " + k);
      assertEquals(0, s.biactive(), "k = " + k);
      w *= Math.exp(-w * w);
    }
  }

  /** Panel (a) through the experiment's own numbers. */
  @Test
  void panelANumbers() {
    Experiment1.PanelA a = Experiment1.panelA();
    assertArrayEquals(new double[] {0.2, 0.0}, a.exactMinimizer(), 1e-15);
    assertEquals(Experiment1.GAMMAS.length, a.fbChecks().size());
    for (Experiment1.FbCheck c : a.fbChecks()) {
      assertTrue(c.residual() <= FB_RESIDUAL_ABS, "gamma " + c.gamma() + ": " + c.residual());
    }
    double previous = 0.0;
    for (Experiment1.SmoothedMinimizer m : a.smoothed()) {
      assertTrue(m.minimizer()[1] > previous, "mu " + m.mu());
      assertTrue(m.distanceToExact() >= m.minimizer()[1]);
      assertTrue(m.fbResidual() > 0.05);
      previous = m.minimizer()[1];
    }
    // The slice contains y₂ = 0, where the exact curve takes its minimum.
    int zero = -Experiment1.SLICE_FIRST;
    assertEquals(0.0, a.sliceY2()[zero]);
    for (double v : a.sliceExact()) {
      assertTrue(v >= a.sliceExact()[zero]);
    }
  }

  /** run() writes six files; the CSVs read back with their headers and sizes, the PNGs decode. */
  @Test
  void runWritesEveryFile(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("exp1");
    Experiment1.Result r = Experiment1.run(out);
    assertEquals(List.of(Experiment1.PANEL_A_CSV, Experiment1.PANEL_A_MINIMIZERS_CSV, Experiment1.PANEL_A_PNG,
        Experiment1.PANEL_B_CSV, Experiment1.PANEL_B_PNG, Experiment1.PANEL_B_PENALTY_PNG),
        r.files().stream().map(p -> p.getFileName().toString()).collect(Collectors.toList()));
    assertEquals(0.72125, r.nullFinalLoss(), INITIAL_LOSS_ABS);
    assertEquals(1.44, r.selfConsistentInitialH2(), INITIAL_H2_ABS);
    assertTrue(r.selfConsistentFinalLoss() < 0.0417);
    assertTrue(r.maxFbResidual() <= FB_RESIDUAL_ABS);

    int slice = Experiment1.SLICE_LAST - Experiment1.SLICE_FIRST + 1;
    CsvTable a = CsvTable.read(out.resolve(Experiment1.PANEL_A_CSV));
    assertEquals(Experiment1.PANEL_A_HEADER, a.header());
    assertEquals(slice * (1 + Experiment1.MUS.length), a.rowCount());
    assertEquals("exact", a.get(0, "curve"));

    CsvTable m = CsvTable.read(out.resolve(Experiment1.PANEL_A_MINIMIZERS_CSV));
    assertEquals(Experiment1.PANEL_A_MINIMIZERS_HEADER, m.header());
    assertEquals(1 + Experiment1.MUS.length + Experiment1.GAMMAS.length, m.rowCount());
    for (int i = 0; i < m.rowCount(); i++) {
      if (m.get(i, "kind").equals("fb")) {
        assertTrue(m.getDouble(i, "fb_residual") <= FB_RESIDUAL_ABS);
      }
    }

    CsvTable b = CsvTable.read(out.resolve(Experiment1.PANEL_B_CSV));
    assertEquals(Experiment1.PANEL_B_HEADER, b.header());
    assertEquals(2 * (Experiment1.ITERATIONS + 1), b.rowCount());
    assertEquals("null", b.get(0, "policy"));
    assertEquals(0.0, b.getDouble(0, "h2"));
    assertEquals("sc", b.get(Experiment1.ITERATIONS + 1, "policy"));
    assertEquals(1.44, b.getDouble(Experiment1.ITERATIONS + 1, "h2"), INITIAL_H2_ABS);

    for (String png : List.of(Experiment1.PANEL_A_PNG, Experiment1.PANEL_B_PNG, Experiment1.PANEL_B_PENALTY_PNG)) {
      BufferedImage img = ImageIO.read(out.resolve(png).toFile());
      assertNotNull(img, png);
      assertEquals(Charts.DEFAULT_WIDTH, img.getWidth(), png);
      assertEquals(Charts.DEFAULT_HEIGHT, img.getHeight(), png);
    }

    // A second run replaces the files in place and leaves no temporary file behind.
    Experiment1.run(out);
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(out)) {
      s.forEach(p -> names.add(p.getFileName().toString()));
    }
    names.sort(null);
    List<String> expected = new ArrayList<>();
    r.files().forEach(p -> expected.add(p.getFileName().toString()));
    expected.sort(null);
    assertEquals(expected, names);
  }
}
