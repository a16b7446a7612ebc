package org.sparsetune.outer.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a seeded tuner needs to continue exactly where it was: the seed, the number of
 * {@link BlackBoxTuner#ask} calls answered so far, and the observations told, in order.
 *
 * <p>The random stream of ask call {@code k} is the {@code (k+1)}-th
 * {@link java.util.SplittableRandom#split() split} of {@code new SplittableRandom(seed)}, so the
 * stream position is the counter {@code askCalls} and no generator internals need saving. Take
 * the state after {@link BlackBoxTuner#tell}: points asked but not yet told are not part of it.
 *
 * @param seed the tuner's seed
 * @param askCalls number of ask calls answered, at least 0
 * @param history the observations told, in order (copied into an unmodifiable list)
 */
public record TunerState(long seed, long askCalls, List<Observation> history) {

  /** Validates and copies. */
  public TunerState {
    if (askCalls < 0) {
      throw new IllegalArgumentException("askCalls must be at least 0, got " + askCalls);
    }
    if (history == null) {
      throw new IllegalArgumentException("history must not be null (use an empty list)");
    }
    history = List.copyOf(history);
  }

  /**
   * The state as nested maps and lists of numbers, ready for a JSON writer: {@code seed},
   * {@code ask_calls}, {@code history} (a list of {@code {point: [...], value: v}}). A non-finite
   * value is written as the string {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"}, so
   * plain JSON holds it.
   */
  public Map<String, Object> toMap() {
    List<Object> rows = new ArrayList<>(history.size());
    for (Observation o : history) {
      List<Double> point = new ArrayList<>(o.dimension());
      for (int j = 0; j < o.dimension(); j++) {
        point.add(o.coordinate(j));
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("point", point);
      row.put("value", o.failed() ? (Object) Double.toString(o.value()) : (Object) o.value());
      rows.add(row);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", seed);
    m.put("ask_calls", askCalls);
    m.put("history", rows);
    return m;
  }

  /**
   * Reads a state written by {@link #toMap} (possibly after a JSON round trip).
   *
   * @throws IllegalArgumentException naming the key or history row that is missing or malformed
   */
  public static TunerState fromMap(Map<String, ?> m) {
    long seed = requireLong(m.get("seed"), "seed");
    long askCalls = requireLong(m.get("ask_calls"), "ask_calls");
    if (!(m.get("history") instanceof List<?> rows)) {
      throw new IllegalArgumentException("key history must be a list, got " + m.get("history"));
    }
    List<Observation> history = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      String where = "history[" + i + "]";
      if (!(rows.get(i) instanceof Map<?, ?> row)) {
        throw new IllegalArgumentException(where + " must be a map, got " + rows.get(i));
      }
      if (!(row.get("point") instanceof List<?> coords)) {
        throw new IllegalArgumentException(
            where + ".point must be a list, got " + row.get("point"));
      }
      double[] point = new double[coords.size()];
      for (int j = 0; j < point.length; j++) {
        point[j] = requireNumber(coords.get(j), where + ".point[" + j + "]").doubleValue();
      }
      history.add(new Observation(point, requireNumber(row.get("value"), where + ".value")
          .doubleValue()));
    }
    return new TunerState(seed, askCalls, history);
  }

  private static long requireLong(Object v, String key) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " is not an integer: " + s, e);
      }
    }
    throw new IllegalArgumentException(key + " must be an integer, got " + v);
  }

  private static Number requireNumber(Object v, String key) {
    if (v instanceof Number n) {
      return n;
    }
    if (v instanceof String s) {
      try {
        return Double.valueOf(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " is not a number: " + s, e);
      }
    }
    throw new IllegalArgumentException(key + " must be a number, got " + v);
  }
}
