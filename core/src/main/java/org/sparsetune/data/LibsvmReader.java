package org.sparsetune.data;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.sparsetune.linalg.CscMatrix;
import org.tukaani.xz.XZInputStream;

/**
 * Reads LIBSVM / SVMlight text straight into a {@link CscMatrix} and a label vector.
 *
 * <h2>Format</h2>
 *
 * <pre>
 * label index:value index:value ...   # optional comment
 * </pre>
 *
 * One row per line; tokens are separated by spaces or tabs; indices are 1-based and strictly
 * ascending within a line; everything from {@code #} to the end of the line is a comment. Blank
 * and comment-only lines are skipped but still counted, so line numbers in messages are those an
 * editor shows. A line with a label and no features is an empty row. LF and CRLF line endings are
 * both accepted, and a leading UTF-8 byte order mark is skipped. Numbers may be written as {@code 1}, {@code -0.5}, {@code +2}, {@code .5},
 * {@code 5.} or {@code 1e-3}; {@code nan} and {@code inf} (and values that overflow to infinity)
 * are errors. Exact zeros are dropped, so {@link CscMatrix#storedEntries()} counts the nonzeros.
 *
 * <h2>Compression</h2>
 *
 * Chosen by the name's suffix (case-insensitive): {@code .gz} (gzip), {@code .bz2} (bzip2),
 * {@code .xz} (xz); any other name is read as plain text. Concatenated streams are read to the end.
 * A plain-named file that starts with a gzip, bzip2 or xz signature is rejected with a message
 * saying so, rather than parsed as garbage.
 *
 * <h2>Errors</h2>
 *
 * Every problem with the data throws {@link InputDataException} carrying the source name, the
 * 1-based line and what is wrong, for example {@code train.xz:1832: feature index 0 — LIBSVM
 * indices are 1-based}. A missing file, an unreadable file and a corrupt or truncated compressed
 * stream are reported the same way.
 *
 * <h2>How it works</h2>
 *
 * The (decompressed) bytes are read in 64 KiB blocks and tokenized in place, never decoded into
 * Strings; numbers with at most 18 significant digits and a decimal exponent in [-22, 22] are
 * converted exactly (Clinger's fast path: one correctly rounded multiplication or division of two
 * exactly representable doubles), the rest by {@link Double#parseDouble}, so every value equals
 * what {@code Double.parseDouble} gives. Entries are accumulated row by row in growable primitive
 * arrays and turned into CSC by a counting sort on the column, which keeps rows ascending within
 * each column. Reading the 3.5 MB {@code w8a} (49,749 × 300, 579,586 nonzeros) from its
 * {@code .xz} takes well under a second; {@code LibsvmReadTiming} in the test sources measures it.
 *
 * <p>The class is stateless and thread-safe; each call parses independently.
 */
public final class LibsvmReader {

  private static final int BLOCK = 1 << 16;

  /** The longest line accepted (the line buffer doubles up to this size). */
  private static final int MAX_LINE_BYTES = 1 << 30;

  private LibsvmReader() {}

  /**
   * Reads a LIBSVM file; the compression is chosen by the file name's suffix.
   *
   * @param path the file
   * @param options label kind and feature count
   * @return the rows as a CSC matrix with their labels; the source is {@code path.toString()}
   * @throws InputDataException when the file is missing, unreadable, corrupt or malformed
   */
  public static LabeledData read(Path path, LibsvmOptions options) {
    String source = path.toString();
    if (Files.isDirectory(path)) {
      throw new InputDataException(source, "is a directory, not a data file");
    }
    InputStream raw;
    try {
      raw = Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw new InputDataException(
          source, 0, "file not found (looked for " + path.toAbsolutePath() + ")", e);
    } catch (AccessDeniedException e) {
      throw new InputDataException(source, 0, "cannot open the file: permission denied", e);
    } catch (IOException e) {
      throw new InputDataException(source, 0, "cannot open the file: " + e, e);
    }
    try (InputStream in = raw) {
      return parse(in, source, options);
    } catch (IOException e) {
      // Only close() can get here; the data was read completely.
      throw new InputDataException(source, 0, "error closing the file: " + e, e);
    }
  }

  /**
   * Reads LIBSVM text from a stream (for example one opened on a Hadoop file system). The stream
   * is read to its end but not closed: closing it stays with the caller.
   *
   * @param in the raw, possibly compressed, bytes
   * @param sourceName the file name: used in messages and, by its suffix, to choose the compression
   * @param options label kind and feature count
   * @throws InputDataException when the stream is corrupt or malformed
   */
  public static LabeledData read(InputStream in, String sourceName, LibsvmOptions options) {
    if (in == null) {
      throw new IllegalArgumentException("input stream must not be null");
    }
    try {
      return parse(new NonClosingInputStream(in), sourceName, options);
    } catch (IOException e) {
      throw new InputDataException(sourceName, 0, "error closing the stream: " + e, e);
    }
  }

  private static LabeledData parse(InputStream raw, String source, LibsvmOptions options)
      throws IOException {
    if (source == null) {
      throw new IllegalArgumentException("source name must not be null");
    }
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    Compression compression = Compression.ofName(source);
    InputStream in;
    try {
      in = compression.wrap(raw);
    } catch (IOException | RuntimeException e) {
      throw compression.corrupt(source, 0, e);
    }
    try (InputStream data = in) {
      return new Parser(data, source, compression, options).parse();
    }
  }

  /** The compression formats, chosen by name suffix. */
  private enum Compression {
    NONE("plain text", ""),
    GZIP("gzip", ".gz"),
    BZIP2("bzip2", ".bz2"),
    XZ("xz", ".xz");

    final String label;
    final String suffix;

    Compression(String label, String suffix) {
      this.label = label;
      this.suffix = suffix;
    }

    static Compression ofName(String name) {
      String lower = name.toLowerCase(Locale.ROOT);
      for (Compression c : values()) {
        if (c != NONE && lower.endsWith(c.suffix)) {
          return c;
        }
      }
      return NONE;
    }

    InputStream wrap(InputStream raw) throws IOException {
      switch (this) {
        case GZIP:
          return new GZIPInputStream(raw, BLOCK);
        case BZIP2:
          // Both decoders read the compressed bytes in small pieces: buffer them.
          return new BZip2CompressorInputStream(new BufferedInputStream(raw, BLOCK), true);
        case XZ:
          return new XZInputStream(new BufferedInputStream(raw, BLOCK));
        default:
          return raw;
      }
    }

    /** The signature that a stream in a compressed format starts with, if the bytes have one. */
    static Compression sniff(byte[] b, int len) {
      if (len >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
        return GZIP;
      }
      if (len >= 3 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h') {
        return BZIP2;
      }
      if (len >= 6 && (b[0] & 0xff) == 0xfd && b[1] == '7' && b[2] == 'z' && b[3] == 'X'
          && b[4] == 'Z' && b[5] == 0) {
        return XZ;
      }
      return NONE;
    }

    InputDataException corrupt(String source, long line, Throwable cause) {
      String what = this == NONE ? "read error" : "corrupt or truncated " + label + " data";
      String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      String where = line > 0 ? " (after " + (line - 1) + " complete lines)" : "";
      return new InputDataException(source, line, what + where + ": " + detail, cause);
    }
  }

  /** Lets the parser close its decompressor chain without closing the caller's stream. */
  private static final class NonClosingInputStream extends FilterInputStream {
    NonClosingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, len);
    }

    @Override
    public void close() {
      // The caller owns the stream.
    }
  }

  /** One pass over one stream: a byte-level tokenizer feeding growable primitive arrays. */
  private static final class Parser {
    private static final double[] POW10 = new double[23];
    private static final long MAX_EXACT = 1L << 53;
    private static final int MAX_QUOTED = 40;

    static {
      double p = 1.0;
      for (int i = 0; i < POW10.length; i++) {
        POW10[i] = p; // 10^0 .. 10^22 are exact doubles
        p *= 10.0;
      }
    }

    private final InputStream in;
    private final String source;
    private final Compression compression;
    private final LabelKind labelKind;
    private final int declaredCols;

    private byte[] buf = new byte[BLOCK];
    private long line;

    // Row-wise accumulation: row r owns entries [rowStart[r], rowStart[r+1]).
    private double[] labels = new double[1024];
    private int[] rowStart = new int[1025];
    private int rows;
    private int[] cols = new int[16384];
    private double[] vals = new double[16384];
    private int nnz;
    private int maxIndex;

    // Binary labels: the first line that used the {-1,+1} and the {0,1} convention.
    private long firstMinusOneLine;
    private long firstZeroLine;

    Parser(InputStream in, String source, Compression compression, LibsvmOptions options) {
      this.in = in;
      this.source = source;
      this.compression = compression;
      this.labelKind = options.labelKind();
      this.declaredCols = options.featureCount();
    }

    LabeledData parse() {
      int start = 0; // first byte of the current line
      int limit = 0; // end of valid bytes
      int scan = 0; // where the newline search resumes
      boolean eof = false;
      boolean first = true;
      while (true) {
        int nl = -1;
        for (int i = scan; i < limit; i++) {
          if (buf[i] == '\n') {
            nl = i;
            break;
          }
        }
        if (nl >= 0) {
          parseLine(start, nl);
          start = nl + 1;
          scan = start;
          continue;
        }
        if (eof) {
          if (start < limit) {
            parseLine(start, limit);
          }
          break;
        }
        // Move the partial line to the front (growing the buffer for very long lines) and refill.
        int pending = limit - start;
        if (start > 0) {
          System.arraycopy(buf, start, buf, 0, pending);
        } else if (pending == buf.length) {
          if (buf.length >= MAX_LINE_BYTES) {
            throw new InputDataException(source, line + 1, "line longer than "
                + (MAX_LINE_BYTES >> 20) + " MiB without a line break; is this LIBSVM text?");
          }
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        start = 0;
        scan = pending;
        limit = pending;
        int got = fill(limit);
        if (got < 0) {
          eof = true;
        } else {
          limit += got;
        }
        if (first) {
          first = false;
          Compression looks = Compression.sniff(buf, limit);
          if (compression == Compression.NONE && looks != Compression.NONE) {
            throw new InputDataException(source, 0,
                "the data is " + looks.label + "-compressed but the name does not end in "
                    + looks.suffix + "; rename the file or pass a name with that suffix");
          }
          if (limit >= 3 && (buf[0] & 0xff) == 0xef && (buf[1] & 0xff) == 0xbb
              && (buf[2] & 0xff) == 0xbf) {
            start = 3; // a UTF-8 byte order mark, as some Windows editors write
            scan = 3;
          }
        }
      }
      if (rows == 0) {
        throw new InputDataException(source, 0,
            "no rows: the file is empty or holds only blank lines and comments"
                + " (" + line + " lines read)");
      }
      return build();
    }

    /** Reads more bytes into buf at offset from; -1 at end of stream. */
    private int fill(int from) {
      try {
        int got;
        do {
          got = in.read(buf, from, buf.length - from);
        } while (got == 0);
        return got;
      } catch (IOException | RuntimeException e) {
        // Decompressors signal corrupt input with IOException subclasses, and a few with
        // unchecked exceptions; either way the stream cannot be trusted beyond this point.
        throw compression.corrupt(source, line + 1, e);
      }
    }

    private static boolean isSpace(byte c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private int skipSpace(int p, int end) {
      while (p < end && isSpace(buf[p])) {
        p++;
      }
      return p;
    }

    private int tokenEnd(int p, int end) {
      while (p < end) {
        byte c = buf[p];
        if (isSpace(c) || c == '#') {
          break;
        }
        p++;
      }
      return p;
    }

    private void parseLine(int from, int end) {
      line++;
      int p = skipSpace(from, end);
      if (p == end || buf[p] == '#') {
        return; // blank or comment-only line
      }
      int t = tokenEnd(p, end);
      for (int i = p; i < t; i++) {
        if (buf[i] == ':') {
          throw error("missing label: the line starts with the feature '" + text(p, t)
              + "'; expected 'label index:value ...'");
        }
      }
      double label = parseNumber(p, t, "label", null);
      int row = rows;
      addRow(checkLabel(label, p, t));
      int prevIndex = 0;
      p = skipSpace(t, end);
      while (p < end && buf[p] != '#') {
        t = tokenEnd(p, end);
        int colon = -1;
        for (int i = p; i < t; i++) {
          if (buf[i] == ':') {
            colon = i;
            break;
          }
        }
        if (colon < 0) {
          throw error("malformed feature '" + text(p, t) + "': expected index:value");
        }
        if (colon == p || colon == t - 1) {
          throw error("malformed feature '" + text(p, t) + "': "
              + (colon == p ? "missing index" : "missing value") + ", expected index:value");
        }
        int index = parseIndex(p, colon, t);
        if (index <= prevIndex) {
          throw error("feature indices not strictly ascending: " + index + " after " + prevIndex
              + " (row " + (row + 1) + ")");
        }
        if (declaredCols > 0 && index > declaredCols) {
          throw error("feature index " + index + " above the declared feature count "
              + declaredCols);
        }
        double value = parseNumber(colon + 1, t, "value", text(p, t));
        prevIndex = index;
        if (index > maxIndex) {
          maxIndex = index; // an index written with value 0 still counts as seen
        }
        if (value != 0.0) {
          addEntry(index - 1, value);
        }
        p = skipSpace(t, end);
      }
    }

    private double checkLabel(double label, int p, int t) {
      if (labelKind == LabelKind.REAL) {
        return label;
      }
      if (label == 1.0) {
        return 1.0;
      }
      if (label == -1.0) {
        if (firstZeroLine > 0) {
          throw error("label -1 in a file whose labels so far used 0 (first on line "
              + firstZeroLine + "): binary labels must be all -1/+1 or all 0/1");
        }
        if (firstMinusOneLine == 0) {
          firstMinusOneLine = line;
        }
        return -1.0;
      }
      if (label == 0.0) {
        if (firstMinusOneLine > 0) {
          throw error("label 0 in a file whose labels so far used -1 (first on line "
              + firstMinusOneLine + "): binary labels must be all -1/+1 or all 0/1");
        }
        if (firstZeroLine == 0) {
          firstZeroLine = line;
        }
        return -1.0;
      }
      throw error("label '" + text(p, t) + "' outside the loss's domain: binary labels must be"
          + " -1/+1 or 0/1 (read the file as real-valued for regression)");
    }

    /** A 1-based feature index: decimal digits only. */
    private int parseIndex(int s, int colon, int t) {
      int i = s;
      boolean negative = false;
      if (buf[i] == '+' || buf[i] == '-') {
        negative = buf[i] == '-';
        i++;
      }
      if (i == colon) {
        throw error("non-numeric feature index '" + text(s, colon) + "' in '" + text(s, t) + "'");
      }
      long v = 0;
      for (; i < colon; i++) {
        int d = buf[i] - '0';
        if (d < 0 || d > 9) {
          throw error("non-numeric feature index '" + text(s, colon) + "' in '" + text(s, t)
              + "'");
        }
        if (v <= Integer.MAX_VALUE) {
          v = v * 10 + d;
        }
      }
      if (negative && v != 0) {
        throw error("feature index -" + v + " — LIBSVM indices are 1-based");
      }
      if (v == 0) {
        throw error("feature index 0 — LIBSVM indices are 1-based");
      }
      if (v >= Integer.MAX_VALUE) {
        throw error("feature index " + text(s, colon) + " is too large (at most "
            + (Integer.MAX_VALUE - 1) + ")");
      }
      return (int) v;
    }

    /**
     * A finite decimal number in [s, e): {@code [+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)?}.
     *
     * @param what "label" or "value", for messages
     * @param feature the whole index:value token when parsing a value, for messages
     */
    private double parseNumber(int s, int e, String what, String feature) {
      int i = s;
      boolean negative = false;
      if (i < e && (buf[i] == '+' || buf[i] == '-')) {
        negative = buf[i] == '-';
        i++;
      }
      long mantissa = 0;
      int significant = 0;
      int exponent = 0;
      boolean digits = false;
      for (; i < e; i++) {
        int d = buf[i] - '0';
        if (d < 0 || d > 9) {
          break;
        }
        digits = true;
        if (mantissa != 0 || d != 0) {
          significant++;
        }
        mantissa = mantissa * 10 + d; // may wrap when significant > 18: then unused
      }
      if (i < e && buf[i] == '.') {
        for (i++; i < e; i++) {
          int d = buf[i] - '0';
          if (d < 0 || d > 9) {
            break;
          }
          digits = true;
          if (mantissa != 0 || d != 0) {
            significant++;
          }
          mantissa = mantissa * 10 + d;
          exponent--;
        }
      }
      if (digits && i < e && (buf[i] == 'e' || buf[i] == 'E')) {
        i++;
        boolean negExp = false;
        if (i < e && (buf[i] == '+' || buf[i] == '-')) {
          negExp = buf[i] == '-';
          i++;
        }
        int ev = 0;
        boolean expDigits = false;
        for (; i < e; i++) {
          int d = buf[i] - '0';
          if (d < 0 || d > 9) {
            break;
          }
          expDigits = true;
          if (ev < 100_000) {
            ev = ev * 10 + d;
          }
        }
        if (!expDigits) {
          digits = false; // "1e" or "1e+": not a number
        }
        exponent += negExp ? -ev : ev;
      }
      if (!digits || i != e) {
        throw badNumber(s, e, what, feature);
      }
      double v;
      if (significant <= 18 && mantissa <= MAX_EXACT && exponent >= -22 && exponent <= 22) {
        v = exponent >= 0 ? mantissa * POW10[exponent] : mantissa / POW10[-exponent];
        if (negative) {
          v = -v;
        }
      } else {
        v = Double.parseDouble(new String(buf, s, e - s, StandardCharsets.ISO_8859_1));
      }
      if (!Double.isFinite(v)) {
        throw error("non-finite " + what + " '" + text(s, e) + "'"
            + (feature != null ? " in feature '" + feature + "'" : "")
            + ": overflows a double; values must be finite");
      }
      return v;
    }

    private InputDataException badNumber(int s, int e, String what, String feature) {
      String token = text(s, e);
      String bare = token.toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
      String in = feature != null ? " in feature '" + feature + "'" : "";
      if (bare.equals("nan") || bare.equals("inf") || bare.equals("infinity")) {
        return error("non-finite " + what + " '" + token + "'" + in + ": values must be finite");
      }
      if (token.isEmpty()) {
        return error("missing " + what + in);
      }
      return error("non-numeric " + what + " '" + token + "'" + in);
    }

    private InputDataException error(String problem) {
      return new InputDataException(source, line, problem);
    }

    /** The bytes [s, e) for a message: decoded as UTF-8 and shortened when long. */
    private String text(int s, int e) {
      int len = Math.min(e - s, MAX_QUOTED * 4);
      String t = new String(buf, s, len, StandardCharsets.UTF_8);
      if (t.length() > MAX_QUOTED || len < e - s) {
        t = t.substring(0, Math.min(t.length(), MAX_QUOTED)) + "…";
      }
      return t;
    }

    private void addRow(double label) {
      if (rows == labels.length) {
        if (rows == Integer.MAX_VALUE - 8) {
          throw error("more than " + rows + " rows do not fit one matrix");
        }
        int grown = (int) Math.min((long) rows * 2, Integer.MAX_VALUE - 8);
        labels = Arrays.copyOf(labels, grown);
        rowStart = Arrays.copyOf(rowStart, grown + 1);
      }
      labels[rows] = label;
      rowStart[rows] = nnz;
      rows++;
    }

    private void addEntry(int col, double value) {
      if (nnz == cols.length) {
        if (nnz == Integer.MAX_VALUE - 8) {
          throw error("more than " + nnz + " nonzeros do not fit one CSC matrix");
        }
        int grown = (int) Math.min((long) nnz * 2, Integer.MAX_VALUE - 8);
        cols = Arrays.copyOf(cols, grown);
        vals = Arrays.copyOf(vals, grown);
      }
      cols[nnz] = col;
      vals[nnz] = value;
      nnz++;
    }

    /** Counting sort of the row-wise entries by column; rows stay ascending within a column. */
    private LabeledData build() {
      int p = declaredCols > 0 ? declaredCols : maxIndex;
      int[] colPtr = new int[p + 1];
      for (int k = 0; k < nnz; k++) {
        colPtr[cols[k] + 1]++;
      }
      for (int j = 0; j < p; j++) {
        colPtr[j + 1] += colPtr[j];
      }
      int[] next = Arrays.copyOf(colPtr, p);
      int[] rowIdx = new int[nnz];
      double[] values = new double[nnz];
      rowStart[rows] = nnz;
      for (int r = 0; r < rows; r++) {
        for (int k = rowStart[r], end = rowStart[r + 1]; k < end; k++) {
          int dst = next[cols[k]]++;
          rowIdx[dst] = r;
          values[dst] = vals[k];
        }
      }
      CscMatrix matrix = CscMatrix.of(rows, p, colPtr, rowIdx, values);
      return new LabeledData(source, matrix, Arrays.copyOf(labels, rows));
    }
  }
}
