package org.sparsetune.spark.text;

import java.util.List;
import java.util.Map;

/**
 * The labelled documents of one corpus, in archive order, and how they were chosen.
 *
 * @param name {@code news20} or {@code reuters}
 * @param source the archive read
 * @param text what of each document is featurized, in words
 * @param labelRule the label definition, in words
 * @param positiveClasses the classes that make a document positive
 * @param documents the documents in archive order (the rows of the matrix)
 * @param counts how many documents were seen, kept and skipped, by reason (ordered)
 */
public record TextCorpus(String name, String source, String text, String labelRule,
    List<String> positiveClasses, List<TextDocument> documents, Map<String, Long> counts) {

  /** Copies the lists and map. */
  public TextCorpus {
    positiveClasses = List.copyOf(positiveClasses);
    documents = List.copyOf(documents);
    counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
  }

  /** The number of positive documents. */
  public long positives() {
    long n = 0;
    for (TextDocument d : documents) {
      if (d.label() > 0) {
        n++;
      }
    }
    return n;
  }

  /** Reads a corpus by name from its archive's bytes (see {@link #NAMES}). */
  public static TextCorpus read(String name, java.io.InputStream archive, String source) {
    return switch (name) {
      case "news20" -> NewsgroupsArchive.read(archive, source);
      case "reuters" -> ReutersArchive.read(archive, source);
      default -> throw new IllegalArgumentException(
          "unknown corpus '" + name + "': expected one of " + NAMES);
    };
  }

  /** The corpora {@link #read} knows. */
  public static final List<String> NAMES = List.of("news20", "reuters");
}
