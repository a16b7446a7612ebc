package org.sparsetune.testing;

/**
 * Named tolerances of the solver tests. Each name says whether it is absolute (ABS) or relative
 * (REL), and each Javadoc says what is compared and why the value is safe.
 *
 * <p>Accuracy comparisons between two solutions rely on strong convexity: if the maximum KKT
 * violation at y is ε and the objective is μ-strongly convex, then {@code ||y - y*||₂ ≤
 * sqrt(p + 1)·ε/μ}. With μ ≥ l2 = 1/n (DESIGN.md's default stabilizer) and the sizes used here (n ≤
 * 80, p ≤ 60), solving to {@link #ACCURATE_SOLVE_KKT} makes each solution exact to well below the
 * agreement tolerances; on the random problems the observed errors are orders of magnitude below
 * this worst-case bound.
 */
public final class Tolerances {
  private Tolerances() {}

  /**
   * KKT tolerance (absolute, max over coordinates) given to the solver under test when its answer
   * is compared with another solution rather than only checked for optimality.
   */
  public static final double ACCURATE_SOLVE_KKT = 1e-11;

  /**
   * KKT tolerance (absolute, max over coordinates) the reference solver {@link FistaReference} runs
   * to; tests assert it got there.
   */
  public static final double REFERENCE_KKT = 1e-11;

  /**
   * Absolute difference allowed between the KKT violation a solver reports and an independent
   * recomputation with {@code Kkt.maxViolation} at the returned point: both are sums of O(n·p)
   * terms of order one, so they differ only by rounding.
   */
  public static final double KKT_RECOMPUTE_ABS = 1e-12;

  /**
   * Relative difference allowed between the objective a solver reports and {@code Kkt.objective}
   * recomputed at the returned point (relative to max(1, |objective|)).
   */
  public static final double OBJECTIVE_RECOMPUTE_REL = 1e-12;

  /** Absolute, per coefficient: a solve against a closed-form solution. */
  public static final double CLOSED_FORM_ABS = 1e-10;

  /** Absolute, per coefficient: the same problem solved with dense and with CSC storage. */
  public static final double STORAGE_AGREEMENT_ABS = 1e-10;

  /** Absolute, per coefficient and intercept: the solver under test against {@link FistaReference}. */
  public static final double REFERENCE_AGREEMENT_ABS = 1e-6;

  /**
   * Absolute, per coefficient: a warm-started solve against a cold solve of the same problem (warm
   * start taken from the solution at penalties 1% away).
   */
  public static final double WARM_COLD_AGREEMENT_ABS = 1e-7;

  /**
   * Absolute, per coefficient: a solve warm-started at an exact solution (KKT ≤ {@link
   * #REFERENCE_KKT}) must stay at it. A coordinate step moves a coordinate by at most its KKT
   * violation over its curvature, so it cannot move further than this.
   */
  public static final double WARM_AT_SOLUTION_ABS = 1e-9;

  /**
   * Relative to the gradient's largest entry (max(1e-3, ||g||_∞)): an analytic gradient against
   * central finite differences with step 1e-5 (truncation O(h²) ≈ 1e-10, rounding ≈ 1e-16/h ≈
   * 1e-11).
   */
  public static final double FINITE_DIFFERENCE_REL = 1e-6;
}
