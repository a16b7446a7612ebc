package org.sparsetune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * deploy/submit/{standalone,yarn,kubernetes}.sh with {@code SPARSETUNE_DRY_RUN=1}: the printed
 * spark-submit command runs the subcommand asked for (tune when the first argument names none,
 * as before subcommands could be chosen), names the application {@code sparsetune-SUB}, and passes
 * every argument on unchanged; the scripts' list of subcommands is the CLI's.
 */
class SubmitScriptsTest {
  /** The app jar the scripts are told to use, so that nothing is looked up or built. */
  private static final String APP_JAR = "hdfs:///apps/sparsetune-spark-jobs-app.jar";

  @TempDir static Path tmp;

  /** What one script invocation printed and returned. */
  private record Result(int exitCode, String stdout, String stderr) {
    /** The printed command, split as the shell would (printf %q quoting undone). */
    List<String> command() {
      return shellWords(stdout.strip());
    }

    /** The arguments after the app jar: the subcommand and its arguments. */
    List<String> appArgs() {
      List<String> c = command();
      int jar = c.indexOf(APP_JAR);
      assertTrue(jar >= 0, "no app jar in " + c);
      return c.subList(jar + 1, c.size());
    }

    /** The value of spark-submit's --name. */
    String name() {
      List<String> c = command();
      int i = c.indexOf("--name");
      assertTrue(i >= 0 && i + 1 < c.size(), "no --name in " + c);
      return c.get(i + 1);
    }
  }

  private static Result submit(String script, String... args)
      throws IOException, InterruptedException {
    Path sparkHome = tmp.resolve("spark");
    Path submit = sparkHome.resolve("bin/spark-submit");
    if (!Files.exists(submit)) {
      Files.createDirectories(submit.getParent());
      Files.writeString(submit, "#!/bin/sh\nexit 0\n");
      Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.createDirectories(tmp.resolve("hadoop-conf"));
    }
    List<String> cmd = new ArrayList<>(List.of("bash",
        Path.of("..", "deploy", "submit", script + ".sh").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("SPARSETUNE_") || k.startsWith("SPARK_")
        || k.equals("HADOOP_CONF_DIR") || k.equals("YARN_CONF_DIR") || k.equals("K8S_API"));
    env.put("SPARSETUNE_DRY_RUN", "1");
    env.put("SPARSETUNE_SKIP_BUILD", "1");
    env.put("SPARSETUNE_APP_JAR", APP_JAR);
    if (!script.equals("standalone")) { // standalone: the fallback without a Spark distribution
      env.put("SPARK_HOME", sparkHome.toString());
    }
    env.put("HADOOP_CONF_DIR", tmp.resolve("hadoop-conf").toString());
    env.put("K8S_API", "10.0.0.1:6443");
    env.put("SPARSETUNE_IMAGE", "registry.example/sparsetune:test");
    Path err = Files.createTempFile(tmp, script, ".err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), script + " did not finish");
    return new Result(p.exitValue(), out, Files.readString(err));
  }

  @ParameterizedTest
  @ValueSource(strings = {"standalone", "yarn", "kubernetes"})
  void tuneArgumentsAloneStillSubmitTune(String script) throws Exception {
    String[] tune = {"--data", "hdfs:///data/w8a.libsvm", "--loss", "logistic", "--seeds", "0,1",
        "--out", "hdfs:///runs/w8a"};
    Result old = submit(script, tune);
    assertEquals(0, old.exitCode(), old.stderr());
    assertEquals("sparsetune-tune", old.name());
    List<String> expected = new ArrayList<>(List.of("tune"));
    expected.addAll(List.of(tune));
    assertEquals(expected, old.appArgs());

    // Naming tune changes nothing, and "--" before the arguments is still dropped.
    List<String> named = new ArrayList<>(List.of("tune"));
    named.addAll(List.of(tune));
    Result explicit = submit(script, named.toArray(String[]::new));
    assertEquals(0, explicit.exitCode(), explicit.stderr());
    assertEquals(old.stdout(), explicit.stdout());
    named.set(0, "--");
    assertEquals(old.stdout(), submit(script, named.toArray(String[]::new)).stdout());
    named.add(1, "tune");
    assertEquals(old.stdout(), submit(script, named.toArray(String[]::new)).stdout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"standalone", "yarn", "kubernetes"})
  void featurizeIsSubmittedAsFeaturize(String script) throws Exception {
    Result r = submit(script, "featurize", "news20", "--input",
        "hdfs:///data/20news-bydate.tar.xz", "--out", "hdfs:///data/news20", "--partitions", "8");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("sparsetune-featurize", r.name());
    assertEquals(List.of("featurize", "news20", "--input", "hdfs:///data/20news-bydate.tar.xz",
        "--out", "hdfs:///data/news20", "--partitions", "8"), r.appArgs());
    assertFalse(r.stderr().contains("warning"), r.stderr());
  }

  @ParameterizedTest
  @ValueSource(strings = {"standalone", "yarn", "kubernetes"})
  void experimentIsSubmittedAsExperiment(String script) throws Exception {
    Result r = submit(script, "experiment", "exp5-real", "--scale", "paper", "--datasets",
        "news20", "--dataset", "news20=hdfs:///data/news20/libsvm", "--out=hdfs:///runs/exp5");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("sparsetune-experiment", r.name());
    assertEquals(List.of("experiment", "exp5-real", "--scale", "paper", "--datasets", "news20",
        "--dataset", "news20=hdfs:///data/news20/libsvm", "--out=hdfs:///runs/exp5"),
        r.appArgs());
    assertFalse(r.stderr().contains("warning"), r.stderr());
  }

  @ParameterizedTest
  @ValueSource(strings = {"standalone", "yarn", "kubernetes"})
  void theScriptsMasterWinsForEverySubcommand(String script) throws Exception {
    for (String sub : List.of("tune", "experiment", "featurize")) {
      List<String> args = new ArrayList<>(switch (sub) {
        case "tune" -> List.of("tune", "--data", "hdfs:///d");
        case "experiment" -> List.of("experiment", "exp4");
        default -> List.of("featurize", "news20", "--input", "hdfs:///i");
      });
      args.addAll(List.of("--out", "hdfs:///o", "--master", "local[2]"));
      Result r = submit(script, args.toArray(String[]::new));
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stderr().contains(sub + "'s --master local[2] is ignored"), r.stderr());
      assertEquals(args, r.appArgs(), "the argument itself is passed on");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"yarn", "kubernetes"})
  void clusterModeNeedsOutForEveryWritingSubcommand(String script) throws Exception {
    for (String[] args : List.of(new String[] {"--data", "hdfs:///d"},
        new String[] {"featurize", "news20", "--input", "hdfs:///i"},
        new String[] {"experiment", "exp4", "--scale", "smoke"})) {
      Result r = submit(script, args);
      assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.stdout());
      assertTrue(r.stderr().contains("--out DIR is required in cluster mode"), r.stderr());
    }
    Result defaults = submit(script, "experiment", "exp5-real", "--out", "hdfs:///o");
    assertEquals(0, defaults.exitCode(), defaults.stderr());
    assertTrue(defaults.stderr().contains("without --data-dir"), defaults.stderr());
  }

  @ParameterizedTest
  @ValueSource(strings = {"standalone", "yarn", "kubernetes"})
  void helpAndMissingArguments(String script) throws Exception {
    Result help = submit(script, "--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.stdout().contains("[--] [SUBCOMMAND] ARGS..."), help.stdout());
    Result none = submit(script);
    assertEquals(2, none.exitCode());
    assertTrue(none.stderr().contains("no arguments"), none.stderr());
    Result featurizeHelp = submit(script, "featurize", "--help");
    assertEquals(List.of("featurize", "--help"), featurizeHelp.appArgs());
    Result solve = submit(script, "solve", "--data", "hdfs:///d", "--penalty", "0.1");
    assertEquals(0, solve.exitCode(), solve.stderr());
    assertEquals("sparsetune-solve", solve.name());
    assertTrue(solve.stderr().contains("solve runs no Spark job"), solve.stderr());
  }

  @Test
  void theScriptsKnowEverySubcommandOfTheCli() throws IOException {
    String common = Files.readString(Path.of("..", "deploy", "submit", "common.sh"));
    CommandLine cli = new CommandLine(new SparsetuneCli());
    Set<String> spark = new TreeSet<>();
    cli.getSubcommands().forEach((name, sub) -> {
      if (sub.getCommandSpec().findOption("--master") != null) {
        spark.add(name);
      }
    });
    assertEquals(new TreeSet<>(cli.getSubcommands().keySet()), shellArray(common, "SUBCOMMANDS"));
    assertEquals(spark, shellArray(common, "SPARK_SUBCOMMANDS"),
        "the subcommands that take --master are those that run Spark jobs");
  }

  /** The words of the bash array NAME=(...) in text. */
  private static Set<String> shellArray(String text, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "=\\(([^)]*)\\)").matcher(text);
    assertTrue(m.find(), name + " not found");
    return new TreeSet<>(Arrays.asList(m.group(1).trim().split("\\s+")));
  }

  /** Splits a line printed with printf '%q ' into words (backslash escapes only). */
  private static List<String> shellWords(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        w.append(line.charAt(++i));
        inWord = true;
      } else if (c == ' ') {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(w.toString());
    }
    return words;
  }
}
