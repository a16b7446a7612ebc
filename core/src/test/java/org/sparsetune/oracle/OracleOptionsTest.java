package org.sparsetune.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link OracleOptions}: the documented defaults, the {@code with*} copies, {@code toMap}, and
 * constructor validation whose message names the bad field and its value (the record's Javadoc:
 * "Validates every field; messages name the bad value").
 */
class OracleOptionsTest {

  private static final OracleOptions D = OracleOptions.DEFAULTS;

  private static OracleOptions with(
      double tolRel,
      double tolAbs,
      int denseMaxSize,
      long denseMaxEntries,
      double cgTol,
      int cgMax) {
    return new OracleOptions(
        D.policy(), tolRel, tolAbs, denseMaxSize, denseMaxEntries, cgTol, cgMax);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertEquals(BiactivePolicy.SELF_CONSISTENT, D.policy());
    assertEquals(1e-3, D.biactiveTolRel());
    assertEquals(1e-12, D.biactiveTolAbs());
    assertEquals(1_500, D.denseMaxSize());
    assertEquals(25_000_000L, D.denseMaxEntries());
    assertEquals(1e-10, D.cgRelativeTolerance());
    assertEquals(2_000, D.cgMaxIterations());
    assertEquals(D, new SubgradientOracle().options());
  }

  @Test
  void withersChangeOneFieldOnly() {
    OracleOptions n = D.withPolicy(BiactivePolicy.NULL);
    assertEquals(
        new OracleOptions(BiactivePolicy.NULL, 1e-3, 1e-12, 1_500, 25_000_000L, 1e-10, 2_000), n);
    OracleOptions b = D.withBiactiveTolRel(0.1);
    assertEquals(
        new OracleOptions(
            BiactivePolicy.SELF_CONSISTENT, 0.1, 1e-12, 1_500, 25_000_000L, 1e-10, 2_000),
        b);
    OracleOptions s = D.withDenseMaxSize(7);
    assertEquals(
        new OracleOptions(
            BiactivePolicy.SELF_CONSISTENT, 1e-3, 1e-12, 7, 25_000_000L, 1e-10, 2_000),
        s);
    assertNotEquals(D, n);
    // Edges that are valid: a zero band, zero dense sizes.
    with(0.0, 0.0, 0, 0L, 1e-10, 1);
  }

  @Test
  void toMapNamesEveryFieldInOrder() {
    Map<String, Object> m = D.withPolicy(BiactivePolicy.NULL).toMap();
    assertEquals(
        List.of(
            "policy",
            "biactive_tol_rel",
            "biactive_tol_abs",
            "dense_max_size",
            "dense_max_entries",
            "cg_relative_tolerance",
            "cg_max_iterations"),
        List.copyOf(m.keySet()));
    assertEquals("null", m.get("policy"));
    assertEquals(1e-3, m.get("biactive_tol_rel"));
    assertEquals(1e-12, m.get("biactive_tol_abs"));
    assertEquals(1_500, m.get("dense_max_size"));
    assertEquals(25_000_000L, m.get("dense_max_entries"));
    assertEquals(1e-10, m.get("cg_relative_tolerance"));
    assertEquals(2_000, m.get("cg_max_iterations"));
    assertEquals("sc", D.toMap().get("policy"));
  }

  @Test
  void aNullPolicyIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new OracleOptions(null, 1e-3, 1e-12, 1_500, 25_000_000L, 1e-10, 2_000));
    assertTrue(e.getMessage().contains("policy"), e.getMessage());
  }

  /** Each bad value, with the field name and the value text the message must contain. */
  @Test
  void badValuesAreRejectedWithAMessageNamingFieldAndValue() {
    record Bad(String field, String value, Supplier<OracleOptions> build) {}
    List<Bad> bad =
        List.of(
            new Bad("biactiveTolRel", "-0.1", () -> with(-0.1, 1e-12, 1, 1, 1e-10, 1)),
            new Bad("biactiveTolRel", "1.0", () -> with(1.0, 1e-12, 1, 1, 1e-10, 1)),
            new Bad("biactiveTolRel", "NaN", () -> with(Double.NaN, 1e-12, 1, 1, 1e-10, 1)),
            new Bad("biactiveTolAbs", "-1.0", () -> with(1e-3, -1.0, 1, 1, 1e-10, 1)),
            new Bad(
                "biactiveTolAbs",
                "Infinity",
                () -> with(1e-3, Double.POSITIVE_INFINITY, 1, 1, 1e-10, 1)),
            new Bad("biactiveTolAbs", "NaN", () -> with(1e-3, Double.NaN, 1, 1, 1e-10, 1)),
            new Bad("denseMaxSize", "-1", () -> with(1e-3, 1e-12, -1, 1, 1e-10, 1)),
            new Bad("denseMaxEntries", "-5", () -> with(1e-3, 1e-12, 1, -5, 1e-10, 1)),
            new Bad("cgRelativeTolerance", "0.0", () -> with(1e-3, 1e-12, 1, 1, 0.0, 1)),
            new Bad("cgRelativeTolerance", "1.0", () -> with(1e-3, 1e-12, 1, 1, 1.0, 1)),
            new Bad("cgRelativeTolerance", "NaN", () -> with(1e-3, 1e-12, 1, 1, Double.NaN, 1)),
            new Bad("cgMaxIterations", "0", () -> with(1e-3, 1e-12, 1, 1, 1e-10, 0)));
    StringBuilder failures = new StringBuilder();
    for (Bad b : bad) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, b.build()::get, b.field);
      String msg = e.getMessage();
      if (!msg.contains(b.field) || !msg.contains(b.value)) {
        failures
            .append("\n ")
            .append(b.field)
            .append(" = ")
            .append(b.value)
            .append(": \"")
            .append(msg)
            .append('"');
      }
    }
    assertTrue(failures.length() == 0, "messages that do not name field and value:" + failures);
  }
}
