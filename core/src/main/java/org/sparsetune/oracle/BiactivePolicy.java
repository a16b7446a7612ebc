package org.sparsetune.oracle;

/**
 * How Algorithm 1 selects biactive coordinates (B⁺ ∪ B⁻) into the adjoint working set S
 * (paper §3.3.2, Corollary 13 and Definition 2).
 */
public enum BiactivePolicy {
  /**
   * Select none: S is the primal support I⁺ ∪ I⁻, identical to Sparse-HO (Bertrand et al. 2022;
   * paper Remark 3). A biactive coordinate then always gets a zero subgradient.
   */
  NULL,
  /**
   * Definition 2 (sign-consistent selection): seed B⁺ coordinates with z*_i &lt; 0 as +1 and B⁻
   * coordinates with z*_i &gt; 0 as -1, solve the reduced adjoint system, drop every selected
   * biactive coordinate with σ_i q_i ≤ 0, and repeat until nothing is dropped.
   */
  SELF_CONSISTENT;

  /** Parses {@code null} or {@code sc} / {@code self-consistent} (case-insensitive). */
  public static BiactivePolicy parse(String name) {
    if (name == null) {
      throw new IllegalArgumentException("biactive policy is missing: expected sc or null");
    }
    switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "null":
      case "sparse-ho":
        return NULL;
      case "sc":
      case "self-consistent":
      case "self_consistent":
        return SELF_CONSISTENT;
      default:
        throw new IllegalArgumentException("unknown biactive policy '" + name + "': expected sc or null");
    }
  }

  /** The name used on the command line. */
  public String cliName() {
    return this == NULL ? "null" : "sc";
  }
}
