package org.sparsetune.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparsetune.testing.RandomProblems;
import org.sparsetune.testing.RandomProblems.Spec;

/**
 * {@link ProximalCoordinateDescent}: the {@link LowerLevelSolverContract}, plus what is specific
 * to this solver (its default options, its pass accounting, working sets smaller than the
 * support).
 */
class ProximalCoordinateDescentTest extends LowerLevelSolverContract {

  @Override
  protected LowerLevelSolver solver(SolverOptions options) {
    return new ProximalCoordinateDescent(options);
  }

  /** The no-argument constructor runs with {@link SolverOptions#DEFAULTS} (tolerance 1e-8). */
  @ParameterizedTest
  @EnumSource(Loss.class)
  void defaultConstructorUsesDefaultOptions(Loss loss) {
    ProximalCoordinateDescent s = new ProximalCoordinateDescent();
    assertEquals(SolverOptions.DEFAULTS, s.options());
    LowerLevelProblem problem = standardProblem(loss, 1.0, true, 21).dense();
    SolverResult r = s.solve(problem, WarmStart.COLD);
    assertConverged(problem, r, SolverOptions.DEFAULTS);
    assertTrue(r.kktViolation() <= 1e-8);
  }

  /** A non-finite warm start ends the solve as NON_FINITE instead of producing numbers. */
  @Test
  void nonFiniteWarmStartIsReported() {
    LowerLevelProblem problem = standardProblem(Loss.QUADRATIC, 1.0, false, 24).dense();
    double[] start = new double[P];
    start[3] = Double.NaN;
    SolverResult r = solver(DEFAULT).solve(problem, new WarmStart(start, 0.0));
    assertEquals(Termination.NON_FINITE, r.termination());
    assertTrue(!r.converged());
  }

  @Test
  void nullOptionsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new ProximalCoordinateDescent(null));
  }

  /**
   * Convergence is only ever declared after a check over all p features (a full pass); the passes
   * stay within the budget.
   */
  @ParameterizedTest
  @EnumSource(Loss.class)
  void convergenceIsCertifiedByAFullPass(Loss loss) {
    SolverOptions options = DEFAULT.withMaxPasses(500);
    for (boolean intercept : new boolean[] {false, true}) {
      LowerLevelProblem problem = standardProblem(loss, 0.25, intercept, 22).csc();
      SolverResult r = solver(options).solve(problem, WarmStart.COLD);
      assertConverged(problem, r, options);
      assertTrue(r.fullPasses() >= 1, "full passes " + r.fullPasses());
      assertTrue(r.passes() >= 1 && r.passes() <= options.maxPasses(), "passes " + r.passes());
    }
  }

  /**
   * A working set that starts at one feature (it must grow by doubling) still reaches the same
   * solution as the reference, on a problem whose support is much larger than one.
   */
  @ParameterizedTest
  @EnumSource(Loss.class)
  void tinyInitialWorkingSetStillConverges(Loss loss) {
    SolverOptions options = new SolverOptions(ACCURATE.tolerance(), 100_000, 1);
    for (boolean intercept : new boolean[] {false, true}) {
      LowerLevelProblem problem =
          RandomProblems.generate(
                  Spec.of(loss, N, P).withIntercept(intercept).withPenaltyFractions(0.02, 0.2), 23)
              .dense();
      SolverResult r = solver(options).solve(problem, WarmStart.COLD);
      assertConverged(problem, r, options);
      assertTrue(r.nonzeros() > 5, "support " + r.nonzeros());
      assertMatchesReference(r, reference(problem));
    }
  }
}
