package org.sparsetune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/bin/sparsetune on a checkout that has never been built: it must say what is missing, not
 * end silently (a failing command substitution under {@code set -e} once made the README's first
 * command exit 1 without a word on a fresh clone).
 */
class LauncherTest {
  @TempDir Path tmp;

  @Test
  void anUnbuiltCheckoutIsReportedNotSilent() throws IOException, InterruptedException {
    Path launcher = Path.of("..", "deploy", "bin", "sparsetune");
    Path bin = Files.createDirectories(tmp.resolve("deploy/bin"));
    Files.copy(launcher, bin.resolve("sparsetune"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.createDirectories(tmp.resolve("spark-jobs/target"));
    ProcessBuilder pb = new ProcessBuilder("bash", bin.resolve("sparsetune").toString(), "--help");
    pb.environment().put("SPARSETUNE_SKIP_BUILD", "1");
    pb.redirectErrorStream(true);
    Process proc = pb.start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(proc.waitFor(30, TimeUnit.SECONDS));
    assertEquals(1, proc.exitValue(), out);
    assertTrue(out.contains("sparsetune: not built"), "the launcher explains itself: '" + out + "'");
  }
}
