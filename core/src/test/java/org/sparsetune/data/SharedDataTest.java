package org.sparsetune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Full benchmark files read with the figures of {@code SOURCES.md} in the shared data folder
 * (system property {@code sparsetune.shared.data}, set by surefire). Skipped where that folder is
 * missing.
 */
class SharedDataTest {

  private static Path shared(String name) {
    String dir = System.getProperty("sparsetune.shared.data");
    Assumptions.assumeTrue(dir != null, "sparsetune.shared.data is not set");
    Path p = Path.of(dir, name);
    Assumptions.assumeTrue(Files.isRegularFile(p), () -> p + " is missing");
    return p;
  }

  @Test
  void w8aFromXz() {
    LabeledData d = LibsvmReader.read(shared("w8a.xz"), LibsvmOptions.binary());
    assertEquals(49_749, d.rows());
    assertEquals(300, d.cols());
    assertEquals(579_586, d.features().storedEntries());
    assertEquals(Map.of(-1.0, 48_270, 1.0, 1_479), LibsvmReaderTest.labelCounts(d.labels()));
  }

  @Test
  void phishingFromXzMapsZeroOneLabels() {
    LabeledData d = LibsvmReader.read(shared("phishing.xz"), LibsvmOptions.binary());
    assertEquals(11_055, d.rows());
    assertEquals(68, d.cols());
    assertEquals(Map.of(-1.0, 4_898, 1.0, 6_157), LibsvmReaderTest.labelCounts(d.labels()));
  }
}
