package org.sparsetune.spark.text;

/**
 * One labelled document of a corpus.
 *
 * @param id where it came from: the archive entry ({@code 20news-bydate-train/sci.med/58045}) or
 *     the Reuters {@code NEWID}
 * @param split the corpus' own split, {@code train} or {@code test}
 * @param classes the classes the label is derived from: the newsgroup, or the Reuters topics
 *     joined by {@code ;}
 * @param label +1 or -1
 * @param text the text that is featurized
 */
public record TextDocument(String id, String split, String classes, double label, String text) {

  /** Checks the label. */
  public TextDocument {
    if (label != 1.0 && label != -1.0) {
      throw new IllegalArgumentException(id + ": label must be +1 or -1, got " + label);
    }
  }
}
