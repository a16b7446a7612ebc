package org.sparsetune.spark.text;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sparsetune.data.InputDataException;

/**
 * Reuters-21578, Distribution 1.0 ({@code reuters21578.tar.xz}, ../shared/data/text/SOURCES.md):
 * the {@code <REUTERS>} records of every {@code reut2-NNN.sgm} file in the archive (SGML, read as
 * latin-1), in file and record order; the archive's other files are ignored.
 *
 * <h2>Documents kept: ModApte with topics</h2>
 * A record is kept when {@code LEWISSPLIT} is {@code TRAIN} or {@code TEST}, {@code
 * TOPICS="YES"}, and its {@code <TOPICS>} holds at least one {@code <D>} topic: 7,775 train +
 * 3,019 test = 10,794 documents of the 21,578 (the ModApte split has 9,603 + 3,299 records with
 * {@code TOPICS="YES"}; 2,108 of them have no topic).
 *
 * <h2>Text</h2>
 * {@code TITLE} and {@code BODY} of {@code <TEXT>}, joined by a line break (a {@code
 * TYPE="BRIEF"} record has only a title). The 61 kept records of {@code TYPE="UNPROC"} have no
 * TITLE/BODY markup; their whole {@code <TEXT>} content is used instead, so no kept document is
 * empty. The SGML character references {@code &lt;}, {@code &gt;}, {@code &amp;} and {@code
 * &#N;} are decoded.
 *
 * <h2>Label</h2>
 * +1 when the topics include {@code earn} or {@code acq} — the corporate topics (earnings,
 * acquisitions), the analogue of RCV1's CCAT/ECAT vs GCAT/MCAT task — and -1 otherwise
 * (commodities, money markets, economic indicators …): 6,314 of 10,794, 58.5%.
 */
public final class ReutersArchive {
  /** The topics that make a document positive. */
  public static final List<String> POSITIVE_TOPICS = List.of("earn", "acq");

  /** The label rule in words (dataset.json, docs/datasets.md). */
  public static final String LABEL_RULE = "+1 if the document's <TOPICS> include earn or acq"
      + " (corporate: earnings, acquisitions); -1 otherwise. Kept: ModApte documents with topics"
      + " (LEWISSPLIT TRAIN or TEST, TOPICS=\"YES\", at least one <D> in <TOPICS>)";

  /** What is featurized, in words. */
  public static final String TEXT = "TITLE + line break + BODY of <TEXT> (the whole <TEXT> of"
      + " TYPE=\"UNPROC\" records, which have neither), SGML references &lt; &gt; &amp; &#N;"
      + " decoded, latin-1";

  private static final Pattern FILE = Pattern.compile("(?:.*/)?reut2-\\d+\\.sgm");
  private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z]+)=\"([^\"]*)\"");
  private static final Pattern D = Pattern.compile("<D>(.*?)</D>", Pattern.DOTALL);
  private static final Pattern REFERENCE = Pattern.compile("&(lt|gt|amp|#(\\d{1,7}));");

  private ReutersArchive() {}

  /**
   * Reads the kept documents of the archive.
   *
   * @param archive the {@code .tar.xz} bytes (not closed here)
   * @param source the archive's name, for messages and dataset.json
   * @throws InputDataException naming the archive, the {@code .sgm} entry and the line when it is
   *     not a .tar.xz, a record is malformed, or no {@code reut2-NNN.sgm} file is found
   */
  public static TextCorpus read(InputStream archive, String source) {
    List<TextDocument> docs = new ArrayList<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String k : new String[] {"sgm_files", "records", "kept", "train", "test",
        "skipped_not_modapte", "skipped_no_topics", "unproc_text"}) {
      counts.put(k, 0L);
    }
    TarXzArchive.forEachFile(archive, source, (name, text) -> {
      if (FILE.matcher(name).matches()) {
        counts.merge("sgm_files", 1L, Long::sum);
        readSgm(source + "!" + name, text, docs, counts);
      }
    });
    if (counts.get("sgm_files") == 0) {
      throw new InputDataException(source, "no reut2-NNN.sgm file in the archive: is this the"
          + " Reuters-21578 archive (reuters21578.tar.xz)?");
    }
    if (docs.isEmpty()) {
      throw new InputDataException(source, "no ModApte document with topics in its "
          + counts.get("records") + " <REUTERS> records");
    }
    return new TextCorpus("reuters", source, TEXT, LABEL_RULE, POSITIVE_TOPICS, docs, counts);
  }

  private static void readSgm(String file, String sgm, List<TextDocument> docs,
      Map<String, Long> counts) {
    int at = 0;
    while (true) {
      int open = sgm.indexOf("<REUTERS", at);
      if (open < 0) {
        return;
      }
      int tagEnd = sgm.indexOf('>', open);
      int close = sgm.indexOf("</REUTERS>", open);
      if (tagEnd < 0 || close < 0) {
        throw new InputDataException(file, lineOf(sgm, open),
            "a <REUTERS> record without its closing </REUTERS>");
      }
      int next = sgm.indexOf("<REUTERS", open + 1);
      if (next >= 0 && next < close) {
        throw new InputDataException(file, lineOf(sgm, open),
            "a <REUTERS> record without its closing </REUTERS> before the next record");
      }
      counts.merge("records", 1L, Long::sum);
      record(file, sgm, open, tagEnd, close, docs, counts);
      at = close + "</REUTERS>".length();
    }
  }

  private static void record(String file, String sgm, int open, int tagEnd, int close,
      List<TextDocument> docs, Map<String, Long> counts) {
    Map<String, String> attrs = new LinkedHashMap<>();
    Matcher a = ATTRIBUTE.matcher(sgm.substring(open, tagEnd));
    while (a.find()) {
      attrs.put(a.group(1), a.group(2));
    }
    for (String required : new String[] {"TOPICS", "LEWISSPLIT", "NEWID"}) {
      if (!attrs.containsKey(required)) {
        throw new InputDataException(file, lineOf(sgm, open),
            "a <REUTERS> record without the " + required + " attribute");
      }
    }
    String split = attrs.get("LEWISSPLIT");
    if (!attrs.get("TOPICS").equals("YES") || !(split.equals("TRAIN") || split.equals("TEST"))) {
      counts.merge("skipped_not_modapte", 1L, Long::sum);
      return;
    }
    String body = sgm.substring(tagEnd + 1, close);
    List<String> topics = new ArrayList<>();
    String topicsBlock = element(body, "TOPICS");
    if (topicsBlock != null) {
      Matcher d = D.matcher(topicsBlock);
      while (d.find()) {
        topics.add(d.group(1).trim());
      }
    }
    if (topics.isEmpty()) {
      counts.merge("skipped_no_topics", 1L, Long::sum);
      return;
    }
    int textOpen = body.indexOf("<TEXT");
    int textTagEnd = textOpen < 0 ? -1 : body.indexOf('>', textOpen);
    int textClose = body.indexOf("</TEXT>");
    if (textOpen < 0 || textTagEnd < 0 || textClose < textTagEnd) {
      throw new InputDataException(file, lineOf(sgm, open), "record NEWID="
          + attrs.get("NEWID") + " has no <TEXT>…</TEXT> element");
    }
    String textTag = body.substring(textOpen, textTagEnd);
    String content = body.substring(textTagEnd + 1, textClose);
    String text;
    if (textTag.contains("TYPE=\"UNPROC\"")) {
      text = content;
      counts.merge("unproc_text", 1L, Long::sum);
    } else {
      String title = element(content, "TITLE");
      String main = element(content, "BODY");
      text = (title == null ? "" : title) + "\n" + (main == null ? "" : main);
    }
    boolean positive = false;
    for (String t : topics) {
      positive |= POSITIVE_TOPICS.contains(t);
    }
    String s = split.equals("TRAIN") ? "train" : "test";
    docs.add(new TextDocument(attrs.get("NEWID"), s, String.join(";", topics),
        positive ? 1.0 : -1.0, decodeReferences(text)));
    counts.merge("kept", 1L, Long::sum);
    counts.merge(s, 1L, Long::sum);
  }

  /** The content of the first {@code <NAME>…</NAME>} element, or null. */
  private static String element(String s, String name) {
    int open = s.indexOf("<" + name + ">");
    if (open < 0) {
      return null;
    }
    int from = open + name.length() + 2;
    int close = s.indexOf("</" + name + ">", from);
    return close < 0 ? null : s.substring(from, close);
  }

  /** Decodes {@code &lt; &gt; &amp; &#N;}; other text is kept as it is. */
  static String decodeReferences(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = REFERENCE.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      String r = switch (m.group(1)) {
        case "lt" -> "<";
        case "gt" -> ">";
        case "amp" -> "&";
        default -> {
          int cp = Integer.parseInt(m.group(2));
          yield Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : m.group();
        }
      };
      m.appendReplacement(out, Matcher.quoteReplacement(r));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static long lineOf(String s, int offset) {
    long line = 1;
    for (int i = 0; i < offset; i++) {
      if (s.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
