package org.sparsetune.outer.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.sparsetune.outer.search.TpeOptions.BandwidthRule;
import org.sparsetune.outer.search.TpeOptions.CandidateSelection;

class TpeOptionsTest {

  private static void assertRejected(String expectedStart, Supplier<TpeOptions> build) {
    String message = assertThrows(IllegalArgumentException.class, build::get).getMessage();
    assertTrue(message.startsWith(expectedStart), message);
  }

  @Test
  void defaultsAreOptunas() {
    TpeOptions d = TpeOptions.DEFAULTS;
    assertEquals(10, d.startupCandidates());
    assertEquals(0.10, d.gamma());
    assertEquals(25, d.maxGoodObservations());
    assertEquals(24, d.eiCandidates());
    assertEquals(1.0, d.priorWeight());
    assertEquals(BandwidthRule.NEIGHBOR_DISTANCE, d.bandwidthRule());
    assertEquals(CandidateSelection.PER_DIMENSION, d.candidateSelection());
  }

  @Test
  void rejectsBadValuesNamingThem() {
    BandwidthRule nd = BandwidthRule.NEIGHBOR_DISTANCE;
    CandidateSelection pd = CandidateSelection.PER_DIMENSION;
    assertRejected("startupCandidates must be at least 0, got -1",
        () -> new TpeOptions(-1, 0.1, 25, 24, 1.0, nd, pd, 0));
    assertRejected("gamma must be in (0, 1], got 0.0",
        () -> new TpeOptions(10, 0.0, 25, 24, 1.0, nd, pd, 0));
    assertRejected("gamma must be in (0, 1], got 1.5",
        () -> new TpeOptions(10, 1.5, 25, 24, 1.0, nd, pd, 0));
    assertRejected("gamma must be in (0, 1], got NaN",
        () -> new TpeOptions(10, Double.NaN, 25, 24, 1.0, nd, pd, 0));
    assertRejected("maxGoodObservations must be at least 1, got 0",
        () -> new TpeOptions(10, 0.1, 0, 24, 1.0, nd, pd, 0));
    assertRejected("eiCandidates must be at least 1, got 0",
        () -> new TpeOptions(10, 0.1, 25, 0, 1.0, nd, pd, 0));
    assertRejected("priorWeight must be positive and finite, got 0.0",
        () -> new TpeOptions(10, 0.1, 25, 24, 0.0, nd, pd, 0));
    assertRejected("priorWeight must be positive and finite, got Infinity",
        () -> new TpeOptions(10, 0.1, 25, 24, Double.POSITIVE_INFINITY, nd, pd, 0));
    assertRejected("bandwidthRule", () -> new TpeOptions(10, 0.1, 25, 24, 1.0, null, pd, 0));
    assertRejected("candidateSelection",
        () -> new TpeOptions(10, 0.1, 25, 24, 1.0, nd, null, 0));
  }

  @Test
  void roundTripsThroughAMapAndJson() throws Exception {
    TpeOptions options = new TpeOptions(20, 0.25, 7, 48, 0.5, BandwidthRule.SCOTT,
        CandidateSelection.JOINT, -1234567890123L);
    assertEquals(options, TpeOptions.fromMap(options.toMap()));
    ObjectMapper json = new ObjectMapper();
    @SuppressWarnings("unchecked")
    Map<String, Object> read = json.readValue(json.writeValueAsString(options.toMap()), Map.class);
    assertEquals(options, TpeOptions.fromMap(read));
    assertEquals(TpeOptions.DEFAULTS, TpeOptions.fromMap(Map.of()));
  }

  @Test
  void fromMapRejectsMalformedValuesNamingTheKey() {
    Map<String, Object> m = new HashMap<>();
    m.put("bandwidth_rule", "silverman");
    assertRejected("option bandwidth_rule is silverman; expected one of neighbor_distance, scott",
        () -> TpeOptions.fromMap(m));
    m.clear();
    m.put("ei_candidates", "many");
    assertRejected("option ei_candidates is not an integer: many", () -> TpeOptions.fromMap(m));
    m.put("ei_candidates", 1L << 40);
    assertRejected("option ei_candidates is out of int range", () -> TpeOptions.fromMap(m));
    m.clear();
    m.put("gamma", "x");
    assertRejected("option gamma is not a number: x", () -> TpeOptions.fromMap(m));
    m.put("gamma", 2.0);
    assertRejected("gamma must be in (0, 1], got 2.0", () -> TpeOptions.fromMap(m));
  }
}
