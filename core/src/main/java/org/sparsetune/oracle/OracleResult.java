package org.sparsetune.oracle;

/**
 * One evaluation of Algorithm 1: the upper-level value Φ(x) = L(y*(x)), an element h of the
 * residual-enlarged subdifferential, the adjoint, and diagnostics.
 *
 * @param value the held-out criterion at y*(x)
 * @param gradient h (length p): zero outside the working set S
 * @param adjoint γ·q on S mapped back to feature indices (length p, plus the intercept's entry
 *     at index p when the lower level fits one); the warm start of the next adjoint solve
 * @param inactivePositive |I⁺|
 * @param inactiveNegative |I⁻|
 * @param active |A|: zero coordinates strictly inside the band
 * @param biactivePositive |B⁺|
 * @param biactiveNegative |B⁻|
 * @param workingSet |S| at termination (support plus the selected biactive coordinates)
 * @param selectedBiactive the biactive coordinates kept in S
 * @param pruningRounds the rounds of Definition 2 that removed at least one coordinate
 * @param solveMethod {@code none}, {@code cholesky} or {@code cg}
 * @param residual ||H_S q_S + z_S|| / ||z_S|| of the final adjoint solve
 * @param cgIterations CG iterations summed over pruning rounds (0 for Cholesky)
 * @param gamma the FB step γ = 1/Λ_F used for the partition
 * @param nanos wall time of the oracle (the lower-level solve excluded)
 * @param trainGradient ∇F(ȳ) of the lower level (length p), which fixes the KKT slack
 *     {@code 1 - |∇_j F|/w_j} of every zero coordinate
 * @param validationGradient z* = ∇_y L(ȳ) (length p, plus the intercept's entry at p when fitted)
 */
public record OracleResult(
    double value,
    double[] gradient,
    double[] adjoint,
    int inactivePositive,
    int inactiveNegative,
    int active,
    int biactivePositive,
    int biactiveNegative,
    int workingSet,
    int selectedBiactive,
    int pruningRounds,
    String solveMethod,
    double residual,
    int cgIterations,
    double gamma,
    long nanos,
    double[] trainGradient,
    double[] validationGradient) {

  /** |I⁺ ∪ I⁻|: the primal support. */
  public int support() {
    return inactivePositive + inactiveNegative;
  }

  /** |B⁺ ∪ B⁻|. */
  public int biactive() {
    return biactivePositive + biactiveNegative;
  }

  /** Euclidean norm of the subgradient. */
  public double gradientNorm() {
    double s = 0.0;
    for (double g : gradient) {
      s += g * g;
    }
    return Math.sqrt(s);
  }
}
