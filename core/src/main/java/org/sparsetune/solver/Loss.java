package org.sparsetune.solver;

import java.util.Locale;

/** The smooth data-fit term F of the lower-level problem (DESIGN.md notation). */
public enum Loss {
  /** {@code 1/(2n) ||b - A y||²} (weighted elastic net together with the l2 term). */
  QUADRATIC,
  /** {@code 1/n Σ log(1 + exp(-b_i a_iᵀ y))} with labels b_i ∈ {-1, +1}. */
  LOGISTIC;

  /** Parses {@code quadratic} or {@code logistic} (case-insensitive). */
  public static Loss parse(String name) {
    for (Loss l : values()) {
      if (l.name().equalsIgnoreCase(name)) {
        return l;
      }
    }
    throw new IllegalArgumentException(
        "unknown loss '" + name + "': expected quadratic or logistic");
  }

  /** The name used on the command line and in files. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
