package org.sparsetune.outer.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TunerStateTest {

  private static final TunerState STATE = new TunerState(Long.MIN_VALUE + 3, 17, List.of(
      new Observation(new double[] {0.1, -2.5}, 0.3),
      new Observation(new double[] {1e-300, 4.0}, Double.NaN),
      new Observation(new double[] {-0.0, 1.0 / 3.0}, Double.POSITIVE_INFINITY),
      new Observation(new double[] {2.0, 3.0}, Double.NEGATIVE_INFINITY)));

  @Test
  void roundTripsExactlyThroughAMapAndJson() throws Exception {
    assertEquals(STATE, TunerState.fromMap(STATE.toMap()));
    ObjectMapper json = new ObjectMapper();
    String text = json.writeValueAsString(STATE.toMap());
    assertTrue(text.contains("\"NaN\"") && text.contains("\"-Infinity\""), text);
    @SuppressWarnings("unchecked")
    Map<String, Object> read = json.readValue(text, Map.class);
    assertEquals(STATE, TunerState.fromMap(read));
  }

  @Test
  void copiesTheHistory() {
    List<Observation> history = new ArrayList<>(STATE.history());
    TunerState state = new TunerState(1, 2, history);
    history.clear();
    assertEquals(4, state.history().size());
    assertThrows(UnsupportedOperationException.class, () -> state.history().clear());
  }

  @Test
  void rejectsMalformedStatesNamingTheField() {
    String negative = assertThrows(IllegalArgumentException.class,
        () -> new TunerState(0, -1, List.of())).getMessage();
    assertTrue(negative.contains("askCalls must be at least 0, got -1"), negative);
    Map<String, Object> m = STATE.toMap();
    m.put("seed", 1.5);
    String seed = assertThrows(IllegalArgumentException.class, () -> TunerState.fromMap(m))
        .getMessage();
    assertTrue(seed.contains("seed must be an integer"), seed);
    m.put("seed", 1L);
    m.put("history", List.of(Map.of("point", List.of(0.0, "x"), "value", 1.0)));
    String coordinate = assertThrows(IllegalArgumentException.class, () -> TunerState.fromMap(m))
        .getMessage();
    assertTrue(coordinate.contains("history[0].point[1] is not a number: x"), coordinate);
    m.put("history", List.of(Map.of("point", List.of(0.0))));
    String value = assertThrows(IllegalArgumentException.class, () -> TunerState.fromMap(m))
        .getMessage();
    assertTrue(value.contains("history[0].value must be a number"), value);
  }
}
