package org.sparsetune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The samples in {@code data-samples/} read as its README says: rows, features, nonzeros and
 * labels are the figures that README counted with awk. The folder comes from the system property
 * {@code sparsetune.samples} (set by surefire); the tests are skipped when it is missing.
 */
class DataSamplesTest {

  private static Path sample(String name) {
    String dir = System.getProperty("sparsetune.samples");
    Assumptions.assumeTrue(dir != null, "sparsetune.samples is not set");
    Path p = Path.of(dir, name);
    Assumptions.assumeTrue(Files.isRegularFile(p), () -> p + " is missing");
    return p;
  }

  private static void assertShape(LabeledData d, int rows, int cols, long nonzeros) {
    assertEquals(rows, d.rows(), "rows");
    assertEquals(cols, d.cols(), "features");
    assertEquals(nonzeros, d.features().storedEntries(), "nonzeros");
  }

  @Test
  void w8aSample() {
    LabeledData d = LibsvmReader.read(sample("w8a-sample.libsvm"), LibsvmOptions.binary());
    assertShape(d, 5_000, 300, 62_728);
    assertEquals(Map.of(-1.0, 3_521, 1.0, 1_479), LibsvmReaderTest.labelCounts(d.labels()));
  }

  @Test
  void phishingSampleMapsZeroOneLabelsAndReadsCrlf() {
    LabeledData d = LibsvmReader.read(sample("phishing-sample.libsvm"), LibsvmOptions.binary());
    assertShape(d, 2_000, 67, 60_000);
    assertEquals(Map.of(-1.0, 873, 1.0, 1_127), LibsvmReaderTest.labelCounts(d.labels()));
    LabeledData declared = LibsvmReader.read(
        sample("phishing-sample.libsvm"), LibsvmOptions.binary().withFeatureCount(68));
    assertEquals(68, declared.cols());
  }

  @Test
  void phishingSampleEqualsANaiveDenseParse() throws IOException {
    Path p = sample("phishing-sample.libsvm");
    LabeledData d = LibsvmReader.read(p, LibsvmOptions.binary());
    LibsvmReaderTest.assertEqualsNaive(Files.readString(p, StandardCharsets.US_ASCII), d);
  }

  @Test
  void mnist01SampleIsReadFromXz() {
    Path p = sample("mnist01-sample.libsvm.xz");
    LabeledData d = LibsvmReader.read(p, LibsvmOptions.binary());
    assertShape(d, 1_000, 716, 137_278);
    assertEquals(Map.of(-1.0, 462, 1.0, 538), LibsvmReaderTest.labelCounts(d.labels()));
  }

  @Test
  void blogSampleIsARegressionSample() {
    LabeledData d = LibsvmReader.read(sample("blog-sample.libsvm"), LibsvmOptions.real());
    assertShape(d, 1_000, 280, 44_969);
    double sum = 0;
    int zeros = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (double y : d.labels()) {
      sum += y;
      zeros += y == 0.0 ? 1 : 0;
      max = Math.max(max, y);
    }
    assertArrayEquals(new double[] {5_726, 315, 124}, new double[] {sum, zeros, max});
    assertEquals(43, LibsvmReaderTest.labelCounts(d.labels()).size(), "distinct target values");
  }
}
