package org.sparsetune.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AtomicFiles}: content, replacement, and no temporary file left behind. */
class AtomicFilesTest {

  @TempDir Path dir;

  private List<String> names(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /** A write creates missing folders, replaces an existing file and leaves only the target. */
  @Test
  void writesAndReplacesLeavingNoTemporaryFile() throws IOException {
    Path target = dir.resolve("sub/out.txt");
    AtomicFiles.write(target, "first".getBytes(StandardCharsets.UTF_8));
    assertEquals("first", Files.readString(target));
    AtomicFiles.write(target, out -> out.write("second".getBytes(StandardCharsets.UTF_8)));
    assertEquals("second", Files.readString(target));
    assertEquals(List.of("out.txt"), names(dir.resolve("sub")));
  }

  /** A content writer that fails leaves the old file untouched and no temporary file. */
  @Test
  void failedWriteLeavesTargetUnchanged() throws IOException {
    Path target = dir.resolve("keep.txt");
    AtomicFiles.write(target, new byte[] {1, 2, 3});
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
      out.write(new byte[] {9, 9});
      throw new IOException("disk full (simulated)");
    }));
    assertEquals("disk full (simulated)", e.getMessage());
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    assertEquals(List.of("keep.txt"), names(dir));
  }

  /** A content writer that closes the stream early does not break the write. */
  @Test
  void closingTheStreamEarlyIsHarmless() throws IOException {
    Path target = dir.resolve("closed.txt");
    AtomicFiles.write(target, out -> {
      out.write('a');
      out.close();
    });
    assertEquals("a", Files.readString(target));
    assertEquals(List.of("closed.txt"), names(dir));
  }

  /** A folder is not a file name. */
  @Test
  void refusesADirectoryAsTarget() {
    assertThrows(IOException.class, () -> AtomicFiles.write(dir, new byte[0]));
  }
}
