package org.sparsetune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CsvTable}: write/read round trips, locale independence, quoting, bad input. */
class CsvTableTest {

  @TempDir Path dir;

  /** Every double written reads back bit for bit; integers and text come back as written. */
  @Test
  void roundTripKeepsEveryValue() throws IOException {
    double[] values = {0.72125, 0.1, 1.0 / 3.0, 1e-17, -2.5e300, 0.0, -0.0, Double.MIN_VALUE, Double.NaN,
        Double.POSITIVE_INFINITY};
    CsvTable t = CsvTable.withHeader("k", "name", "value");
    for (int i = 0; i < values.length; i++) {
      t.addRow(i, "row " + i, values[i]);
    }
    Path file = t.write(dir.resolve("values.csv"));
    CsvTable back = CsvTable.read(file);
    assertEquals(List.of("k", "name", "value"), back.header());
    assertEquals(values.length, back.rowCount());
    for (int i = 0; i < values.length; i++) {
      assertEquals(Integer.toString(i), back.get(i, "k"));
      assertEquals("row " + i, back.get(i, "name"));
      assertEquals(Double.doubleToLongBits(values[i]), Double.doubleToLongBits(back.getDouble(i, "value")));
    }
    assertEquals(t.toCsv(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Cells with commas, quotes and line breaks are quoted and read back unchanged. */
  @Test
  void quotingRoundTrips() throws IOException {
    CsvTable t = CsvTable.withHeader("a", "b");
    t.addRow("x,y", "say \"hi\"");
    t.addRow("two\nlines", "");
    CsvTable back = CsvTable.read(t.write(dir.resolve("q.csv")));
    assertEquals(2, back.rowCount());
    assertEquals("x,y", back.get(0, "a"));
    assertEquals("say \"hi\"", back.get(0, "b"));
    assertEquals("two\nlines", back.get(1, "a"));
    assertEquals("", back.get(1, "b"));
  }

  /** A single column of empty cells survives (the cell is written as "" rather than a blank line). */
  @Test
  void loneEmptyCellSurvives() throws IOException {
    CsvTable t = CsvTable.withHeader("only").addRow("").addRow("x");
    CsvTable back = CsvTable.read(t.write(dir.resolve("one.csv")));
    assertEquals(2, back.rowCount());
    assertEquals("", back.get(0, "only"));
  }

  /** A comma-decimal default locale does not leak into the numbers. */
  @Test
  void numbersIgnoreTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      String csv = CsvTable.withHeader("v").addRow(0.5).addRow(1234567.25).toCsv();
      assertEquals("v\n0.5\n1234567.25\n", csv);
    } finally {
      Locale.setDefault(saved);
    }
  }

  /** Rows of the wrong width, null cells and bad headers are refused with a message. */
  @Test
  void badRowsAreRefused() {
    CsvTable t = CsvTable.withHeader("a", "b");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.addRow(1));
    assertTrue(e.getMessage().contains("1 cells"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> t.addRow(1, null));
    assertThrows(IllegalArgumentException.class, () -> CsvTable.withHeader("a", "a"));
    assertThrows(IllegalArgumentException.class, () -> CsvTable.withHeader());
    t.addRow(1, 2);
    assertThrows(IllegalArgumentException.class, () -> t.get(0, "no such column"));
  }

  /** A malformed file fails with an IOException that names the file. */
  @Test
  void malformedFilesNameTheFile() throws IOException {
    Path ragged = dir.resolve("ragged.csv");
    Files.writeString(ragged, "a,b\n1,2\n3\n");
    IOException e = assertThrows(IOException.class, () -> CsvTable.read(ragged));
    assertTrue(e.getMessage().contains("ragged.csv") && e.getMessage().contains("record 3"), e.getMessage());
    Path open = dir.resolve("open.csv");
    Files.writeString(open, "a\n\"never closed\n");
    assertThrows(IOException.class, () -> CsvTable.read(open));
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "");
    assertThrows(IOException.class, () -> CsvTable.read(empty));
  }

  /** CRLF line ends and a byte-order mark are accepted on reading. */
  @Test
  void readsCrlfAndBom() throws IOException {
    Path f = dir.resolve("crlf.csv");
    Files.writeString(f, "\uFEFFa,b\r\n1,2\r\n");
    CsvTable t = CsvTable.read(f);
    assertEquals(List.of("a", "b"), t.header());
    assertEquals(2.0, t.getDouble(0, "b"));
  }
}
