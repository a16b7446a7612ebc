package org.sparsetune.outer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.sparsetune.linalg.TopScores;

/**
 * NTRBA-wℓ₁, Algorithm 3 of the paper: a trust-region loop on Φ driven by the projected Cauchy
 * step {@code s = P_X(x - (Δ/||h||) h) - x}, predicted reduction {@code -⟨h, s⟩}, actual reduction
 * {@code Φ(x) - Φ(x + s)}, ratio ρ. A step is accepted when ρ ≥ η_accept; the radius expands
 * (× β_inc, at most Δ_max) only if ρ &gt; η_expand and ||s|| ≥ 0.95Δ, and shrinks (× β_dec, at
 * least Δ_min) on rejection. A rejected step leaves the objective's warm start where it was. The
 * trial point is evaluated with value and subgradient at once, so an accepted step costs one
 * lower-level solve per fold.
 *
 * <p><b>Parallel radii.</b> With {@code parallelRadii = m &gt; 1} the trial points for Δ, β_dec·Δ,
 * …, β_dec^{m-1}·Δ are evaluated together (one Spark job) and the largest accepted radius is
 * taken, as if the sequential algorithm had rejected the larger ones first; the radius then
 * continues from the accepted one.
 *
 * <p><b>Probing</b> (the {@code auto} method, docs/auto.md). A zero coordinate strictly inside
 * the active set (|∇_j F| &lt; w_j) has a zero subgradient, so no descent method can switch it on.
 * Moving its penalty down to the edge of the biactive band, {@code w_j = |∇_j F|(1 + band)},
 * leaves y*(x) and Φ(x) unchanged, but makes the coordinate biactive, where the self-consistent
 * oracle assigns it a nonzero subgradient exactly when switching it on lowers the held-out loss.
 * A probe moves up to {@code probeSize} such coordinates at once — those whose activation sign
 * −sign(∇_j F) agrees with the held-out gradient (z_j·sign(∇_j F) &gt; 0), best first by
 * {@code |z_j| / (slack_j + band)} with {@code slack_j = 1 - |∇_j F|/w_j} — and is kept only if
 * Φ did not increase. Probes run before the first step, after every rejected step and in place of
 * stopping on a small ||h||; every coordinate is probed at most once.
 */
public final class Ntrba {
  private final NtrbaOptions options;

  /** NTRBA with the given options. */
  public Ntrba(NtrbaOptions options) {
    this.options = options;
  }

  /** The options. */
  public NtrbaOptions options() {
    return options;
  }

  /**
   * Runs Algorithm 3 from x0 (projected onto the box).
   *
   * @param method the name recorded in the result (e.g. {@code ntrba-sc})
   */
  public OuterResult run(
      Objective f, double[] x0, Box box, IterationListener listener, String method) {
    return run(f, x0, box, listener, method, () -> false);
  }

  /**
   * Runs Algorithm 3 from x0 and also stops, with {@link StoppingReason#GUARD}, when {@code stop}
   * says so; it is asked before every iteration after the first, once the points accepted so
   * far have been passed to {@link Objective#accept} ({@code auto}'s early stopping on its guard
   * rows).
   *
   * @param method the name recorded in the result (e.g. {@code ntrba-sc})
   * @param stop the caller's stopping rule
   */
  public OuterResult run(Objective f, double[] x0, Box box, IterationListener listener,
      String method, BooleanSupplier stop) {
    long start = System.nanoTime();
    NtrbaOptions o = options;
    List<IterationRecord> trajectory = new ArrayList<>();
    Evaluation cur = f.evaluate(box.project(x0), true);
    f.accept(cur);
    int evaluations = 1;
    Evaluation best = cur;
    double radius = o.initialRadius();
    boolean[] probed = new boolean[f.dimension()];
    boolean probeNow = o.probing();
    StoppingReason reason = StoppingReason.BUDGET;
    int k = 0;
    while (k < o.maxIterations()) {
      if (k > 0 && stop.getAsBoolean()) {
        reason = StoppingReason.GUARD;
        break;
      }
      long it0 = System.nanoTime();
      double hn = cur.gradientNorm();
      if (o.probing() && (probeNow || hn < o.tolerance())) {
        probeNow = false;
        Evaluation pe = probe(f, cur, box, probed);
        if (pe != null) {
          evaluations++;
          boolean keep = pe.value() <= cur.value() + 1e-12 * Math.max(1.0, Math.abs(cur.value()));
          if (pe.value() < best.value()) {
            best = pe;
          }
          if (keep) {
            cur = pe;
            f.accept(pe);
            hn = cur.gradientNorm();
          }
          k++;
          record(trajectory, listener, new IterationRecord(k, "probe", cur.value(), best.value(),
              hn, radius, Double.NaN, Double.NaN, keep, cur.support(), cur.biactive(), evaluations,
              (System.nanoTime() - it0) * 1e-9));
          if (k >= o.maxIterations()) {
            break;
          }
          it0 = System.nanoTime();
        }
      }
      if (hn < o.tolerance()) {
        reason = StoppingReason.TOLERANCE;
        break;
      }
      double[] h = cur.gradient();
      double[] x = cur.x();
      int m = o.parallelRadii();
      double[] radii = new double[m];
      List<double[]> trials = new ArrayList<>();
      List<Integer> trialIndex = new ArrayList<>();
      double[] pred = new double[m];
      double[] stepNorm = new double[m];
      for (int i = 0; i < m; i++) {
        radii[i] = Math.max(o.minRadius(), radius * Math.pow(o.betaDec(), i));
        double[] trial = new double[x.length];
        double scale = radii[i] / hn;
        for (int j = 0; j < x.length; j++) {
          trial[j] = x[j] - scale * h[j];
        }
        trial = box.project(trial);
        double pr = 0.0;
        double sn = 0.0;
        for (int j = 0; j < x.length; j++) {
          double s = trial[j] - x[j];
          pr -= h[j] * s;
          sn += s * s;
        }
        pred[i] = pr;
        stepNorm[i] = Math.sqrt(sn);
        if (pr > 0.0 && stepNorm[i] >= o.stepEpsilon()) {
          trials.add(trial);
          trialIndex.add(i);
        }
      }
      if (stepNorm[0] < o.stepEpsilon()) {
        reason = StoppingReason.STEP;
        break;
      }
      List<Evaluation> results = trials.isEmpty() ? List.of() : f.evaluateAll(trials, true);
      evaluations += results.size();
      int acceptedAt = -1;
      double rhoAccepted = Double.NaN;
      double rhoFirst = Double.NaN;
      Evaluation acceptedEval = null;
      for (int t = 0; t < results.size(); t++) {
        Evaluation e = results.get(t);
        int i = trialIndex.get(t);
        double rho = (cur.value() - e.value()) / pred[i];
        if (t == 0) {
          rhoFirst = rho;
        }
        if (e.value() < best.value()) {
          best = e;
        }
        if (acceptedAt < 0 && rho >= o.etaAccept()) {
          acceptedAt = i;
          rhoAccepted = rho;
          acceptedEval = e;
        }
      }
      k++;
      boolean accepted = acceptedAt >= 0;
      if (accepted) {
        cur = acceptedEval;
        f.accept(cur);
        double r = radii[acceptedAt];
        radius = (rhoAccepted > o.etaExpand() && stepNorm[acceptedAt] >= 0.95 * r)
            ? Math.min(o.maxRadius(), o.betaInc() * r)
            : r;
      } else {
        radius = Math.max(o.minRadius(), o.betaDec() * radii[m - 1]);
        probeNow = o.probing();
      }
      record(trajectory, listener, new IterationRecord(k, "ntrba", cur.value(), best.value(), hn,
          accepted ? radii[acceptedAt] : radii[0], accepted ? stepNorm[acceptedAt] : stepNorm[0],
          accepted ? rhoAccepted : rhoFirst, accepted, cur.support(), cur.biactive(), evaluations,
          (System.nanoTime() - it0) * 1e-9));
      if (!accepted && radius <= o.minRadius()) {
        reason = StoppingReason.RADIUS;
        break;
      }
    }
    Evaluation fin = Outer.finalSolve(f, best);
    return new OuterResult(method, fin, k, evaluations + 1, reason, List.copyOf(trajectory),
        (System.nanoTime() - start) * 1e-9);
  }

  private Evaluation probe(Objective f, Evaluation cur, Box box, boolean[] probed) {
    double[] g = cur.trainGradient();
    double[] z = cur.validationGradient();
    double[] x = cur.x();
    int p = x.length;
    double band = options.probeBand();
    int want = options.probeSize();
    int[] chosen = new int[want];
    double[] score = new double[want];
    int count = 0;
    for (int j = 0; j < p; j++) {
      if (probed[j] || g[j] == 0.0) {
        continue;
      }
      double w = Math.exp(x[j]);
      double slack = 1.0 - Math.abs(g[j]) / w;
      if (!(slack > 2.0 * band) || z[j] * Math.signum(g[j]) <= 0.0) {
        continue; // in the support, already near the band, or switching on would not help
      }
      double target = Math.log(Math.abs(g[j]) * (1.0 + band));
      if (target < box.lower()[j]) {
        continue;
      }
      double s = Math.abs(z[j]) / (slack + band);
      count = TopScores.offer(chosen, score, count, j, s); // the `want` best scores
    }
    if (count == 0) {
      return null;
    }
    double[] xp = x.clone();
    for (int q = 0; q < count; q++) {
      int j = chosen[q];
      probed[j] = true;
      xp[j] = Math.log(Math.abs(g[j]) * (1.0 + band));
    }
    return f.evaluate(xp, true);
  }

  private static void record(
      List<IterationRecord> trajectory, IterationListener listener, IterationRecord r) {
    trajectory.add(r);
    listener.onIteration(r);
  }
}
