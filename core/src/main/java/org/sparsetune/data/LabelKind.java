package org.sparsetune.data;

import java.util.Locale;

/** What the labels of a data file mean, and therefore which values are allowed. */
public enum LabelKind {
  /**
   * Two classes for the logistic loss. A file uses either {-1, +1} or {0, 1}; 0 is mapped to -1,
   * so the labels handed on are always ±1. Any other value, or a file that mixes the two
   * conventions (both 0 and -1), is an error.
   */
  BINARY,
  /** Any finite number (regression with the quadratic loss). */
  REAL;

  /** Parses {@code binary} or {@code real} (case-insensitive). */
  public static LabelKind parse(String name) {
    for (LabelKind k : values()) {
      if (k.name().equalsIgnoreCase(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown label kind '" + name + "': expected binary or real");
  }

  /** The name used on the command line and in files. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
