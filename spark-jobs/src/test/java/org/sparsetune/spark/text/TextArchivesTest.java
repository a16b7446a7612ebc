package org.sparsetune.spark.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsetune.data.InputDataException;

/**
 * The archive readers without Spark: which documents each keeps, their labels, splits and text,
 * and the message for every kind of bad archive.
 */
class TextArchivesTest {
  @TempDir Path tmp;

  private static TextCorpus read(String name, Path archive) throws IOException {
    try (InputStream in = Files.newInputStream(archive)) {
      return TextCorpus.read(name, in, archive.toString());
    }
  }

  @Test
  void news20KeepsEveryMessageWithTheDocumentedLabels() throws IOException {
    Path archive = TinyArchives.news20(tmp.resolve("20news-bydate.tar.xz"));
    TextCorpus c = read("news20", archive);
    Map<String, String> files = TinyArchives.news20Files();
    assertEquals(new ArrayList<>(files.keySet()),
        c.documents().stream().map(TextDocument::id).toList(), "every message, archive order");
    for (TextDocument d : c.documents()) {
      String group = d.id().split("/")[1];
      boolean positive = group.startsWith("comp.") || group.startsWith("rec.")
          || group.equals("misc.forsale");
      assertEquals(positive ? 1.0 : -1.0, d.label(), d.id());
      assertEquals(group, d.classes());
      assertEquals(d.id().startsWith("20news-bydate-train/") ? "train" : "test", d.split());
      assertEquals(files.get(d.id()), d.text(), "the whole file, headers included");
    }
    assertEquals(List.of("comp.graphics", "comp.os.ms-windows.misc", "comp.sys.ibm.pc.hardware",
        "comp.sys.mac.hardware", "comp.windows.x", "misc.forsale", "rec.autos",
        "rec.motorcycles", "rec.sport.baseball", "rec.sport.hockey"),
        NewsgroupsArchive.POSITIVE_GROUPS);
    assertEquals(15L, c.positives()); // comp.graphics, misc.forsale, rec.autos: 3 x (2 + 3)
    assertEquals(25L, c.counts().get("messages"));
    assertEquals(15L, c.counts().get("train"));
    assertEquals(10L, c.counts().get("test"));
    assertEquals(1L, c.counts().get("other_files_ignored"), "README.txt");
    assertTrue(c.documents().get(1).text().contains("Caf\u00e9 M\u00fcller"), "latin-1 bytes");
  }

  @Test
  void news20GroupSplitOfTheRealCounts() {
    // The per-group message counts of the bydate archive (train + test, SOURCES.md).
    int[] counts = {799, 973, 985, 982, 963, 988, 975, 990, 996, 994, 999, 991, 984, 990, 987,
        997, 910, 940, 775, 628};
    int total = 0;
    int positive = 0;
    for (int g = 0; g < 20; g++) {
      total += counts[g];
      if (NewsgroupsArchive.POSITIVE_GROUPS.contains(NewsgroupsArchive.GROUPS.get(g))) {
        positive += counts[g];
      }
    }
    assertEquals(18_846, total);
    assertEquals(9_845, positive, "52.2% positive, as docs/datasets.md states");
  }

  @Test
  void reutersKeepsExactlyTheModApteDocumentsWithTopics() throws IOException {
    Path archive = TinyArchives.reuters(tmp.resolve("reuters21578.tar.xz"));
    TextCorpus c = read("reuters", archive);
    assertEquals(TinyArchives.REUTERS_KEPT,
        c.documents().stream().map(TextDocument::id).toList());
    assertArrayEquals(TinyArchives.REUTERS_LABELS,
        c.documents().stream().mapToDouble(TextDocument::label).toArray());
    assertEquals(List.of("train", "test", "test", "train", "test", "train"),
        c.documents().stream().map(TextDocument::split).toList());
    assertEquals(List.of("earn", "grain;wheat", "acq", "crude", "money-fx;earn", "trade"),
        c.documents().stream().map(TextDocument::classes).toList());
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("sgm_files", 2L);
    expected.put("records", 10L);
    expected.put("kept", 6L);
    expected.put("train", 3L);
    expected.put("test", 3L);
    expected.put("skipped_not_modapte", 3L); // NOT-USED, TOPICS="NO", TOPICS="BYPASS"
    expected.put("skipped_no_topics", 1L);
    expected.put("unproc_text", 1L);
    assertEquals(expected, c.counts());

    List<String> texts = c.documents().stream().map(TextDocument::text).toList();
    assertEquals("ACME CORP SETS QUARTERLY DIVIDEND\nAcme Corp <ACM> said its board declared a"
        + " quarterly dividend of 12 cts & raised profit.\n    Shr 1.20 dlrs vs 1.05 dlrs\n"
        + " Reuter\n\u0003", texts.get(0), "TITLE + BODY, references decoded, no DATELINE");
    assertTrue(texts.get(1).contains("Z\u00fcrich"), "latin-1");
    assertEquals("BETA INC BUYS GAMMA UNIT FOR 40 MLN DLRS\n", texts.get(2), "a brief: title");
    assertEquals("\u0002\nOIL PRICES Crude oil output cut by OPEC members, sources said.\n"
        + "\u0003", texts.get(3), "UNPROC: the whole TEXT");
  }

  @Test
  void referencesAreDecoded() {
    assertEquals("<ACM> & co \u00fc &#x41; &quot;",
        ReutersArchive.decodeReferences("&lt;ACM&gt; &amp; co &#252; &#x41; &quot;"));
  }

  private InputDataException bad(String name, Path archive) {
    return assertThrows(InputDataException.class, () -> read(name, archive));
  }

  private static void assertMessage(InputDataException e, String... fragments) {
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
    }
  }

  @Test
  void badArchivesNameTheFile() throws IOException {
    Path plain = Files.writeString(tmp.resolve("plain.tar.xz"), "just text\n");
    assertMessage(bad("news20", plain), plain.toString(), "not an xz file");

    Path notTar = TinyArchives.xz(tmp.resolve("not-tar.tar.xz"),
        "this is xz but no tar inside, long enough to fill part of a tar header block.\n"
            .repeat(10).getBytes(StandardCharsets.US_ASCII));
    assertMessage(bad("reuters", notTar), notTar.toString(), "not a tar archive");

    Path full = TinyArchives.news20(tmp.resolve("full.tar.xz"));
    Path cut = Files.write(tmp.resolve("cut.tar.xz"), TinyArchives.firstHalf(full));
    assertMessage(bad("news20", cut), cut.toString(), "corrupt or truncated");

    Path reuters = TinyArchives.reuters(tmp.resolve("reuters21578.tar.xz"));
    assertMessage(bad("news20", reuters), reuters.toString(), "no messages under",
        "20news-bydate.tar.xz");
    Path news = TinyArchives.news20(tmp.resolve("20news.tar.xz"));
    assertMessage(bad("reuters", news), news.toString(), "no reut2-NNN.sgm file");

    Path unknown = TinyArchives.tarXz(tmp.resolve("unknown.tar.xz"),
        Map.of("20news-bydate-train/comp.amiga/1", "From: a\n\nhello\n"));
    assertMessage(bad("news20", unknown), unknown + "!20news-bydate-train/comp.amiga/1",
        "unknown newsgroup folder 'comp.amiga'");

    Path flat = TinyArchives.tarXz(tmp.resolve("flat.tar.xz"),
        Map.of("20news-bydate-test/12345", "From: a\n\nhello\n"));
    assertMessage(bad("news20", flat), flat + "!20news-bydate-test/12345",
        "GROUP/MESSAGE");

    Map<String, String> broken = new LinkedHashMap<>();
    broken.put("reuters21578/reut2-000.sgm", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
        + "<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" NEWID=\"1\">\n<TOPICS><D>earn</D>"
        + "</TOPICS>\n<TEXT><BODY>cut off here\n");
    Path open = TinyArchives.tarXz(tmp.resolve("open.tar.xz"), broken);
    InputDataException e = bad("reuters", open);
    assertEquals(open + "!reuters21578/reut2-000.sgm", e.file());
    assertEquals(2, e.line());
    assertMessage(e, "without its closing </REUTERS>");

    broken.put("reuters21578/reut2-000.sgm", "\n\n<REUTERS LEWISSPLIT=\"TRAIN\" NEWID=\"1\">"
        + "</REUTERS>\n");
    Path noTopics = TinyArchives.tarXz(tmp.resolve("attr.tar.xz"), broken);
    e = bad("reuters", noTopics);
    assertEquals(3, e.line());
    assertMessage(e, "without the TOPICS attribute");
  }

  @Test
  void anEmptyStreamIsNotAnArchive() {
    InputDataException e = assertThrows(InputDataException.class, () -> TextCorpus.read(
        "news20", new ByteArrayInputStream(new byte[0]), "empty.tar.xz"));
    assertEquals("empty.tar.xz: the file is empty: expected a .tar.xz archive", e.getMessage());
    byte[] gzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0};
    e = assertThrows(InputDataException.class, () -> TextCorpus.read(
        "reuters", new ByteArrayInputStream(gzip), "r.tar.gz"));
    assertTrue(e.getMessage().startsWith("r.tar.gz: gzip data, not xz"), e.getMessage());
  }
}
