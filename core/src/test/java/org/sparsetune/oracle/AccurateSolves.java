package org.sparsetune.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.ProximalCoordinateDescent;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.WarmStart;
import org.sparsetune.testing.BilevelProblems.Bilevel;

/**
 * Lower-level solves to {@link OracleTolerances#LOWER_LEVEL_KKT}, certified by an independent
 * recomputation of the KKT violation, and the oracle and Φ evaluated at them.
 */
final class AccurateSolves {
  private AccurateSolves() {}

  /** Proximal coordinate descent at tolerance {@link OracleTolerances#LOWER_LEVEL_KKT}. */
  static final ProximalCoordinateDescent SOLVER =
      new ProximalCoordinateDescent(
          SolverOptions.DEFAULTS.withTolerance(OracleTolerances.LOWER_LEVEL_KKT));

  /** Solves {@code problem} and asserts convergence, recomputing the violation with {@link Kkt}. */
  static SolverResult solve(LowerLevelProblem problem, WarmStart warm) {
    SolverResult r = SOLVER.solve(problem, warm);
    double kkt = Kkt.maxViolation(problem, r.coefficients(), r.intercept());
    assertTrue(
        r.converged() && kkt <= 2 * OracleTolerances.LOWER_LEVEL_KKT,
        "lower level not solved: " + r.termination() + ", KKT " + kkt);
    return r;
  }

  /** Solves the training problem of {@code b} cold. */
  static SolverResult solve(Bilevel b) {
    return solve(b.train(), WarmStart.COLD);
  }

  /** The oracle with {@code options} at the solution {@code lower} of {@code b}. */
  static OracleResult oracle(Bilevel b, SolverResult lower, OracleOptions options) {
    return new SubgradientOracle(options)
        .evaluate(b.train(), lower, b.valDesign(), b.valLabels(), b.criterion(), null);
  }

  /** The reference at the solution {@code lower} of {@code b}, with the oracle's γ and band. */
  static Corollary13Reference.Result reference(
      Bilevel b, SolverResult lower, OracleOptions options, double gamma) {
    return Corollary13Reference.evaluate(
        b.train(),
        lower.coefficients(),
        lower.intercept(),
        b.valDesign(),
        b.valLabels(),
        b.criterion(),
        options.policy(),
        gamma,
        options.biactiveTolRel(),
        options.biactiveTolAbs());
  }

  /** Φ = L(y*) at the solution {@code lower} of {@code b}, by the reference's own loops. */
  static double phi(Bilevel b, SolverResult lower) {
    return Corollary13Reference.heldOutValue(
        b.valDesign(), b.valLabels(), lower.coefficients(), lower.intercept(), b.criterion());
  }

  /** max_j |u_j - v_j|. */
  static double maxAbsDiff(double[] u, double[] v) {
    double m = 0.0;
    for (int j = 0; j < u.length; j++) {
      m = Math.max(m, Math.abs(u[j] - v[j]));
    }
    return m;
  }

  /** ||v||_∞. */
  static double maxAbs(double[] v) {
    double m = 0.0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }
}
