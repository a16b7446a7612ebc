package org.sparsetune.spark.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsetune.data.InputDataException;
import org.sparsetune.experiments.SyntheticPlan;
import org.sparsetune.experiments.SyntheticRunner;
import org.sparsetune.experiments.SyntheticUnit;
import org.sparsetune.experiments.UnitOutcome;
import org.sparsetune.spark.tune.TuneJob;

/**
 * Experiments 2–4 at smoke scale on local[2]: the contract of results.json, units computed on
 * executors equal to the same units run in-process, a restarted run that skips finished units and
 * writes the same numbers, and the reports and figures of all three experiments.
 */
class SyntheticJobTest {
  private static JavaSparkContext jsc;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    jsc = new JavaSparkContext(TuneJob.sparkConf("local[2]", java.util.Map.of())
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    jsc.stop();
  }

  private SyntheticJob.Outcome run(String experiment, Path out) {
    return SyntheticJob.run(jsc, experiment, SyntheticPlan.Scale.SMOKE, out.toString(),
        "test " + experiment, new Configuration());
  }

  @Test
  void exp4WritesTheResultsContractAndShowsStarvation() throws IOException {
    Path out = tmp.resolve("exp4");
    SyntheticJob.Outcome o = run("exp4", out);
    assertEquals(SyntheticPlan.units("exp4", SyntheticPlan.Scale.SMOKE).size(), o.ran());
    JsonNode records = UnitJson.MAPPER.readTree(Files.readString(out.resolve("results.json")));
    assertEquals(o.outcomes().size(), records.size());
    Set<String> methods = new HashSet<>();
    for (JsonNode r : records) {
      assertEquals("exp4", r.get("experiment").asText());
      for (String f : List.of("n", "p", "rho")) {
        assertTrue(r.get("config").has(f), f);
      }
      String m = r.get("method").asText();
      methods.add(m);
      for (String f : List.of("seed", "f1", "test_mse", "best_val_loss", "hidden_recall",
          "seconds_per_iteration")) {
        assertTrue(r.has(f), m + " lacks " + f);
      }
      if (m.equals("scalar-grid")) {
        assertFalse(r.has("hidden_grad_norm_k0"), "not defined for the scalar baseline");
      } else if (m.equals("sparse-ho")) {
        assertEquals(0.0, r.get("hidden_grad_norm_k0").asDouble(), "starved: exactly zero");
      } else {
        assertTrue(r.get("hidden_grad_norm_k0").asDouble() > 0.0, "self-consistent: signal");
      }
      double f1 = r.get("f1").asDouble();
      assertTrue(f1 >= 0.0 && f1 <= 1.0);
    }
    assertEquals(Set.of("scalar-grid", "sparse-ho", "ntrba-sc"), methods);
    for (String f : List.of("report.md", "results.csv", "tables.json",
        "figure5_validation_loss.png", "figure5_hidden_penalties.png", "figure5_f1.png")) {
      assertTrue(Files.size(out.resolve(f)) > 100, f);
    }
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.contains("| 0.95 | (100, 150) | ntrba-sc |"), md);
    assertTrue(md.contains("test exp4"), "the command line is recorded");
  }

  @Test
  void executorsComputeWhatTheInProcessRunnerComputes() {
    SyntheticJob.Outcome o = run("exp4", tmp.resolve("exp4"));
    for (UnitOutcome d : o.outcomes()) {
      UnitOutcome local = SyntheticRunner.run(d.unit());
      String k = d.unit().key();
      assertEquals(local.f1(), d.f1(), k);
      assertEquals(local.testMse(), d.testMse(), k);
      assertEquals(local.bestValLoss(), d.bestValLoss(), k);
      assertEquals(local.hiddenGradNormK0(), d.hiddenGradNormK0(), k);
      assertArrayEquals(local.value(), d.value(), k);
      assertArrayEquals(local.penalties(), d.penalties(), k);
    }
  }

  @Test
  void aRestartSkipsFinishedUnitsAndWritesTheSameNumbers() throws IOException {
    Path out = tmp.resolve("exp3");
    SyntheticJob.Outcome first = run("exp3", out);
    JsonNode before = withoutTimings(Files.readString(out.resolve("results.json")));
    String tablesBefore = Files.readString(out.resolve("tables.json"));
    // An interrupted run: two units never finished, the summary files were never written.
    List<Path> units = new ArrayList<>();
    try (var s = Files.list(out.resolve("units"))) {
      s.sorted().forEach(units::add);
    }
    assertEquals(first.outcomes().size(), units.size());
    Files.delete(units.get(0));
    Files.delete(units.get(3));
    Files.delete(out.resolve("results.json"));
    Files.delete(out.resolve("tables.json"));
    // A unit file left by another plan is not trusted.
    Files.writeString(units.get(5), "{\"broken\": true}");

    SyntheticJob.Outcome second = run("exp3", out);
    assertEquals(3, second.ran());
    assertEquals(first.outcomes().size() - 3, second.skipped());
    assertEquals(before, withoutTimings(Files.readString(out.resolve("results.json"))));
    assertEquals(tablesBefore, Files.readString(out.resolve("tables.json")));
    assertTrue(Files.readString(out.resolve("report.md")).contains("SC gain under NBA"));
    assertTrue(Files.size(out.resolve("figure4_trajectories_p250.png")) > 100);
  }

  @Test
  void exp2ComparesScalarAndWeighted() throws IOException {
    Path out = tmp.resolve("exp2");
    SyntheticJob.Outcome o = run("exp2", out);
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.contains("| 100 | 1 | 5% |"), md);
    assertTrue(Files.size(out.resolve("figure3_penalty_profile.png")) > 100);
    for (UnitOutcome u : o.outcomes()) {
      assertTrue(Double.isNaN(u.hiddenRecall()), "no hidden group in the three-group design");
      assertEquals(u.unit().p(), u.penalties().length);
    }
  }

  @Test
  void exp5RealRunsEveryMethodOnTheBundledSamples() throws IOException {
    Path out = tmp.resolve("exp5");
    java.util.Map<String, String> data = SyntheticPlan.defaultDataPaths(SyntheticPlan.Scale.SMOKE,
        System.getProperty("sparsetune.samples", "../data-samples"));
    List<org.sparsetune.experiments.SyntheticUnit> units =
        SyntheticPlan.realUnits(SyntheticPlan.Scale.SMOKE, data, 3);
    SyntheticJob.Outcome o = SyntheticJob.run(jsc, units, "exp5-real", SyntheticPlan.Scale.SMOKE,
        out.toString(), "test exp5-real", new Configuration());
    assertEquals(3 * SyntheticPlan.EXP5_METHODS.size(), o.ran());
    JsonNode records = UnitJson.MAPPER.readTree(Files.readString(out.resolve("results.json")));
    Set<String> datasets = new HashSet<>();
    for (JsonNode r : records) {
      datasets.add(r.get("config").get("dataset").asText());
      for (String f : List.of("f1", "test_log_loss", "best_val_loss", "seconds_per_iteration",
          "active_features", "features")) {
        assertTrue(r.has(f), r.get("method") + " lacks " + f);
      }
      assertFalse(r.has("test_mse"));
      assertFalse(r.has("hidden_recall"));
    }
    assertEquals(data.keySet(), datasets);
    for (UnitOutcome u : o.outcomes()) {
      if (u.unit().method().equals("auto")) {
        UnitOutcome grid = o.outcomes().stream().filter(g -> g.unit().method().equals(
            "scalar-grid") && g.unit().dataset().equals(u.unit().dataset())).findFirst().get();
        // auto returns the path's best point (the grid's, up to the rounding of pooling the
        // validation and guard rows) unless its refinement is better on the guard rows.
        assertTrue(Set.of("scalar", "per-feature").contains(u.autoSelected()),
            "auto records its choice: " + u.autoSelected());
        if (u.autoSelected().equals("scalar")) {
          assertEquals(grid.bestValLoss(), u.bestValLoss(), 1e-12 * grid.bestValLoss());
          assertEquals(grid.activeFeatures(), u.activeFeatures());
          assertEquals(grid.testLogLoss(), u.testLogLoss(), 1e-9);
        }
      }
    }
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.contains("| w8a | ntrba-sc |"), md);
    assertTrue(Files.size(out.resolve("trajectories_w8a.png")) > 100);
  }

  @Test
  void exp5SemiDrawsFromARealMatrixAndStarvesSparseHo() throws IOException {
    Path out = tmp.resolve("exp5-semi");
    java.util.Map<String, String> data = SyntheticPlan.defaultDataPaths("exp5-semi",
        SyntheticPlan.Scale.SMOKE, System.getProperty("sparsetune.samples", "../data-samples"));
    List<org.sparsetune.experiments.SyntheticUnit> units =
        SyntheticPlan.dataUnits("exp5-semi", SyntheticPlan.Scale.SMOKE, data, 3);
    SyntheticJob.Outcome o = SyntheticJob.run(jsc, units, "exp5-semi", SyntheticPlan.Scale.SMOKE,
        out.toString(), "test exp5-semi", new Configuration());
    assertEquals(SyntheticPlan.EXP5_SEMI_METHODS.size(), o.ran());
    for (UnitOutcome u : o.outcomes()) {
      assertTrue(u.hiddenRecall() >= 0.0 && u.hiddenRecall() <= 1.0);
      assertTrue(u.testLogLoss() > 0.0);
      switch (u.unit().method()) {
        case "sparse-ho" -> assertEquals(0.0, u.hiddenGradNormK0());
        case "ntrba-sc" -> assertTrue(u.hiddenGradNormK0() > 0.0);
        default -> assertTrue(Double.isNaN(u.hiddenGradNormK0()));
      }
    }
    assertTrue(Files.readString(out.resolve("report.md")).contains("| w8a | ntrba-sc |"));
  }

  @Test
  void aResumeReadsOnlyTheDataSetsOfUnitsStillToRun() throws IOException {
    // Private copies of two bundled samples, so that they can be taken away between runs.
    String samples = System.getProperty("sparsetune.samples", "../data-samples");
    Path phishing = tmp.resolve("phishing.libsvm");
    Path w8a = tmp.resolve("w8a.libsvm");
    Files.copy(Path.of(samples, "phishing-sample.libsvm"), phishing);
    Files.copy(Path.of(samples, "w8a-sample.libsvm"), w8a);
    Map<String, String> data = new LinkedHashMap<>();
    data.put("phishing", phishing.toString());
    data.put("w8a", w8a.toString());
    List<SyntheticUnit> units =
        SyntheticPlan.dataUnits("exp5-real", SyntheticPlan.Scale.SMOKE, data, 2);
    Path out = tmp.resolve("exp5-resume");
    Configuration conf = new Configuration();

    SyntheticJob.Pending fresh = SyntheticJob.pending(units, out.toString(), conf);
    assertEquals(Set.copyOf(data.values()), fresh.dataPaths());
    SyntheticJob.Outcome first = SyntheticJob.run(jsc, fresh, "exp5-real",
        SyntheticPlan.Scale.SMOKE, "test exp5-real", conf);
    assertEquals(units.size(), first.ran());
    Map<String, byte[]> outputs = summaryFiles(out);
    assertTrue(outputs.keySet().containsAll(List.of("results.json", "results.csv", "tables.json",
        "report.md", "trajectories_w8a.png", "trajectories_phishing.png")),
        outputs.keySet().toString());

    // Every unit is recorded: neither data set is read (both are gone), and the summary files
    // written again from the unit files are byte for byte the first run's.
    Files.delete(phishing);
    Files.delete(w8a);
    for (String f : outputs.keySet()) {
      Files.delete(out.resolve(f));
    }
    SyntheticJob.Pending done = SyntheticJob.pending(units, out.toString(), conf);
    assertEquals(Set.of(), done.dataPaths());
    assertEquals(List.of(), done.units());
    SyntheticJob.Outcome resumed = SyntheticJob.run(jsc, done, "exp5-real",
        SyntheticPlan.Scale.SMOKE, "test exp5-real", conf);
    assertEquals(0, resumed.ran());
    assertEquals(units.size(), resumed.skipped());
    Map<String, byte[]> again = summaryFiles(out);
    assertEquals(outputs.keySet(), again.keySet());
    for (String f : outputs.keySet()) {
      assertArrayEquals(outputs.get(f), again.get(f), f);
    }

    // One w8a unit is missing: w8a is read (so its absence is bad input, named), phishing is not.
    SyntheticUnit lost = units.stream()
        .filter(u -> u.dataset().equals("w8a") && u.method().equals("sparse-ho"))
        .findFirst().orElseThrow();
    Files.delete(Path.of(SyntheticJob.unitPath(out.toString(), lost)));
    InputDataException missing = assertThrows(InputDataException.class,
        () -> SyntheticJob.pending(units, out.toString(), conf));
    assertTrue(missing.getMessage().contains(w8a.toString()), missing.getMessage());
    Files.copy(Path.of(samples, "w8a-sample.libsvm"), w8a);
    SyntheticJob.Pending one = SyntheticJob.pending(units, out.toString(), conf);
    assertEquals(Set.of(w8a.toString()), one.dataPaths());
    assertEquals(List.of(lost), one.units());
    SyntheticJob.Outcome third = SyntheticJob.run(jsc, one, "exp5-real",
        SyntheticPlan.Scale.SMOKE, "test exp5-real", conf);
    assertEquals(1, third.ran());
    assertEquals(withoutTimings(new String(outputs.get("results.json"), StandardCharsets.UTF_8)),
        withoutTimings(Files.readString(out.resolve("results.json"))));
  }

  /** The files directly under out (everything but units/), name → bytes. */
  private static Map<String, byte[]> summaryFiles(Path out) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (var s = Files.list(out)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        files.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    }
    return files;
  }

  private static JsonNode withoutTimings(String json) throws IOException {
    JsonNode a = UnitJson.MAPPER.readTree(json);
    for (JsonNode r : a) {
      ((ObjectNode) r).remove(List.of("seconds", "seconds_per_iteration"));
    }
    return a;
  }
}
