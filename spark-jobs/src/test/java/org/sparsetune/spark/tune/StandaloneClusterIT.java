package org.sparsetune.spark.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster (master + 2 workers on 127.0.0.1, started from the Maven jars by
 * {@code deploy/cluster/start-cluster.sh}) runs the packaged app jar through SparkSubmit: the
 * result equals local mode, and still does when a worker is killed mid-run. Integration test
 * (failsafe, after {@code package}); run by {@code mvn verify}.
 */
class StandaloneClusterIT {
  private static final Path ROOT = Path.of(System.getProperty("sparsetune.root", "..")).toAbsolutePath();
  private static Path state;
  private static String master;

  @TempDir static Path tmp;

  @BeforeAll
  static void startCluster() throws Exception {
    state = tmp.resolve("cluster");
    int port = freePort();
    int ui = freePort();
    Process p = new ProcessBuilder(ROOT.resolve("deploy/cluster/start-cluster.sh").toString(),
        "--port", String.valueOf(port), "--webui-port", String.valueOf(ui), "--state",
        state.toString(), "--workers", "2", "--cores", "1", "--memory", "1g")
        .redirectErrorStream(true).redirectOutput(tmp.resolve("start.log").toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "cluster start timed out");
    String log = Files.readString(tmp.resolve("start.log"));
    assertEquals(0, p.exitValue(), log);
    master = "spark://127.0.0.1:" + port;
    assertTrue(log.contains(master), log);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (state != null) {
      new ProcessBuilder(ROOT.resolve("deploy/cluster/stop-cluster.sh").toString(), "--state",
          state.toString()).inheritIO().start().waitFor(60, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static final String[] TUNE = {"tune", "--data", TuneFixtures.W8A, "--method",
      "ntrba-sc", "--folds", "2", "--seeds", "0,1", "--max-iter", "10"};

  @Test
  void clusterRunEqualsLocalRunEvenWhenAWorkerDies() throws Exception {
    // The local reference: the same job in this JVM on local[2].
    Path local = tmp.resolve("local");
    TuneJob.Config c = TuneFixtures.config(local.toString(), "ntrba-sc", new long[] {0, 1}, 2,
        10, 1, false);
    c = new TuneJob.Config(c.data(), null, null, 0, c.layout(), c.options().withMaxIterations(10)
        .withNtrba(c.options().ntrba().withParallelRadii(1)), c.seeds(), c.solver(), c.oracle(),
        c.out(), false);
    JavaSparkContext jsc = TuneFixtures.context("local[2]", Map.of());
    try {
      TuneJob.run(jsc, TuneFixtures.prepare(withBatch(c, 8)));
    } finally {
      jsc.stop();
    }

    Path plain = tmp.resolve("cluster-plain");
    Process p = submit(plain, "plain");
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "cluster run timed out");
    assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("plain.log")));
    assertSameOutputs(local, plain);
    String summary = Files.readString(plain.resolve("summary.json"));
    assertTrue(summary.contains("\"master\" : \"" + master + "\""), summary);
    assertTrue(summary.contains("\"executors\" : 2"), summary);

    Path lost = tmp.resolve("cluster-worker-lost");
    Process q = submit(lost, "lost");
    Path marker = lost.resolve("checkpoint/seed-0/iteration-000002.bin");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!Files.exists(marker) && q.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertFalse(Files.exists(lost.resolve("summary.json")), "the worker dies mid-run");
    Process kill = new ProcessBuilder(ROOT.resolve("deploy/cluster/kill-worker.sh").toString(),
        "--state", state.toString(), "2").redirectErrorStream(true).start();
    assertTrue(kill.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, kill.exitValue(), new String(kill.getInputStream().readAllBytes()));
    assertTrue(q.waitFor(300, TimeUnit.SECONDS), "run after worker loss timed out");
    assertEquals(0, q.exitValue(), Files.readString(tmp.resolve("lost.log")));
    assertSameOutputs(local, lost);
  }

  private static TuneJob.Config withBatch(TuneJob.Config c, int batch) {
    var o = c.options();
    return new TuneJob.Config(c.data(), c.val(), c.test(), c.features(), c.layout(),
        new org.sparsetune.outer.TuningOptions(o.method(), o.maxIterations(), o.startFraction(),
            o.nbaStep(), o.ntrba(), o.grid(), o.searchLowFraction(), o.searchHighFraction(),
            batch, o.seed(), o.autoPatience()), c.seeds(), c.solver(), c.oracle(), c.out(),
        false);
  }

  /** spark-submit (the SparkSubmit class, client mode) of the packaged app jar to the cluster. */
  private static Process submit(Path out, String name) throws IOException {
    Path target = ROOT.resolve("spark-jobs/target");
    Path app;
    try (var files = Files.list(target)) {
      app = files.filter(f -> f.getFileName().toString().endsWith("-app.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no app jar in " + target));
    }
    String cp = Files.readString(target.resolve("runtime-classpath.txt")).trim();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    for (String flag : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--add-opens") || flag.startsWith("-Djdk.reflect")
          || flag.startsWith("-Dio.netty") || flag.startsWith("-XX:+IgnoreUnrecognized")) {
        cmd.add(flag);
      }
    }
    cmd.addAll(List.of("-cp", cp, "org.apache.spark.deploy.SparkSubmit", "--master", master,
        "--class", "org.sparsetune.cli.SparsetuneCli", "--executor-memory", "512m",
        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.ui.enabled=false",
        app.toString()));
    cmd.addAll(List.of(TUNE));
    cmd.addAll(List.of("--out", out.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  private static void assertSameOutputs(Path expected, Path actual) throws IOException {
    assertEquals(withoutSeconds(expected.resolve("trajectory.csv")),
        withoutSeconds(actual.resolve("trajectory.csv")));
    for (String f : List.of("penalties.csv", "coefficients.csv")) {
      assertEquals(Files.readString(expected.resolve(f)), Files.readString(actual.resolve(f)), f);
    }
  }

  private static List<String> withoutSeconds(Path csv) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(csv)) {
      out.add(line.substring(0, line.lastIndexOf(',')));
    }
    return out;
  }
}
