package org.sparsetune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.LibsvmOptions;
import org.sparsetune.data.LibsvmReader;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.OracleResult;
import org.sparsetune.oracle.SubgradientOracle;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.ProximalCoordinateDescent;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.WarmStart;

/** The command line in-process: exit codes, JSON fields, messages, outputs. */
class SparsetuneCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SAMPLES = Path.of(System.getProperty("sparsetune.samples", "../data-samples"));

  @TempDir Path tmp;

  record Run(int code, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SparsetuneCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  private Path write(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  /**
   * picocli formats every description with {@code String.format}; a bare '%' makes it print a
   * warning on stderr and the raw text instead. Every command's help must render cleanly.
   */
  @Test
  void everyHelpTextRendersWithoutFormatWarnings() {
    List<String> commands = new java.util.ArrayList<>(List.of(""));
    commands.addAll(new picocli.CommandLine(new SparsetuneCli()).getSubcommands().keySet());
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    try {
      System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
      for (String command : commands) {
        Run r = command.isEmpty() ? run("--help") : run(command, "--help");
        assertEquals(0, r.code(), command + ": " + r.err());
        assertFalse(r.out().contains("%n") || r.out().contains("%%"), command + ": " + r.out());
      }
    } finally {
      System.setErr(saved);
    }
    String warnings = captured.toString(StandardCharsets.UTF_8);
    assertFalse(warnings.contains("picocli WARN"), warnings);
    assertTrue(commands.size() > 5, commands.toString());
  }

  @Test
  void solvePrintsTheContractFieldsAndMeetsTheTolerance() throws IOException {
    Path data = SAMPLES.resolve("w8a-sample.libsvm");
    Path coef = tmp.resolve("out/coefficients.txt");
    Run r = run("solve", "--data", data.toString(), "--penalty-fraction", "0.05", "--tol", "1e-9",
        "--coefficients", coef.toString(), "--repeat", "2");
    assertEquals(0, r.code(), r.err());
    JsonNode j = r.json();
    for (String field : List.of("iterations", "kkt", "nonzeros", "termination", "seconds")) {
      assertTrue(j.has(field), "missing " + field + " in " + r.out());
    }
    assertEquals("converged", j.get("termination").asText());
    assertTrue(j.get("kkt").asDouble() <= 1e-9);
    assertEquals(5000, j.get("rows").asInt());
    // The written coefficients are the solution: recompute its KKT violation independently.
    List<String> lines = Files.readAllLines(coef);
    assertEquals(300, lines.size());
    double[] y = lines.stream().mapToDouble(Double::parseDouble).toArray();
    LabeledData d = LibsvmReader.read(data, LibsvmOptions.binary());
    LowerLevelProblem base = new LowerLevelProblem(d.features(), d.labels(), Loss.LOGISTIC,
        1.0 / d.rows(), new double[d.cols()], false);
    LowerLevelProblem p = LowerLevelProblem.uniform(d.features(), d.labels(), Loss.LOGISTIC,
        1.0 / d.rows(), 0.05 * Kkt.maxUniformPenalty(base));
    assertTrue(Kkt.maxViolation(p, y, 0.0) <= 1e-9);
    long nonzeros = java.util.Arrays.stream(y).filter(v -> v != 0.0).count();
    assertEquals(j.get("nonzeros").asLong(), nonzeros);
    try (Stream<Path> files = Files.list(coef.getParent())) {
      assertEquals(1, files.count(), "no temporary file may be left behind");
    }
  }

  @Test
  void logPenaltiesFileGivesThePenaltyExpOfEachLine() throws IOException {
    Path data = write("d.libsvm", "1.5 1:1 2:0.5\n-0.5 1:0.2 2:1\n0.7 2:2\n");
    Path x = write("x.txt", "# log-penalties\n" + Math.log(0.01) + "\n" + Math.log(0.02) + "\n");
    Run r = run("solve", "--data", data.toString(), "--loss", "quadratic", "--log-penalties",
        x.toString(), "--tol", "1e-12", "--l2", "0.1");
    assertEquals(0, r.code(), r.err());
    Run same = run("solve", "--data", data.toString(), "--loss", "quadratic", "--penalty", "0.01",
        "--tol", "1e-12", "--l2", "0.1");
    assertFalse(r.json().get("objective").asDouble() == same.json().get("objective").asDouble(),
        "different penalties must give a different objective");
  }

  @Test
  void badInputIsExitCodeTwoWithFileLineAndProblem() throws IOException {
    Path bad = write("bad.libsvm", "1 1:0.5\n1 3:x\n");
    Run r = run("solve", "--data", bad.toString(), "--penalty", "0.1");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bad.libsvm:2"), r.err());
    assertTrue(r.err().contains("'x'"), r.err());

    Run missing = run("solve", "--data", tmp.resolve("nope.libsvm").toString(), "--penalty", "0.1");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("not found"), missing.err());

    Run loss = run("solve", "--data", bad.toString(), "--loss", "hinge", "--penalty", "0.1");
    assertEquals(2, loss.code());
    assertTrue(loss.err().contains("unknown loss 'hinge'"), loss.err());

    Run usage = run("solve", "--data", bad.toString());
    assertEquals(2, usage.code());
    assertTrue(usage.err().contains("--penalty"), usage.err());

    Path x = write("short.txt", "0.1\n");
    Path ok = write("ok.libsvm", "1 1:1 2:1\n-1 2:1\n");
    Run count = run("solve", "--data", ok.toString(), "--log-penalties", x.toString());
    assertEquals(2, count.code());
    assertTrue(count.err().contains("short.txt") && count.err().contains("expected 2"), count.err());

    Run noSub = run();
    assertEquals(2, noSub.code());
  }

  @Test
  void unwritableOutputIsExitCodeTwo() throws IOException {
    Path data = SAMPLES.resolve("phishing-sample.libsvm");
    Path blocker = write("file-not-folder", "x");
    Run r = run("solve", "--data", data.toString(), "--penalty", "0.01", "--coefficients",
        blocker.resolve("coef.txt").toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("cannot write"), r.err());
  }

  @Test
  void hypergradientMatchesTheCoreOracle() throws IOException {
    Path train = write("tr.libsvm", "1 1:1 2:0.3 3:0.2\n-1 1:-0.5 2:1\n1 2:0.4 3:1\n-1 1:-1 3:-0.3\n1 1:0.8 3:0.1\n");
    Path val = write("va.libsvm", "1 1:0.9 2:0.1\n-1 1:-0.7 3:0.4\n1 2:0.5\n");
    Run r = run("hypergradient", "--train", train.toString(), "--val", val.toString(),
        "--penalty", "0.02", "--policy", "sc", "--tol", "1e-13");
    assertEquals(0, r.code(), r.err());
    JsonNode j = r.json();
    for (String f : List.of("value", "gradient", "support", "biactive", "inactive", "pruning_rounds")) {
      assertTrue(j.has(f), "missing " + f);
    }
    LabeledData tr = LibsvmReader.read(train, LibsvmOptions.binary());
    LabeledData va = LibsvmReader.read(val, LibsvmOptions.binary().withFeatureCount(3));
    LowerLevelProblem p = LowerLevelProblem.uniform(tr.features(), tr.labels(), Loss.LOGISTIC,
        1.0 / tr.rows(), 0.02);
    SolverResult s = new ProximalCoordinateDescent(SolverOptions.DEFAULTS.withTolerance(1e-13))
        .solve(p, WarmStart.COLD);
    OracleResult o = new SubgradientOracle(OracleOptions.DEFAULTS)
        .evaluate(p, s, va.features(), va.labels(), UpperCriterion.LOGISTIC, null);
    assertEquals(o.value(), j.get("value").asDouble(), 1e-12);
    assertEquals(3, j.get("gradient").size());
    for (int k = 0; k < 3; k++) {
      assertEquals(o.gradient()[k], j.get("gradient").get(k).asDouble(), 1e-12);
    }
  }

  @Test
  void validationWithMoreFeaturesThanTrainingIsRejected() throws IOException {
    Path train = write("tr.libsvm", "1 1:1\n-1 2:1\n");
    Path val = write("va.libsvm", "1 1:1 5:1\n");
    Run r = run("hypergradient", "--train", train.toString(), "--val", val.toString(), "--penalty", "0.1");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("va.libsvm:1"), r.err());
  }

  @Test
  void helpListsEverySubcommand() {
    Run r = run("--help");
    assertEquals(0, r.code());
    for (String sub : List.of("solve", "hypergradient", "bench-solver", "bench-oracle")) {
      assertTrue(r.out().contains(sub), "help lacks " + sub);
    }
  }
}
