package org.sparsetune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.linalg.DenseMatrix;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Format, options, compression and every error the reader reports. */
class LibsvmReaderTest {

  @TempDir Path dir;

  // ---------------------------------------------------------------- helpers

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private LabeledData read(String text, LibsvmOptions options) throws IOException {
    return LibsvmReader.read(write("data.libsvm", text), options);
  }

  private InputDataException fails(String text, LibsvmOptions options) throws IOException {
    Path p = write("bad.libsvm", text);
    return assertThrows(InputDataException.class, () -> LibsvmReader.read(p, options));
  }

  /** The message names the file, the 1-based line and every given word of the problem. */
  private static void assertNames(InputDataException e, String file, long line, String... words) {
    assertTrue(e.file().endsWith(file), () -> "file in " + e.getMessage());
    assertEquals(line, e.line(), () -> "line in " + e.getMessage());
    assertTrue(e.getMessage().contains(file + (line > 0 ? ":" + line + ":" : "")),
        () -> "file:line prefix in " + e.getMessage());
    for (String w : words) {
      assertTrue(e.problem().contains(w), () -> "'" + w + "' in " + e.getMessage());
    }
  }

  private static double[][] dense(LabeledData d) {
    DenseMatrix m = DenseMatrix.copyOf(d.features());
    double[][] rows = new double[d.rows()][d.cols()];
    for (int i = 0; i < d.rows(); i++) {
      for (int j = 0; j < d.cols(); j++) {
        rows[i][j] = m.get(i, j);
      }
    }
    return rows;
  }

  /** How many rows carry each label, in ascending label order. */
  static Map<Double, Integer> labelCounts(double[] labels) {
    Map<Double, Integer> counts = new TreeMap<>();
    for (double y : labels) {
      counts.merge(y, 1, Integer::sum);
    }
    return counts;
  }

  private static void assertSameData(LabeledData expected, LabeledData actual) {
    assertEquals(expected.rows(), actual.rows());
    assertEquals(expected.cols(), actual.cols());
    assertArrayEquals(expected.labels(), actual.labels());
    CscMatrix a = (CscMatrix) expected.features();
    CscMatrix b = (CscMatrix) actual.features();
    assertArrayEquals(a.colPtr(), b.colPtr());
    assertArrayEquals(a.rowIdx(), b.rowIdx());
    assertArrayEquals(a.values(), b.values());
  }

  private static final String SMALL =
      "+1 1:0.5 3:-2\n-1 2:1e-3 4:7\n-1\n+1 1:1 2:1 3:1 4:1\n";

  // ---------------------------------------------------------------- format

  @Test
  void readsSmallFileIntoCscWithRowsAscendingInEachColumn() throws IOException {
    LabeledData d = read(SMALL, LibsvmOptions.binary());
    assertEquals(4, d.rows());
    assertEquals(4, d.cols());
    assertArrayEquals(new double[] {1, -1, -1, 1}, d.labels());
    CscMatrix m = (CscMatrix) d.features();
    assertArrayEquals(new int[] {0, 2, 4, 6, 8}, m.colPtr());
    assertArrayEquals(new int[] {0, 3, 1, 3, 0, 3, 1, 3}, m.rowIdx());
    assertArrayEquals(new double[] {0.5, 1, 1e-3, 1, -2, 1, 7, 1}, m.values());
    assertEquals("data.libsvm", Path.of(d.source()).getFileName().toString());
  }

  @Test
  void parsesEveryNumberSpellingExactlyAsDoubleParseDouble() throws IOException {
    String[] spellings = {"1e-3", "-0.5", "+2", ".5", "5.", "1E+2", "0.1", "-.25e1", "123456789",
        "0.000001", "3.14159265358979323846", "1e-310", "9007199254740993", "2.2250738585072014E-308",
        "1.7976931348623157e308", "0.30000000000000004", "1e22", "1e23", "00042", "4.9e-324"};
    StringBuilder sb = new StringBuilder("1");
    for (int k = 0; k < spellings.length; k++) {
      sb.append(' ').append(k + 1).append(':').append(spellings[k]);
    }
    LabeledData d = read(sb.append('\n').toString(), LibsvmOptions.binary());
    double[][] x = dense(d);
    for (int k = 0; k < spellings.length; k++) {
      assertEquals(Double.parseDouble(spellings[k]), x[0][k], 0.0, spellings[k]);
    }
  }

  @Test
  void randomNumbersRoundTripBitForBit() throws IOException {
    // The fast path (mantissa · 10^e in one rounding) must agree with Double.parseDouble.
    Random rnd = new Random(20240601L);
    int n = 3000;
    double[] expected = new double[n];
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      double v = switch (i % 5) {
        case 0 -> rnd.nextGaussian();
        case 1 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
        case 2 -> -rnd.nextInt(1000) / 8.0;
        case 3 -> Double.longBitsToDouble(rnd.nextLong() >>> 2) + 1e-300;
        default -> rnd.nextInt(100) - 50.5;
      };
      String s = switch (i % 4) {
        case 0 -> Double.toString(v);
        case 1 -> String.format(Locale.ROOT, "%.17g", v);
        case 2 -> String.format(Locale.ROOT, "%.6e", v);
        default -> String.format(Locale.ROOT, "%.4f", v);
      };
      expected[i] = Double.parseDouble(s);
      if (expected[i] == 0.0 || !Double.isFinite(expected[i])) {
        expected[i] = 1.0;
        s = "1";
      }
      sb.append(i % 2 == 0 ? "1" : "-1").append(" 1:").append(s).append('\n');
    }
    LabeledData d = read(sb.toString(), LibsvmOptions.binary());
    assertArrayEquals(expected, d.features().column(0));
  }

  @Test
  void emptyRowsCommentsBlankLinesTabsAndMissingFinalNewline() throws IOException {
    String text = "# a header comment\n"
        + "\n"
        + "  +1\t2:3   4:1 # trailing comment\n"
        + "-1\n"
        + "   \t \n"
        + "1 1:2#tight comment\n"
        + "-1 3:1";
    LabeledData d = read(text, LibsvmOptions.binary());
    assertEquals(4, d.rows());
    assertArrayEquals(new double[] {1, -1, 1, -1}, d.labels());
    assertArrayEquals(
        new double[][] {{0, 3, 0, 1}, {0, 0, 0, 0}, {2, 0, 0, 0}, {0, 0, 1, 0}}, dense(d));
  }

  @Test
  void crlfLineEndingsReadLikeLf() throws IOException {
    LabeledData lf = read(SMALL, LibsvmOptions.binary());
    LabeledData crlf = LibsvmReader.read(
        write("crlf.libsvm", SMALL.replace("\n", "\r\n")), LibsvmOptions.binary());
    assertSameData(lf, crlf);
  }

  @Test
  void leadingByteOrderMarkIsSkipped() throws IOException {
    byte[] body = SMALL.getBytes(StandardCharsets.US_ASCII);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xef;
    withBom[1] = (byte) 0xbb;
    withBom[2] = (byte) 0xbf;
    System.arraycopy(body, 0, withBom, 3, body.length);
    assertSameData(read(SMALL, LibsvmOptions.binary()),
        LibsvmReader.read(write("bom.libsvm", withBom), LibsvmOptions.binary()));
  }

  @Test
  void exactZerosAreDroppedButStillOrdered() throws IOException {
    LabeledData d = read("1 1:0 2:0.0 3:-0 4:5 5:0e3\n", LibsvmOptions.binary());
    assertEquals(1, d.features().storedEntries());
    assertEquals(5, d.cols(), "an index written with value 0 still counts for the inferred p");
    InputDataException e = fails("1 1:0 3:0 2:1\n", LibsvmOptions.binary());
    assertNames(e, "bad.libsvm", 1, "not strictly ascending", "2 after 3");
  }

  @Test
  void inferredFeatureCountIsTheLargestIndexAndDeclaredCountPadsColumns() throws IOException {
    LabeledData inferred = read(SMALL, LibsvmOptions.binary());
    assertEquals(4, inferred.cols());
    LabeledData declared = read(SMALL, LibsvmOptions.binary().withFeatureCount(10));
    assertEquals(10, declared.cols());
    for (int j = 4; j < 10; j++) {
      assertEquals(0, ((CscMatrix) declared.features()).columnNonzeros(j));
    }
    assertArrayEquals(inferred.features().column(2), declared.features().column(2));
    assertEquals(0, read("1\n-1\n", LibsvmOptions.binary()).cols(), "only empty rows: p = 0");
  }

  @Test
  void zeroOneLabelsMapToMinusOnePlusOne() throws IOException {
    LabeledData d = read("0 1:1\n1 2:1\n0\n1.0 1:2\n", LibsvmOptions.binary());
    assertArrayEquals(new double[] {-1, 1, -1, 1}, d.labels());
  }

  @Test
  void realLabelsAreKeptAsTheyAre() throws IOException {
    LabeledData d = read("3.5 1:1\n-2e3 2:1\n0\n7 1:1\n", LibsvmOptions.real());
    assertArrayEquals(new double[] {3.5, -2000, 0, 7}, d.labels());
  }

  @Test
  void longLinesBeyondTheReadBlockAreParsed() throws IOException {
    int p = 30_000; // ~250 KB on one line: several refills and buffer growth
    StringBuilder sb = new StringBuilder("-1");
    for (int j = 1; j <= p; j++) {
      sb.append(' ').append(j).append(':').append(j % 7 + 1);
    }
    sb.append("\n1 ").append(p).append(":2\n");
    LabeledData d = read(sb.toString(), LibsvmOptions.binary());
    assertEquals(2, d.rows());
    assertEquals(p, d.cols());
    assertEquals(p + 1, d.features().storedEntries());
    assertEquals(8 % 7 + 1, DenseMatrix.copyOf(d.features()).get(0, 7), "index 8");
  }

  // ---------------------------------------------------------------- compression and sources

  private byte[] compress(String kind, byte[] plain) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = switch (kind) {
      case "gz" -> new GZIPOutputStream(bytes);
      case "bz2" -> new BZip2CompressorOutputStream(bytes);
      case "xz" -> new XZOutputStream(bytes, new LZMA2Options(1));
      default -> bytes;
    }) {
      out.write(plain);
    }
    return bytes.toByteArray();
  }

  /**
   * A multi-block sample (about 190 KB): enough rows that the 64 KiB reads split lines and
   * numbers, with comments, blank lines and some CRLF endings.
   */
  private static final String SAMPLE = generatedSample(5, 1500, 40);

  private static String generatedSample(long seed, int rows, int p) {
    Random rnd = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      sb.append(rnd.nextBoolean() ? "+1" : "-1");
      for (int j = 1; j <= p; j++) {
        if (rnd.nextInt(4) == 0) {
          double v = Math.round(rnd.nextGaussian() * 1e5) / 1e5;
          sb.append(' ').append(j).append(':').append(v);
        }
      }
      if (rnd.nextInt(10) == 0) {
        sb.append(" # row ").append(i);
      }
      sb.append(rnd.nextInt(5) == 0 ? "\r\n" : "\n");
      if (rnd.nextInt(20) == 0) {
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gz", "bz2", "xz", "GZ", "XZ"})
  void compressedFilesReadLikePlain(String suffix) throws IOException {
    byte[] plain = SAMPLE.getBytes(StandardCharsets.US_ASCII);
    LabeledData expected = LibsvmReader.read(write("s.libsvm", plain), LibsvmOptions.binary());
    byte[] packed = compress(suffix.toLowerCase(Locale.ROOT), plain);
    LabeledData fromFile =
        LibsvmReader.read(write("s.libsvm." + suffix, packed), LibsvmOptions.binary());
    assertSameData(expected, fromFile);
    assertTrue(fromFile.source().endsWith("s.libsvm." + suffix));
  }

  @Test
  void streamOverloadUsesTheNameForCompressionAndLeavesTheStreamOpen() throws IOException {
    byte[] plain = SMALL.getBytes(StandardCharsets.US_ASCII);
    boolean[] closed = {false};
    InputStream in = new ByteArrayInputStream(compress("xz", plain)) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    LabeledData d = LibsvmReader.read(in, "hdfs://cluster/train.xz", LibsvmOptions.binary());
    assertSameData(read(SMALL, LibsvmOptions.binary()), d);
    assertEquals("hdfs://cluster/train.xz", d.source());
    assertFalse(closed[0], "the caller's stream must stay open");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gz", "bz2", "xz"})
  void corruptCompressedDataNamesTheFileAndFormat(String suffix) throws IOException {
    byte[] garbage = "this is not compressed at all\n1 1:1\n".getBytes(StandardCharsets.US_ASCII);
    Path p = write("broken.libsvm." + suffix, garbage);
    InputDataException e =
        assertThrows(InputDataException.class, () -> LibsvmReader.read(p, LibsvmOptions.binary()));
    String format = Map.of("gz", "gzip", "bz2", "bzip2", "xz", "xz").get(suffix);
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    assertTrue(e.problem().contains("corrupt or truncated " + format), e.getMessage());
    assertNotNull(e.getCause());
  }

  @ParameterizedTest
  @ValueSource(strings = {"gz", "bz2", "xz"})
  void truncatedCompressedDataIsAnErrorNotAShortFile(String suffix) throws IOException {
    byte[] packed = compress(suffix, SAMPLE.getBytes(StandardCharsets.US_ASCII));
    Path p = write("cut.libsvm." + suffix, Arrays.copyOf(packed, packed.length / 2));
    InputDataException e =
        assertThrows(InputDataException.class, () -> LibsvmReader.read(p, LibsvmOptions.binary()));
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    assertTrue(e.problem().contains("corrupt or truncated"), e.getMessage());
  }

  @Test
  void compressedBytesUnderAPlainNameAreRecognised() throws IOException {
    Path p = write("looks-plain.libsvm", compress("gz", SMALL.getBytes(StandardCharsets.US_ASCII)));
    InputDataException e =
        assertThrows(InputDataException.class, () -> LibsvmReader.read(p, LibsvmOptions.binary()));
    assertNames(e, "looks-plain.libsvm", 0, "gzip-compressed", ".gz");
  }

  @Test
  void missingFileAndDirectoryAreInputDataErrors() {
    Path missing = dir.resolve("no-such-file.xz");
    InputDataException e = assertThrows(InputDataException.class,
        () -> LibsvmReader.read(missing, LibsvmOptions.binary()));
    assertNames(e, "no-such-file.xz", 0, "file not found");
    InputDataException d = assertThrows(InputDataException.class,
        () -> LibsvmReader.read(dir, LibsvmOptions.binary()));
    assertTrue(d.problem().contains("directory"), d.getMessage());
  }

  // ---------------------------------------------------------------- errors, one per problem

  @Test
  void nonNumericValueIsQuoted() throws IOException {
    InputDataException e = fails("1 1:1\n-1 2:abc 3:1\n", LibsvmOptions.binary());
    assertNames(e, "bad.libsvm", 2, "non-numeric value 'abc'", "'2:abc'");
  }

  @Test
  void nonNumericLabelIsQuoted() throws IOException {
    InputDataException e = fails("yes 1:1\n", LibsvmOptions.real());
    assertNames(e, "bad.libsvm", 1, "non-numeric label 'yes'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nan", "NaN", "inf", "-inf", "Infinity", "1e400"})
  void nonFiniteValuesAreRejected(String token) throws IOException {
    InputDataException e = fails("1 1:1\n1 1:" + token + "\n", LibsvmOptions.binary());
    assertNames(e, "bad.libsvm", 2, "non-finite value '" + token + "'", "finite");
    InputDataException label = fails("1 1:1\n" + token + " 1:1\n", LibsvmOptions.real());
    assertNames(label, "bad.libsvm", 2, "non-finite label");
  }

  @Test
  void indexZeroAndNegativeIndicesAreOneBasedErrors() throws IOException {
    assertNames(fails("1 1:1\n\n1 0:1\n", LibsvmOptions.binary()), "bad.libsvm", 3,
        "feature index 0", "LIBSVM indices are 1-based");
    assertNames(fails("1 -3:1\n", LibsvmOptions.binary()), "bad.libsvm", 1,
        "feature index -3", "LIBSVM indices are 1-based");
  }

  @Test
  void nonAscendingAndRepeatedIndicesNameBothIndices() throws IOException {
    assertNames(fails("1 5:1 7:1 6:1\n", LibsvmOptions.binary()), "bad.libsvm", 1,
        "not strictly ascending", "6 after 7");
    assertNames(fails("-1 1:1\n1 4:1 4:2\n", LibsvmOptions.binary()), "bad.libsvm", 2,
        "not strictly ascending", "4 after 4");
  }

  @Test
  void missingLabelAndMalformedPairs() throws IOException {
    assertNames(fails("1 1:1\n2:1 3:1\n", LibsvmOptions.binary()), "bad.libsvm", 2,
        "missing label", "'2:1'");
    assertNames(fails("1 3\n", LibsvmOptions.binary()), "bad.libsvm", 1,
        "malformed feature '3'", "index:value");
    assertNames(fails("1 3:\n", LibsvmOptions.binary()), "bad.libsvm", 1,
        "malformed feature '3:'", "missing value");
    assertNames(fails("1 :3\n", LibsvmOptions.binary()), "bad.libsvm", 1,
        "malformed feature ':3'", "missing index");
    assertNames(fails("1 x:3\n", LibsvmOptions.binary()), "bad.libsvm", 1,
        "non-numeric feature index 'x'", "'x:3'");
  }

  @Test
  void binaryLabelOutsideTheDomain() throws IOException {
    assertNames(fails("1 1:1\n2 1:1\n", LibsvmOptions.binary()), "bad.libsvm", 2,
        "label '2'", "outside the loss's domain");
    assertNames(fails("0.5 1:1\n", LibsvmOptions.binary()), "bad.libsvm", 1,
        "label '0.5'", "outside the loss's domain");
  }

  @Test
  void binaryFileMixingZeroAndMinusOneNamesBothLines() throws IOException {
    assertNames(fails("1 1:1\n0 1:1\n1\n-1 2:1\n", LibsvmOptions.binary()), "bad.libsvm", 4,
        "label -1", "used 0", "line 2", "all -1/+1 or all 0/1");
    assertNames(fails("-1 1:1\n+1\n0 1:1\n", LibsvmOptions.binary()), "bad.libsvm", 3,
        "label 0", "used -1", "line 1");
  }

  @Test
  void indexAboveTheDeclaredFeatureCount() throws IOException {
    InputDataException e =
        fails("1 1:1 3:1\n-1 2:1 4:1\n", LibsvmOptions.binary().withFeatureCount(3));
    assertNames(e, "bad.libsvm", 2, "feature index 4", "above the declared feature count 3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\n\n", "# only a comment\n   \n\t\n"})
  void fileWithoutRowsIsAnError(String text) throws IOException {
    assertNames(fails(text, LibsvmOptions.binary()), "bad.libsvm", 0, "no rows");
  }

  @Test
  void lineNumbersCountBlankLinesAndCrlf() throws IOException {
    assertNames(fails("1 1:1\r\n\r\n# c\r\n-1 1:x\r\n", LibsvmOptions.binary()), "bad.libsvm", 4,
        "non-numeric value 'x'");
  }

  @Test
  void longBadTokensAreShortenedInMessages() throws IOException {
    String token = "z".repeat(500);
    InputDataException e = fails("1 1:" + token + "\n", LibsvmOptions.binary());
    assertTrue(e.getMessage().length() < 300, e.getMessage());
    assertTrue(e.problem().contains("non-numeric value 'zzzz"), e.getMessage());
  }

  // ---------------------------------------------------------------- cross-check

  /** An independent, slow reading: String.split and Double.parseDouble into dense rows. */
  static double[][] naiveDense(List<String> lines, int p, double[] labelsOut) {
    double[][] rows = new double[labelsOut.length][p];
    int r = 0;
    for (String line : lines) {
      int hash = line.indexOf('#');
      String body = (hash >= 0 ? line.substring(0, hash) : line).trim();
      if (body.isEmpty()) {
        continue;
      }
      String[] tokens = body.split("\\s+");
      double label = Double.parseDouble(tokens[0]);
      labelsOut[r] = label == 0.0 ? -1.0 : label;
      for (int t = 1; t < tokens.length; t++) {
        String[] pair = tokens[t].split(":");
        rows[r][Integer.parseInt(pair[0]) - 1] = Double.parseDouble(pair[1]) + 0.0; // -0 → 0
      }
      r++;
    }
    assertEquals(labelsOut.length, r);
    return rows;
  }

  static void assertEqualsNaive(String text, LabeledData d) {
    List<String> lines = text.lines().toList();
    double[] labels = new double[d.rows()];
    double[][] expected = naiveDense(lines, d.cols(), labels);
    assertArrayEquals(labels, d.labels());
    DenseMatrix want = DenseMatrix.ofRows(expected);
    for (int j = 0; j < d.cols(); j++) {
      assertArrayEquals(want.column(j), d.features().column(j), "column " + j);
    }
    assertEquals(CscMatrix.copyOf(want).storedEntries(), d.features().storedEntries());
  }

  @Test
  void cscEqualsANaiveDenseParseOfAGeneratedSample() throws IOException {
    LabeledData d = read(SAMPLE, LibsvmOptions.binary());
    assertInstanceOf(CscMatrix.class, d.features());
    assertEqualsNaive(SAMPLE, d);
  }

  // ---------------------------------------------------------------- options

  @Test
  void optionsValidateAndRoundTripThroughAMap() {
    LibsvmOptions o = LibsvmOptions.real().withFeatureCount(300);
    assertEquals(o, LibsvmOptions.fromMap(o.toMap()));
    assertEquals(LibsvmOptions.binary(), LibsvmOptions.fromMap(Map.of("label_kind", "BINARY")));
    assertTrue(LibsvmOptions.binary().infersFeatureCount());
    IllegalArgumentException neg =
        assertThrows(IllegalArgumentException.class, () -> new LibsvmOptions(LabelKind.REAL, -2));
    assertTrue(neg.getMessage().contains("-2"));
    assertThrows(IllegalArgumentException.class, () -> LibsvmOptions.binary().withFeatureCount(0));
    assertThrows(IllegalArgumentException.class, () -> new LibsvmOptions(null, 0));
    assertThrows(IllegalArgumentException.class, () -> LibsvmOptions.fromMap(Map.of()));
    IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
        () -> LibsvmOptions.fromMap(Map.of("label_kind", "ordinal")));
    assertTrue(kind.getMessage().contains("ordinal"));
  }
}
