package org.sparsetune.outer;

import java.util.Locale;
import org.sparsetune.oracle.BiactivePolicy;

/** The tuning methods of the command-line contract (DESIGN.md). */
public enum TuningMethod {
  /** The product default: warm-started scalar path, then NTRBA-SC with probing from its best point. */
  AUTO("auto", BiactivePolicy.SELF_CONSISTENT),
  /** Algorithm 3 with the self-consistent oracle. */
  NTRBA_SC("ntrba-sc", BiactivePolicy.SELF_CONSISTENT),
  /** Algorithm 2 with the self-consistent oracle. */
  NBA_SC("nba-sc", BiactivePolicy.SELF_CONSISTENT),
  /** Algorithm 3 with the null (support-restricted) oracle. */
  NTRBA_NULL("ntrba-null", BiactivePolicy.NULL),
  /** Algorithm 2 with the null oracle. */
  NBA_NULL("nba-null", BiactivePolicy.NULL),
  /** Sparse-HO (Bertrand et al. 2022): the null oracle with the normalized subgradient loop. */
  SPARSE_HO("sparse-ho", BiactivePolicy.NULL),
  /** One shared penalty on a warm-started log grid. */
  SCALAR_GRID("scalar-grid", BiactivePolicy.SELF_CONSISTENT),
  /** Uniform random search over the per-feature log-penalties. */
  RANDOM("random", BiactivePolicy.SELF_CONSISTENT),
  /** Tree-structured Parzen estimator over the per-feature log-penalties. */
  TPE("tpe", BiactivePolicy.SELF_CONSISTENT);

  private final String cliName;
  private final BiactivePolicy policy;

  TuningMethod(String cliName, BiactivePolicy policy) {
    this.cliName = cliName;
    this.policy = policy;
  }

  /** The command-line name. */
  public String cliName() {
    return cliName;
  }

  /** The biactive policy of the oracle this method uses (irrelevant for value-only methods). */
  public BiactivePolicy policy() {
    return policy;
  }

  /** Whether the method calls the subgradient oracle. */
  public boolean usesOracle() {
    return this != SCALAR_GRID && this != RANDOM && this != TPE;
  }

  /** Parses a command-line name. */
  public static TuningMethod parse(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (TuningMethod m : values()) {
      if (m.cliName.equals(n)) {
        return m;
      }
    }
    StringBuilder known = new StringBuilder();
    for (TuningMethod m : values()) {
      known.append(known.length() == 0 ? "" : "|").append(m.cliName);
    }
    throw new IllegalArgumentException("unknown method '" + name + "': expected " + known);
  }
}
