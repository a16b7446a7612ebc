package org.sparsetune.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Text files that hold one number per line: log-penalties ({@code x_j}, penalty {@code exp(x_j)}),
 * coefficients, penalties. Blank lines and lines starting with {@code #} are skipped; every other
 * line holds exactly one finite number.
 */
public final class VectorFile {
  private VectorFile() {}

  /**
   * Parses a vector; when {@code expectedLength} is positive the count must match it.
   *
   * @throws InputDataException naming the file, the line and the problem
   */
  public static double[] read(Reader reader, String source, int expectedLength) {
    double[] values = new double[Math.max(expectedLength, 16)];
    int count = 0;
    long lineNo = 0;
    try (BufferedReader in = new BufferedReader(reader)) {
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        double v;
        try {
          v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
          throw new InputDataException(source, lineNo, "'" + t + "' is not a number");
        }
        if (!Double.isFinite(v)) {
          throw new InputDataException(source, lineNo, "value " + t + " is not finite");
        }
        if (expectedLength > 0 && count == expectedLength) {
          throw new InputDataException(
              source, lineNo, "more than the expected " + expectedLength + " values (one per feature)");
        }
        if (count == values.length) {
          values = Arrays.copyOf(values, 2 * count);
        }
        values[count++] = v;
      }
    } catch (IOException e) {
      throw new InputDataException(source, lineNo, "read failed: " + e.getMessage(), e);
    }
    if (expectedLength > 0 && count != expectedLength) {
      throw new InputDataException(
          source, "holds " + count + " values, expected " + expectedLength + " (one per feature)");
    }
    return Arrays.copyOf(values, count);
  }

  /** Formats a vector as one value per line, in Java's shortest round-trip decimal form. */
  public static String format(double[] values) {
    StringBuilder sb = new StringBuilder(values.length * 12);
    for (double v : values) {
      sb.append(v).append('\n');
    }
    return sb.toString();
  }
}
