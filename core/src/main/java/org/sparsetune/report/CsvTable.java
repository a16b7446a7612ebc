package org.sparsetune.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A small CSV table: one header line, then rows of the same width, comma-separated, UTF-8, lines
 * ending in {@code \n} (RFC 4180 quoting: a cell containing a comma, a double quote or a line
 * break is enclosed in double quotes with inner quotes doubled).
 *
 * <p>Numbers never depend on the default locale: integers ({@code Integer}, {@code Long},
 * {@code Short}, {@code Byte}) are written in plain decimal, floating-point values by {@link
 * #formatNumber(double)}, the shortest decimal that reads back to the same {@code double}
 * ({@code 0.72125}, {@code 1.0E-17}, {@code NaN}), which Python, R, pandas and spreadsheets all
 * parse.
 *
 * <p>Build a table with {@link #withHeader} and {@link #addRow}, write it with {@link #write}
 * (atomically, see {@link AtomicFiles}); read one back with {@link #read}. A table is not
 * thread-safe while rows are being added.
 */
public final class CsvTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  private CsvTable(List<String> header) {
    this.header = List.copyOf(header);
  }

  /**
   * An empty table with these column names.
   *
   * @throws IllegalArgumentException when there are no columns, or a name is null, empty or
   *     repeated
   */
  public static CsvTable withHeader(String... columns) {
    if (columns == null || columns.length == 0) {
      throw new IllegalArgumentException("a CSV table needs at least one column");
    }
    List<String> names = new ArrayList<>();
    for (String c : columns) {
      if (c == null || c.isEmpty()) {
        throw new IllegalArgumentException("column " + (names.size() + 1) + " has no name");
      }
      if (names.contains(c)) {
        throw new IllegalArgumentException("column name '" + c + "' appears twice");
      }
      names.add(c);
    }
    return new CsvTable(names);
  }

  /**
   * Appends one row; each cell is a {@code Number} (formatted as described above) or any other
   * object (its {@code toString()}).
   *
   * @return this table
   * @throws IllegalArgumentException when the row's width differs from the header's or a cell is
   *     null
   */
  public CsvTable addRow(Object... cells) {
    if (cells == null || cells.length != header.size()) {
      throw new IllegalArgumentException(
          "row " + (rows.size() + 1) + " has " + (cells == null ? 0 : cells.length)
              + " cells, the header has " + header.size() + " columns " + header);
    }
    List<String> row = new ArrayList<>(cells.length);
    for (int k = 0; k < cells.length; k++) {
      Object c = cells[k];
      if (c == null) {
        throw new IllegalArgumentException(
            "row " + (rows.size() + 1) + ", column '" + header.get(k) + "' is null");
      }
      row.add(formatCell(c));
    }
    rows.add(Collections.unmodifiableList(row));
    return this;
  }

  /** The column names, in order. */
  public List<String> header() {
    return header;
  }

  /** The number of data rows (the header not counted). */
  public int rowCount() {
    return rows.size();
  }

  /** The cells of data row {@code row} (0-based), as written. */
  public List<String> row(int row) {
    return rows.get(row);
  }

  /** The cell in data row {@code row} (0-based) and the named column, as text. */
  public String get(int row, String column) {
    return rows.get(row).get(columnIndex(column));
  }

  /** The cell in data row {@code row} (0-based) and the named column, read as a double. */
  public double getDouble(int row, String column) {
    String text = get(row, column);
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "row " + (row + 1) + ", column '" + column + "': '" + text + "' is not a number", e);
    }
  }

  /** Every value of the named column read as doubles, in row order. */
  public double[] column(String column) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = getDouble(i, column);
    }
    return out;
  }

  /** The 0-based index of the named column. */
  public int columnIndex(String column) {
    int k = header.indexOf(column);
    if (k < 0) {
      throw new IllegalArgumentException("no column '" + column + "' in " + header);
    }
    return k;
  }

  /** The whole table as CSV text (header line first, every line ending in {@code \n}). */
  public String toCsv() {
    StringBuilder sb = new StringBuilder();
    appendLine(sb, header);
    for (List<String> r : rows) {
      appendLine(sb, r);
    }
    return sb.toString();
  }

  /**
   * Writes the table to {@code file} atomically (UTF-8), see {@link AtomicFiles}.
   *
   * @return {@code file}
   */
  public Path write(Path file) throws IOException {
    return AtomicFiles.write(file, toCsv().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a table written by {@link #write} (or any RFC 4180 CSV with a header line and rows of
   * the header's width).
   *
   * @throws IOException when the file cannot be read, is empty, or a line is malformed (the
   *     message names the file and line)
   */
  public static CsvTable read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<List<String>> records = parse(text, file.toString());
    if (records.isEmpty()) {
      throw new IOException(file + ": empty file, expected a header line");
    }
    CsvTable t;
    try {
      t = withHeader(records.get(0).toArray(new String[0]));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ", line 1: " + e.getMessage(), e);
    }
    for (int i = 1; i < records.size(); i++) {
      List<String> r = records.get(i);
      if (r.size() != t.header.size()) {
        throw new IOException(file + ", record " + (i + 1) + ": " + r.size() + " cells, the header has "
            + t.header.size());
      }
      t.rows.add(Collections.unmodifiableList(new ArrayList<>(r)));
    }
    return t;
  }

  /**
   * The text of a floating-point value: the shortest decimal that reads back to the same double
   * ({@link Double#toString}, which never uses the default locale), {@code NaN}, {@code Infinity}
   * or {@code -Infinity}.
   */
  public static String formatNumber(double v) {
    return Double.toString(v);
  }

  private static String formatCell(Object c) {
    if (c instanceof Double || c instanceof Float) {
      return formatNumber(((Number) c).doubleValue());
    }
    if (c instanceof Integer || c instanceof Long || c instanceof Short || c instanceof Byte) {
      return Long.toString(((Number) c).longValue());
    }
    return c.toString();
  }

  private static void appendLine(StringBuilder sb, List<String> cells) {
    for (int k = 0; k < cells.size(); k++) {
      if (k > 0) {
        sb.append(',');
      }
      String s = cells.get(k);
      if (s.isEmpty() && cells.size() == 1) {
        sb.append("\"\""); // a lone empty cell must not look like a blank line
      } else if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
        sb.append('"').append(s.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(s);
      }
    }
    sb.append('\n');
  }

  private static List<List<String>> parse(String text, String source) throws IOException {
    List<List<String>> out = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean cellWasQuoted = false;
    int line = 1;
    int i = 0;
    int n = text.length();
    if (n > 0 && text.charAt(0) == '\uFEFF') {
      i = 1; // byte-order mark
    }
    boolean recordStarted = false;
    for (; i < n; i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (ch == '\n') {
            line++;
          }
          cell.append(ch);
        }
        continue;
      }
      switch (ch) {
        case '"':
          if (cell.length() > 0 || cellWasQuoted) {
            throw new IOException(source + ", line " + line + ": stray double quote inside a cell");
          }
          quoted = true;
          cellWasQuoted = true;
          recordStarted = true;
          break;
        case ',':
          record.add(cell.toString());
          cell.setLength(0);
          cellWasQuoted = false;
          recordStarted = true;
          break;
        case '\r':
          break;
        case '\n':
          if (recordStarted || cell.length() > 0) {
            record.add(cell.toString());
            out.add(record);
          }
          record = new ArrayList<>();
          cell.setLength(0);
          cellWasQuoted = false;
          recordStarted = false;
          line++;
          break;
        default:
          if (cellWasQuoted) {
            throw new IOException(source + ", line " + line + ": text after a closing quote");
          }
          cell.append(ch);
          recordStarted = true;
      }
    }
    if (quoted) {
      throw new IOException(source + ", line " + line + ": unterminated quoted cell");
    }
    if (recordStarted || cell.length() > 0) {
      record.add(cell.toString());
      out.add(record);
    }
    return out;
  }

  @Override
  public String toString() {
    return "CsvTable" + header + " with " + rows.size() + " rows";
  }
}
