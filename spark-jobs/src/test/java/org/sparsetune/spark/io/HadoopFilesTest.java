package org.sparsetune.spark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsetune.data.InputDataException;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.LibsvmOptions;
import org.sparsetune.data.LibsvmReader;

/**
 * {@link HadoopFiles#readLibsvm} on a folder of Spark part files: the parts in name order are
 * one data set, equal to reading their concatenation as one file; everything but nonempty
 * {@code part-*} files is ignored; errors name the part file and its line.
 */
class HadoopFilesTest {
  private static final Configuration CONF = new Configuration();

  @TempDir Path tmp;

  private Path write(Path dir, String name, String text) throws IOException {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(name), text, StandardCharsets.ISO_8859_1);
  }

  /** A folder as Spark leaves it: parts (one empty), _SUCCESS, a hidden file, a subfolder. */
  private Path sparkFolder() throws IOException {
    Path dir = tmp.resolve("libsvm");
    // Name order is part-00000, part-00002, part-00010: lexicographic, which Spark's zero-padded
    // partition numbers make the partition order.
    write(dir, "part-00010-abc-c000.libsvm", "1.0 2:0.5 9:1.5\n");
    write(dir, "part-00000-abc-c000.libsvm", "-1.0 1:1.0 3:-2.0\n1.0 2:4.0\n");
    write(dir, "part-00001-abc-c000.libsvm", "");
    write(dir, "part-00002-abc-c000.libsvm", "-1.0\n1.0 4:0.25 5:0.0\n");
    write(dir, "_SUCCESS", "");
    write(dir, ".part-00003-abc-c000.libsvm", "hidden: not read\n");
    write(dir.resolve("_temporary"), "part-00099", "not libsvm at all\n");
    return dir;
  }

  @Test
  void aFolderOfPartsReadsAsTheirConcatenation() throws IOException {
    Path dir = sparkFolder();
    String concatenated = "-1.0 1:1.0 3:-2.0\n1.0 2:4.0\n" + "-1.0\n1.0 4:0.25 5:0.0\n"
        + "1.0 2:0.5 9:1.5\n";
    LabeledData expected = LibsvmReader.read(
        new ByteArrayInputStream(concatenated.getBytes(StandardCharsets.ISO_8859_1)), "all",
        LibsvmOptions.binary());
    for (String uri : new String[] {dir.toString(), dir + "/", dir.toUri().toString()}) {
      LabeledData d = HadoopFiles.readLibsvm(uri, LibsvmOptions.binary(), CONF);
      assertEquals(5, d.rows(), uri);
      assertEquals(9, d.cols(), "the largest index over all parts");
      assertArrayEquals(expected.labels(), d.labels(), 0.0);
      for (int j = 0; j < 9; j++) {
        assertArrayEquals(expected.features().column(j), d.features().column(j), 0.0,
            "column " + (j + 1));
      }
    }
  }

  @Test
  void aDeclaredFeatureCountWidensEveryPartAndIsChecked() throws IOException {
    Path dir = sparkFolder();
    LabeledData d = HadoopFiles.readLibsvm(dir.toString(),
        LibsvmOptions.binary().withFeatureCount(12), CONF);
    assertEquals(12, d.cols());
    assertEquals(5, d.rows());
    InputDataException e = assertThrows(InputDataException.class, () -> HadoopFiles.readLibsvm(
        dir.toString(), LibsvmOptions.binary().withFeatureCount(8), CONF));
    assertEquals(dir + "/part-00010-abc-c000.libsvm", e.file());
    assertEquals(1, e.line());
    assertTrue(e.getMessage().contains("feature index 9 above the declared feature count 8"),
        e.getMessage());
  }

  @Test
  void anErrorNamesThePartFileAndLine() throws IOException {
    Path dir = tmp.resolve("bad");
    write(dir, "part-00000", "1 1:1\n-1 2:1\n");
    write(dir, "part-00001", "1 1:1\n\n-1 2:x\n");
    InputDataException e = assertThrows(InputDataException.class,
        () -> HadoopFiles.readLibsvm(dir.toString(), LibsvmOptions.binary(), CONF));
    assertEquals(dir + "/part-00001", e.file());
    assertEquals(3, e.line());
    assertTrue(e.getMessage().startsWith(dir + "/part-00001:3: non-numeric value 'x'"),
        e.getMessage());
  }

  @Test
  void foldersWithoutRowsAreBadInput() throws IOException {
    Path none = tmp.resolve("none");
    write(none, "_SUCCESS", "");
    InputDataException e = assertThrows(InputDataException.class,
        () -> HadoopFiles.readLibsvm(none.toString(), LibsvmOptions.binary(), CONF));
    assertTrue(e.getMessage().startsWith(none + ": is a folder without part-* files"),
        e.getMessage());
    Path empty = tmp.resolve("empty");
    write(empty, "part-00000", "");
    write(empty, "part-00001", "");
    e = assertThrows(InputDataException.class,
        () -> HadoopFiles.readLibsvm(empty.toString(), LibsvmOptions.binary(), CONF));
    assertEquals(empty + ": no rows: every part-* file in the folder is empty", e.getMessage());
  }

  @Test
  void aSingleFileStillReads() throws IOException {
    Path f = write(tmp, "one.libsvm", "1 3:1\n0 1:2\n");
    LabeledData d = HadoopFiles.readLibsvm(f.toString(), LibsvmOptions.binary(), CONF);
    assertEquals(2, d.rows());
    assertEquals(3, d.cols());
    assertArrayEquals(new double[] {1, -1}, d.labels(), 0.0);
    InputDataException e = assertThrows(InputDataException.class, () -> HadoopFiles.readLibsvm(
        tmp.resolve("missing").toString(), LibsvmOptions.binary(), CONF));
    assertTrue(e.getMessage().contains("file not found"), e.getMessage());
  }

  @Test
  void localWritesAreAtomicReplaceAndLeaveNothingBehind() throws IOException {
    Path target = tmp.resolve("out/deeper/checkpoint.bin");
    for (String uri : new String[] {target.toString(), target.toUri().toString()}) {
      HadoopFiles.writeAtomically(uri, new byte[] {1, 2, 3}, CONF);
      assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
      HadoopFiles.writeTextAtomically(uri, "replaced", CONF);
      assertEquals("replaced", Files.readString(target));
      assertEquals("replaced", HadoopFiles.readText(uri, CONF));
    }
    try (var files = Files.list(target.getParent())) {
      // no temporary file and no Hadoop .crc sidecar
      assertEquals(java.util.List.of("checkpoint.bin"),
          files.map(f -> f.getFileName().toString()).toList());
    }
    Path blocker = write(tmp, "a-file", "x");
    HadoopFiles.OutputException e = assertThrows(HadoopFiles.OutputException.class,
        () -> HadoopFiles.writeAtomically(blocker.resolve("child.bin").toString(), new byte[1],
            CONF));
    assertTrue(e.getMessage().contains("child.bin"), e.getMessage());
    assertEquals("x", Files.readString(blocker));
  }
}
