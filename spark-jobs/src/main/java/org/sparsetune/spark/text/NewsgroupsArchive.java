package org.sparsetune.spark.text;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsetune.data.InputDataException;

/**
 * 20 Newsgroups, "bydate" version ({@code 20news-bydate.tar.xz}, ../shared/data/text/SOURCES.md):
 * every message file {@code 20news-bydate-train/GROUP/ID} and {@code 20news-bydate-test/GROUP/ID},
 * train and test together (18,846 messages), in archive order.
 *
 * <h2>Text</h2>
 * The whole message file, header lines included ({@code From:}, {@code Subject:},
 * {@code Organization:}, {@code Lines:} …; the bydate version has no {@code Newsgroups:} line, so
 * no header names the group). This is what scikit-learn's {@code fetch_20newsgroups} returns by
 * default; issue 6's reference measurements used its 18,846 × 1,664,476 unigram + bigram matrix
 * (scikit-learn's tokenization; {@link FeaturizeJob}'s Java pattern gives 7 columns fewer, see
 * docs/datasets.md).
 *
 * <h2>Label</h2>
 * +1 for the 10 groups {@code comp.*} (5), {@code rec.*} (4) and {@code misc.forsale} — computers,
 * recreation and for-sale: 9,845 of 18,846 messages, 52.2% — and -1 for the other 10 ({@code
 * alt.atheism}, {@code sci.*}, {@code soc.religion.christian}, {@code talk.*}): the most balanced
 * split that follows the groups' own hierarchy. (Exact 50/50 splits exist but mix unrelated
 * groups; the closest split along the top-level names, alt+comp+sci, gives 51.2%.)
 */
public final class NewsgroupsArchive {
  /** The two folders of the bydate archive and the split each holds. */
  static final Map<String, String> SPLIT_FOLDERS =
      Map.of("20news-bydate-train", "train", "20news-bydate-test", "test");

  /** The 20 newsgroups, in their usual (alphabetical) order. */
  public static final List<String> GROUPS = List.of("alt.atheism", "comp.graphics",
      "comp.os.ms-windows.misc", "comp.sys.ibm.pc.hardware", "comp.sys.mac.hardware",
      "comp.windows.x", "misc.forsale", "rec.autos", "rec.motorcycles", "rec.sport.baseball",
      "rec.sport.hockey", "sci.crypt", "sci.electronics", "sci.med", "sci.space",
      "soc.religion.christian", "talk.politics.guns", "talk.politics.mideast",
      "talk.politics.misc", "talk.religion.misc");

  /** The positive groups: comp.*, rec.* and misc.forsale. */
  public static final List<String> POSITIVE_GROUPS = GROUPS.stream()
      .filter(g -> g.startsWith("comp.") || g.startsWith("rec.") || g.equals("misc.forsale"))
      .toList();

  /** The label rule in words (dataset.json, docs/datasets.md). */
  public static final String LABEL_RULE = "+1 if the message's newsgroup folder is comp.*, rec.*"
      + " or misc.forsale (" + String.join(", ", POSITIVE_GROUPS) + "); -1 for the other 10 groups";

  /** What is featurized, in words. */
  public static final String TEXT = "the whole message file, header lines included"
      + " (From, Subject, Organization, Lines, ...), decoded as latin-1";

  private NewsgroupsArchive() {}

  /**
   * Reads every message of the archive.
   *
   * @param archive the {@code .tar.xz} bytes (not closed here)
   * @param source the archive's name, for messages and dataset.json
   * @throws InputDataException naming the archive (and the entry) when it is not a .tar.xz, a
   *     message sits outside {@code SPLIT/GROUP/ID}, a group is not one of the 20, or no message
   *     is found
   */
  public static TextCorpus read(InputStream archive, String source) {
    List<TextDocument> docs = new ArrayList<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("messages", 0L);
    counts.put("train", 0L);
    counts.put("test", 0L);
    counts.put("other_files_ignored", 0L);
    TarXzArchive.forEachFile(archive, source, (name, text) -> {
      String[] parts = name.split("/");
      String split = parts.length > 0 ? SPLIT_FOLDERS.get(parts[0]) : null;
      if (split == null) {
        counts.merge("other_files_ignored", 1L, Long::sum);
        return;
      }
      if (parts.length != 3) {
        throw new InputDataException(source + "!" + name, "a file at an unexpected place: the"
            + " bydate archive holds " + parts[0] + "/GROUP/MESSAGE files only");
      }
      String group = parts[1];
      if (!GROUPS.contains(group)) {
        throw new InputDataException(source + "!" + name, "unknown newsgroup folder '" + group
            + "': expected one of the 20 newsgroups (" + GROUPS.get(0) + " … "
            + GROUPS.get(GROUPS.size() - 1) + ")");
      }
      double label = POSITIVE_GROUPS.contains(group) ? 1.0 : -1.0;
      docs.add(new TextDocument(name, split, group, label, text));
      counts.merge("messages", 1L, Long::sum);
      counts.merge(split, 1L, Long::sum);
    });
    if (docs.isEmpty()) {
      throw new InputDataException(source, "no messages under 20news-bydate-train/GROUP/ or"
          + " 20news-bydate-test/GROUP/: is this the 20 Newsgroups bydate archive"
          + " (20news-bydate.tar.xz)?");
    }
    return new TextCorpus("news20", source, TEXT, LABEL_RULE, POSITIVE_GROUPS, docs, counts);
  }
}
