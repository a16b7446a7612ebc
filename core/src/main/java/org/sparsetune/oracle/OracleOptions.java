package org.sparsetune.oracle;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of {@link SubgradientOracle}.
 *
 * @param policy the biactive selection policy (default {@link BiactivePolicy#SELF_CONSISTENT})
 * @param biactiveTolRel relative width of the biactive band: a zero coordinate is biactive when
 *     {@code ||v_i| - u_i| ≤ max(tolAbs, tolRel·max(|v_i|, u_i))} (default 1e-3, the paper's
 *     real-data value; its calibrated designs use 0.10 and Experiment 2 uses 1e-8)
 * @param biactiveTolAbs absolute width of the band (default 1e-12)
 * @param denseMaxSize the largest |S| solved by dense Cholesky; larger systems use conjugate
 *     gradients with Hessian–vector products (default 1,500)
 * @param denseMaxEntries the largest n·|S| for which the dense path may form the n × |S| block
 *     (default 25,000,000, i.e. 200 MB); beyond it conjugate gradients are used
 * @param cgRelativeTolerance CG stops when ||H q + z|| ≤ this · ||z|| (default 1e-10)
 * @param cgMaxIterations CG iteration budget (default 2,000)
 */
public record OracleOptions(
    BiactivePolicy policy,
    double biactiveTolRel,
    double biactiveTolAbs,
    int denseMaxSize,
    long denseMaxEntries,
    double cgRelativeTolerance,
    int cgMaxIterations) implements java.io.Serializable {

  /** Self-consistent policy, band 1e-3 relative, Cholesky up to |S| = 1,500. */
  public static final OracleOptions DEFAULTS =
      new OracleOptions(BiactivePolicy.SELF_CONSISTENT, 1e-3, 1e-12, 1_500, 25_000_000L, 1e-10, 2_000);

  /** Validates every field; messages name the bad value. */
  public OracleOptions {
    if (policy == null) {
      throw new IllegalArgumentException("policy must not be null");
    }
    if (!(biactiveTolRel >= 0.0) || biactiveTolRel >= 1.0) {
      throw new IllegalArgumentException("biactiveTolRel must lie in [0, 1), got " + biactiveTolRel);
    }
    if (!(biactiveTolAbs >= 0.0) || !Double.isFinite(biactiveTolAbs)) {
      throw new IllegalArgumentException("biactiveTolAbs must be finite and at least 0, got " + biactiveTolAbs);
    }
    if (denseMaxSize < 0) {
      throw new IllegalArgumentException("denseMaxSize must be at least 0, got " + denseMaxSize);
    }
    if (denseMaxEntries < 0) {
      throw new IllegalArgumentException("denseMaxEntries must be at least 0, got " + denseMaxEntries);
    }
    if (!(cgRelativeTolerance > 0.0) || cgRelativeTolerance >= 1.0) {
      throw new IllegalArgumentException(
          "cgRelativeTolerance must lie in (0, 1), got " + cgRelativeTolerance);
    }
    if (cgMaxIterations < 1) {
      throw new IllegalArgumentException("cgMaxIterations must be at least 1, got " + cgMaxIterations);
    }
  }

  /** The same options with another policy. */
  public OracleOptions withPolicy(BiactivePolicy p) {
    return new OracleOptions(p, biactiveTolRel, biactiveTolAbs, denseMaxSize, denseMaxEntries,
        cgRelativeTolerance, cgMaxIterations);
  }

  /** The same options with another relative biactive band. */
  public OracleOptions withBiactiveTolRel(double tolRel) {
    return new OracleOptions(policy, tolRel, biactiveTolAbs, denseMaxSize, denseMaxEntries,
        cgRelativeTolerance, cgMaxIterations);
  }

  /** The same options with another dense/CG threshold. */
  public OracleOptions withDenseMaxSize(int size) {
    return new OracleOptions(policy, biactiveTolRel, biactiveTolAbs, size, denseMaxEntries,
        cgRelativeTolerance, cgMaxIterations);
  }

  /** The options as an ordered name → value map (for logs, JSON and executors). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", policy.cliName());
    m.put("biactive_tol_rel", biactiveTolRel);
    m.put("biactive_tol_abs", biactiveTolAbs);
    m.put("dense_max_size", denseMaxSize);
    m.put("dense_max_entries", denseMaxEntries);
    m.put("cg_relative_tolerance", cgRelativeTolerance);
    m.put("cg_max_iterations", cgMaxIterations);
    return m;
  }
}
