package org.sparsetune.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of {@link LibsvmReader}.
 *
 * @param labelKind which label values are allowed ({@link LabelKind#BINARY} maps {0, 1} to ±1)
 * @param featureCount the number of features p, or {@link #INFER_FEATURE_COUNT} (0, the default)
 *     to use the largest index seen. When p is given, an index above it is an error naming the
 *     line, and columns beyond the largest index seen are empty.
 */
public record LibsvmOptions(LabelKind labelKind, int featureCount) {

  /** The {@link #featureCount} that means "the largest index seen in the file". */
  public static final int INFER_FEATURE_COUNT = 0;

  /** Validates every field; the message names the bad value. */
  public LibsvmOptions {
    if (labelKind == null) {
      throw new IllegalArgumentException("labelKind must not be null (binary or real)");
    }
    if (featureCount < 0) {
      throw new IllegalArgumentException(
          "featureCount must be positive, or 0 to infer it from the file, got " + featureCount);
    }
  }

  /** Labels ±1 (or 0/1, mapped to ±1); feature count inferred. */
  public static LibsvmOptions binary() {
    return new LibsvmOptions(LabelKind.BINARY, INFER_FEATURE_COUNT);
  }

  /** Any finite label (regression); feature count inferred. */
  public static LibsvmOptions real() {
    return new LibsvmOptions(LabelKind.REAL, INFER_FEATURE_COUNT);
  }

  /** The same options with a declared feature count p ≥ 1. */
  public LibsvmOptions withFeatureCount(int p) {
    if (p < 1) {
      throw new IllegalArgumentException("a declared feature count must be at least 1, got " + p);
    }
    return new LibsvmOptions(labelKind, p);
  }

  /** The same options with the feature count inferred from the file. */
  public LibsvmOptions withInferredFeatureCount() {
    return new LibsvmOptions(labelKind, INFER_FEATURE_COUNT);
  }

  /** True when the feature count is the largest index seen rather than declared. */
  public boolean infersFeatureCount() {
    return featureCount == INFER_FEATURE_COUNT;
  }

  /** The options as an ordered name → value map (for JSON logs and shipping to executors). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label_kind", labelKind.cliName());
    m.put("feature_count", featureCount);
    return m;
  }

  /**
   * Reads options written by {@link #toMap}. {@code label_kind} is required (there is no safe
   * default between classification and regression); an absent {@code feature_count} means inferred.
   */
  public static LibsvmOptions fromMap(Map<String, ?> m) {
    Object kind = m.get("label_kind");
    if (kind == null) {
      throw new IllegalArgumentException("option label_kind is missing (binary or real)");
    }
    Object count = m.get("feature_count");
    int p;
    if (count == null) {
      p = INFER_FEATURE_COUNT;
    } else if (count instanceof Number n) {
      p = n.intValue();
    } else {
      try {
        p = Integer.parseInt(count.toString().trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("option feature_count is not an integer: " + count, e);
      }
    }
    return new LibsvmOptions(LabelKind.parse(kind.toString()), p);
  }
}
