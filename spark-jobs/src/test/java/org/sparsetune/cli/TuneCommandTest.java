package org.sparsetune.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tune} on the command line: bad input is exit code 2 with a message naming the file, the
 * line and the problem, found before Spark starts (so never retried as a lost task); a driver
 * killed mid-run resumes from its checkpoints and ends with the uninterrupted result.
 */
class TuneCommandTest {
  private static final Path SAMPLES =
      Path.of(System.getProperty("sparsetune.samples", "../data-samples"));
  private static final String W8A = SAMPLES.resolve("w8a-sample.libsvm").toString();

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

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

  private void assertBadInput(Run r, String... fragments) {
    assertEquals(2, r.code(), r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), "message should mention '" + f + "': " + r.err());
    }
    assertTrue(SparkSession.getActiveSession().isEmpty(), "no Spark was started");
  }

  @Test
  void malformedLibsvmNamesFileAndLine() throws IOException {
    Path bad = write("bad.libsvm", "1 1:0.5 3:1\n-1 2:abc\n");
    Path out = tmp.resolve("out");
    assertBadInput(run("tune", "--data", bad.toString(), "--out", out.toString()),
        bad + ":2:", "non-numeric", "abc");
    assertFalse(Files.exists(out.resolve("summary.json")));
  }

  @Test
  void validationFileWithMoreFeaturesThanTraining() throws IOException {
    Path train = write("train.libsvm", "1 1:1 2:1\n-1 2:1\n1 1:1\n-1 2:2\n");
    Path val = write("val.libsvm", "1 1:1\n-1 7:1\n");
    assertBadInput(run("tune", "--data", train.toString(), "--val", val.toString(), "--out",
        tmp.resolve("o").toString()), val + ":2:", "7", "training data", "2 features");
  }

  @Test
  void unknownMethodAndBadOptions() {
    assertBadInput(run("tune", "--data", W8A, "--method", "gridsearch", "--out",
        tmp.resolve("o").toString()), "gridsearch");
    assertBadInput(run("tune", "--data", W8A, "--folds", "0", "--out",
        tmp.resolve("o").toString()), "--folds");
    assertBadInput(run("tune", "--data", W8A, "--loss", "hinge"), "hinge");
    assertBadInput(run("tune", "--data", W8A, "--auto-patience", "-1", "--out",
        tmp.resolve("o").toString()), "--auto-patience must be at least 0, got -1");
  }

  @Test
  void outputPathThatCannotBeWritten() throws IOException {
    Path file = write("a-file", "x");
    assertBadInput(run("tune", "--data", W8A, "--out", file.resolve("out").toString()),
        file.toString());
    assertBadInput(run("tune", "--data", W8A, "--out", file.toString()), "not a folder");
  }

  @Test
  void anotherCommandsCheckpointInOutIsBadInputAndIsKept() throws IOException {
    Path out = tmp.resolve("ckpt");
    Run first = run("tune", "--data", W8A, "--method", "ntrba-sc", "--max-iter", "1",
        "--master", "local[2]", "--out", out.toString());
    assertEquals(0, first.code(), first.err());
    byte[] summary = Files.readAllBytes(out.resolve("summary.json"));
    Run other = run("tune", "--data", W8A, "--method", "ntrba-sc", "--max-iter", "1", "--l2",
        "0.5", "--master", "local[2]", "--out", out.toString());
    assertBadInput(other, out.resolve("checkpoint").resolve("seed-0").toString(),
        "another command", "another --out");
    assertFalse(other.err().contains("internal error"), other.err());
    assertArrayEquals(summary, Files.readAllBytes(out.resolve("summary.json")));
  }

  @Test
  void experimentWithBadArgumentsOrUnwritableOutputStopsBeforeSpark() throws IOException {
    Path file = write("a-file", "x");
    assertBadInput(run("experiment", "exp4", "--scale", "smoke", "--out",
        file.resolve("out").toString()), file.toString());
    assertBadInput(run("experiment", "exp9", "--out", tmp.resolve("o").toString()), "exp9");
    assertBadInput(run("experiment", "exp4", "--scale", "huge", "--out",
        tmp.resolve("o").toString()), "huge");
    assertBadInput(run("experiment", "exp5-real", "--scale", "smoke", "--datasets", "rcv2",
        "--out", tmp.resolve("o").toString()), "rcv2");
    Path bad = write("bad.libsvm", "1 1:0.5\n-1 1:x\n");
    assertBadInput(run("experiment", "exp5-real", "--scale", "smoke", "--datasets", "broken",
        "--dataset", "broken=" + bad, "--out", tmp.resolve("o").toString()), bad + ":2:");
  }

  @Test
  void aDriverKilledMidRunResumesToTheUninterruptedResult() throws Exception {
    String[] common = {"tune", "--data", W8A, "--method", "ntrba-sc", "--folds", "2",
        "--seeds", "0,1", "--max-iter", "25", "--master", "local[2]"};
    Path killed = tmp.resolve("killed");
    Process p = driver(common, killed);
    Path marker = killed.resolve("checkpoint/seed-0/iteration-000003.bin");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(marker) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(p.isAlive(), "the driver should still be running at iteration 3: "
        + Files.readString(tmp.resolve("driver.log")));
    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertFalse(Files.exists(killed.resolve("summary.json")), "killed before the end");

    Run resumed = run(args(common, killed));
    assertEquals(0, resumed.code(), resumed.err());
    Path clean = tmp.resolve("clean");
    Run uninterrupted = run(args(common, clean));
    assertEquals(0, uninterrupted.code(), uninterrupted.err());

    assertEquals(withoutSeconds(clean.resolve("trajectory.csv")),
        withoutSeconds(killed.resolve("trajectory.csv")));
    for (String f : List.of("penalties.csv", "coefficients.csv")) {
      assertEquals(Files.readString(clean.resolve(f)), Files.readString(killed.resolve(f)), f);
    }
    String summary = Files.readString(killed.resolve("summary.json"));
    assertTrue(summary.matches("(?s).*\"resumed_iterations\" : [1-9].*"), summary);
  }

  private static String[] args(String[] common, Path out) {
    List<String> a = new ArrayList<>(List.of(common));
    a.add("--out");
    a.add(out.toString());
    return a.toArray(new String[0]);
  }

  /** The driver as its own JVM, with this test's class path and JVM flags. */
  private Process driver(String[] common, Path out) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    for (String flag : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--add-opens") || flag.startsWith("-Djdk.reflect")
          || flag.startsWith("-Dio.netty") || flag.startsWith("-XX:+IgnoreUnrecognized")) {
        cmd.add(flag);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SparsetuneCli.class.getName());
    cmd.addAll(List.of(args(common, out)));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("driver.log").toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  private static List<String> withoutSeconds(Path csv) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(csv)) {
      out.add(line.substring(0, line.lastIndexOf(',')));
    }
    return out;
  }
}
