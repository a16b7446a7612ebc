package org.sparsetune.spark.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.sparsetune.experiments.SyntheticUnit;
import org.sparsetune.experiments.UnitOutcome;

/**
 * The JSON form of a {@link UnitOutcome}: the results.json record (experiment, config, seed,
 * method and the metrics that apply; NaN metrics are left out) and, in the per-unit file, the
 * trajectories and final penalties the figures are drawn from. Reading a unit file back gives the
 * outcome that was written, bit for bit (doubles round-trip through their shortest decimal form).
 */
final class UnitJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private UnitJson() {}

  /** The results.json record of an outcome (no trajectories). */
  static ObjectNode record(UnitOutcome o) {
    SyntheticUnit u = o.unit();
    ObjectNode r = MAPPER.createObjectNode();
    r.put("experiment", u.experiment());
    ObjectNode config = r.putObject("config");
    for (Map.Entry<String, Object> e : u.config().entrySet()) {
      if (e.getValue() instanceof Integer i) {
        config.put(e.getKey(), i);
      } else if (e.getValue() instanceof String str) {
        config.put(e.getKey(), str);
      } else {
        config.put(e.getKey(), (Double) e.getValue());
      }
    }
    r.put("seed", u.seed());
    r.put("method", u.method());
    metric(r, "f1", o.f1());
    metric(r, "test_mse", o.testMse());
    metric(r, "test_log_loss", o.testLogLoss());
    metric(r, "best_val_loss", o.bestValLoss());
    metric(r, "hidden_recall", o.hiddenRecall());
    metric(r, "hidden_grad_norm_k0", o.hiddenGradNormK0());
    metric(r, "seconds_per_iteration", o.secondsPerIteration());
    metric(r, "final_grad_norm", o.finalGradNorm());
    r.put("iterations", o.iterations());
    r.put("max_iterations", u.maxIterations());
    r.put("active_features", o.activeFeatures());
    if (u.onRealData()) {
      r.put("features", o.penalties().length);
      r.put("data_path", u.dataPath());
    }
    r.put("stopping_reason", o.stoppingReason());
    if (o.autoSelected() != null) {
      r.put("auto_selected", o.autoSelected());
    }
    r.put("seconds", o.seconds());
    return r;
  }

  /** The per-unit file: the record plus trajectories and final penalties. */
  static String unitFile(UnitOutcome o) {
    ObjectNode r = record(o);
    ObjectNode t = r.putObject("trajectory");
    array(t.putArray("value"), o.value());
    array(t.putArray("best_value"), o.bestValue());
    array(t.putArray("hidden_penalty"), o.hiddenPenalty());
    array(t.putArray("f1"), o.f1Trajectory());
    array(r.putArray("penalties"), o.penalties());
    try {
      return MAPPER.writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses a unit file; IllegalArgumentException when it is not one. */
  static UnitOutcome parse(String json) {
    JsonNode r;
    try {
      r = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (r == null || !r.has("experiment") || !r.has("trajectory") || !r.has("config")) {
      throw new IllegalArgumentException("not a unit file");
    }
    JsonNode c = r.get("config");
    SyntheticUnit u = c.has("dataset")
        ? SyntheticUnit.onData(r.get("experiment").asText(), c.get("dataset").asText(),
            r.get("data_path").asText(), r.get("seed").asLong(), r.get("method").asText(),
            r.get("max_iterations").asInt())
        : new SyntheticUnit(r.get("experiment").asText(), c.get("n").asInt(),
            c.get("p").asInt(), num(c, "rho"), num(c, "n_over_p"), num(c, "nnz"),
            r.get("seed").asLong(), r.get("method").asText(), r.get("max_iterations").asInt());
    JsonNode t = r.get("trajectory");
    return new UnitOutcome(u, num(r, "f1"), num(r, "test_mse"), num(r, "best_val_loss"),
        num(r, "hidden_recall"), num(r, "hidden_grad_norm_k0"), num(r, "final_grad_norm"),
        num(r, "seconds_per_iteration"), r.get("iterations").asInt(),
        r.get("active_features").asInt(), r.get("stopping_reason").asText(), num(r, "seconds"),
        doubles(t.get("value")), doubles(t.get("best_value")), doubles(t.get("hidden_penalty")),
        doubles(t.get("f1")), doubles(r.get("penalties")), num(r, "test_log_loss"),
        r.has("auto_selected") ? r.get("auto_selected").asText() : null);
  }

  private static void metric(ObjectNode r, String name, double v) {
    if (!Double.isNaN(v)) {
      r.put(name, v);
    }
  }

  private static void array(ArrayNode a, double[] v) {
    for (double x : v) {
      if (Double.isFinite(x)) {
        a.add(x);
      } else {
        a.addNull();
      }
    }
  }

  private static double num(JsonNode r, String name) {
    JsonNode v = r.get(name);
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }

  private static double[] doubles(JsonNode a) {
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).isNull() ? Double.NaN : a.get(i).asDouble();
    }
    return v;
  }
}
