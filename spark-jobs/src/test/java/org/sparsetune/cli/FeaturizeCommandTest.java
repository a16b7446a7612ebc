package org.sparsetune.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.LibsvmOptions;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.report.CsvTable;
import org.sparsetune.spark.io.HadoopFiles;
import org.sparsetune.spark.text.TextCorpus;
import org.sparsetune.spark.text.TextDocument;
import org.sparsetune.spark.text.TinyArchives;

/**
 * {@code featurize} end to end on local[2], on tiny archives in the real layouts: the LIBSVM
 * output read back with core's reader equals a TF-IDF matrix computed here independently
 * (tokens, bigrams, sorted vocabulary, MLlib's idf, L2 rows), dataset.json agrees with the
 * matrix, {@code tune} runs on the part folder, and bad archives stop with exit code 2 before
 * Spark starts.
 */
class FeaturizeCommandTest {
  /** Absolute tolerance on matrix entries and row norms (entries are O(0.1)). */
  private static final double ENTRY_TOL = 1e-12;
  /** The documented token pattern, written out here rather than taken from the job. */
  private static final Pattern TOKENS = Pattern.compile("(?U)\\b\\w\\w+\\b");
  private static final String[] SPARK = {"--master", "local[2]",
      "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
      "--conf", "spark.driver.bindAddress=127.0.0.1"};

  @TempDir static Path dir;
  static Path news20Archive;
  static Path reutersArchive;
  static Run news20;
  static Run reuters;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SparsetuneCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  static Run featurize(String corpus, Path archive, Path out, String... more) {
    List<String> a = new ArrayList<>(List.of("featurize", corpus, "--input", archive.toString(),
        "--out", out.toString()));
    a.addAll(List.of(more));
    a.addAll(List.of(SPARK));
    return run(a.toArray(new String[0]));
  }

  @BeforeAll
  static void featurizeBoth() {
    news20Archive = TinyArchives.news20(dir.resolve("20news-bydate.tar.xz"));
    reutersArchive = TinyArchives.reuters(dir.resolve("reuters21578.tar.xz"));
    news20 = featurize("news20", news20Archive, dir.resolve("news20"), "--partitions", "3");
    reuters = featurize("reuters", reutersArchive, dir.resolve("reuters"));
  }

  private static TextCorpus corpus(String name, Path archive) throws IOException {
    try (InputStream in = Files.newInputStream(archive)) {
      return TextCorpus.read(name, in, archive.toString());
    }
  }

  /** The expected matrix, computed without Spark: rows × sorted vocabulary, dense. */
  record Expected(List<String> vocabulary, double[][] rows, long inEveryDocument) {}

  static Expected expected(List<TextDocument> docs) {
    List<Map<String, Integer>> tf = new ArrayList<>();
    TreeSet<String> vocab = new TreeSet<>();
    for (TextDocument d : docs) {
      List<String> tokens = new ArrayList<>();
      Matcher m = TOKENS.matcher(d.text().toLowerCase(Locale.ROOT));
      while (m.find()) {
        tokens.add(m.group());
      }
      Map<String, Integer> counts = new HashMap<>();
      for (int i = 0; i < tokens.size(); i++) {
        counts.merge(tokens.get(i), 1, Integer::sum);
        if (i + 1 < tokens.size()) {
          counts.merge(tokens.get(i) + " " + tokens.get(i + 1), 1, Integer::sum);
        }
      }
      tf.add(counts);
      vocab.addAll(counts.keySet());
    }
    List<String> terms = new ArrayList<>(vocab);
    Map<String, Integer> column = new HashMap<>();
    for (int j = 0; j < terms.size(); j++) {
      column.put(terms.get(j), j);
    }
    int n = docs.size();
    int[] df = new int[terms.size()];
    for (Map<String, Integer> c : tf) {
      for (String t : c.keySet()) {
        df[column.get(t)]++;
      }
    }
    long every = 0;
    for (int f : df) {
      every += f == n ? 1 : 0;
    }
    double[][] rows = new double[n][terms.size()];
    for (int i = 0; i < n; i++) {
      double sq = 0;
      for (Map.Entry<String, Integer> e : tf.get(i).entrySet()) {
        int j = column.get(e.getKey());
        rows[i][j] = e.getValue() * Math.log((n + 1.0) / (df[j] + 1.0));
      }
      for (double v : rows[i]) {
        sq += v * v;
      }
      if (sq > 0) {
        double norm = Math.sqrt(sq);
        for (int j = 0; j < terms.size(); j++) {
          rows[i][j] /= norm;
        }
      }
    }
    return new Expected(terms, rows, every);
  }

  /** Reads OUT back and checks it against the corpus; returns the matrix. */
  static LabeledData checkOutput(Path out, TextCorpus corpus) throws IOException {
    List<TextDocument> docs = corpus.documents();
    Path libsvm = out.resolve("libsvm");
    assertTrue(Files.exists(libsvm.resolve("_SUCCESS")));
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(List.of(), s.map(p -> p.getFileName().toString())
          .filter(f -> f.startsWith(".libsvm")).toList(), "no temporary folder left");
    }
    LabeledData d = HadoopFiles.readLibsvm(libsvm.toString(), LibsvmOptions.binary(),
        new Configuration());
    Expected e = expected(docs);
    assertEquals(docs.size(), d.rows(), "one row per document");
    assertEquals(e.vocabulary().size(), d.cols(), "columns = unigram + bigram vocabulary");
    assertArrayEquals(docs.stream().mapToDouble(TextDocument::label).toArray(), d.labels(), 0.0,
        "labels in archive order");
    assertEquals(e.vocabulary(), Files.readAllLines(out.resolve("vocabulary.txt"),
        StandardCharsets.UTF_8), "vocabulary.txt: the term of every column");
    CscMatrix a = (CscMatrix) d.features();
    double[] rowSq = new double[d.rows()];
    for (int j = 0; j < d.cols(); j++) {
      double[] col = a.column(j);
      for (int i = 0; i < d.rows(); i++) {
        assertEquals(e.rows()[i][j], col[i], ENTRY_TOL,
            "row " + (i + 1) + ", term '" + e.vocabulary().get(j) + "'");
        rowSq[i] += col[i] * col[i];
      }
    }
    for (int i = 0; i < d.rows(); i++) {
      if (rowSq[i] > 0) {
        assertEquals(1.0, Math.sqrt(rowSq[i]), ENTRY_TOL, "L2 norm of row " + (i + 1));
      }
    }

    JsonNode ds = new ObjectMapper().readTree(out.resolve("dataset.json").toFile());
    long nnz = a.storedEntries();
    long positives = docs.stream().filter(x -> x.label() > 0).count();
    assertEquals(corpus.name(), ds.get("name").asText());
    assertEquals(d.rows(), ds.get("rows").asLong());
    assertEquals(d.cols(), ds.get("cols").asLong());
    assertEquals(nnz, ds.get("nonzeros").asLong(), "nonzeros = stored entries read back");
    assertEquals((double) nnz / ((double) d.rows() * d.cols()), ds.get("density").asDouble(),
        1e-15);
    assertEquals((double) nnz / d.rows(), ds.get("nonzeros_per_row").asDouble(), 1e-12);
    assertEquals(positives, ds.get("positives").asLong());
    assertEquals((double) positives / d.rows(), ds.get("positive_rate").asDouble(), 1e-15);
    assertEquals(e.inEveryDocument(), ds.get("terms_in_every_document").asLong());
    assertTrue(ds.get("l2_norm_max_error").asDouble() <= ENTRY_TOL);
    assertEquals("(?U)\\b\\w\\w+\\b", ds.get("token_pattern").asText());
    assertEquals(corpus.labelRule(), ds.get("label_definition").asText());
    assertEquals(corpus.source(), ds.get("source").asText());

    CsvTable rows = CsvTable.read(out.resolve("documents.csv"));
    assertEquals(docs.size(), rows.rowCount());
    for (int i = 0; i < docs.size(); i++) {
      assertEquals(String.valueOf(i + 1), rows.get(i, "row"));
      assertEquals(docs.get(i).id(), rows.get(i, "id"));
      assertEquals(docs.get(i).label(), rows.getDouble(i, "label"), 0.0);
    }
    return d;
  }

  @Test
  void news20MatrixEqualsTheIndependentTfIdf() throws IOException {
    assertEquals(0, news20.code(), news20.err());
    TextCorpus c = corpus("news20", news20Archive);
    LabeledData d = checkOutput(dir.resolve("news20"), c);
    try (Stream<Path> s = Files.list(dir.resolve("news20/libsvm"))) {
      assertEquals(3, s.filter(p -> p.getFileName().toString().startsWith("part-")).count(),
          "--partitions 3: three part files");
    }
    List<String> vocab = Files.readAllLines(dir.resolve("news20/vocabulary.txt"));
    for (String t : new String[] {"café", "müller", "naïve", "card_2", "50", "café müller",
        "graphics question", "example edu"}) {
      assertTrue(vocab.contains(t), "term '" + t + "'");
    }
    assertFalse(vocab.contains("a"), "single characters are not tokens");
    // comp.graphics, misc.forsale and rec.autos positive: 3 groups x 5 messages of 25.
    assertEquals(15, (int) java.util.Arrays.stream(d.labels()).filter(y -> y > 0).count());
    JsonNode printed = new ObjectMapper().readTree(news20.out());
    assertEquals(25, printed.get("rows").asInt());
  }

  @Test
  void reutersKeepsTheModApteDocumentsWithTopics() throws IOException {
    assertEquals(0, reuters.code(), reuters.err());
    TextCorpus c = corpus("reuters", reutersArchive);
    assertEquals(TinyArchives.REUTERS_KEPT, c.documents().stream().map(TextDocument::id).toList());
    LabeledData d = checkOutput(dir.resolve("reuters"), c);
    assertArrayEquals(TinyArchives.REUTERS_LABELS, d.labels(), 0.0);
    JsonNode ds = new ObjectMapper().readTree(dir.resolve("reuters/dataset.json").toFile());
    assertEquals(10, ds.get("documents").get("records").asInt());
    assertEquals(6, ds.get("documents").get("kept").asInt());
  }

  @Test
  void tuneRunsOnThePartFolder() throws IOException {
    assertEquals(0, news20.code(), news20.err());
    Path out = dir.resolve("tune-news20");
    List<String> a = new ArrayList<>(List.of("tune", "--data",
        dir.resolve("news20/libsvm").toString(), "--method", "ntrba-sc", "--max-iter", "2",
        "--out", out.toString()));
    a.addAll(List.of(SPARK));
    Run r = run(a.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertTrue(summary.toString().contains("\"features\""), summary.toString());
    assertTrue(SparkSession.getActiveSession().isEmpty(), "every context stopped");
  }

  private static void assertBadInput(Run r, String... fragments) {
    assertEquals(2, r.code(), r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), "message should mention '" + f + "': " + r.err());
    }
    assertTrue(SparkSession.getActiveSession().isEmpty(), "no Spark was started");
  }

  @Test
  void badArchivesStopBeforeSparkWithExitCode2() throws IOException {
    Path out = dir.resolve("bad-out");
    Path missing = dir.resolve("nowhere/20news-bydate.tar.xz");
    assertBadInput(featurize("news20", missing, out), missing.toString(), "not found");
    Path plain = Files.writeString(dir.resolve("plain.tar.xz"), "plain text, not xz at all\n");
    assertBadInput(featurize("reuters", plain, out), plain.toString(), "not an xz file");
    assertBadInput(featurize("news20", reutersArchive, out), reutersArchive.toString(),
        "no messages under");
    assertBadInput(featurize("reuters", news20Archive, out), news20Archive.toString(),
        "no reut2-NNN.sgm");
    assertBadInput(featurize("rcv1", news20Archive, out), "unknown corpus 'rcv1'");
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertBadInput(featurize("news20", news20Archive, file), file.toString(), "not a folder");
    assertFalse(Files.exists(out.resolve("dataset.json")));
  }
}
