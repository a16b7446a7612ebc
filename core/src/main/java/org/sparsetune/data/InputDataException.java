package org.sparsetune.data;

/**
 * Bad input data: names the file, the 1-based line (0 when the problem is not tied to a line) and
 * what is wrong. The command line maps it to exit code 2; Spark jobs never retry it as if an
 * executor had been lost.
 */
public class InputDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final String problem;

  /** A problem at a given 1-based line of a file. */
  public InputDataException(String file, long line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  /** A problem with a whole file (no single line is to blame). */
  public InputDataException(String file, String problem) {
    this(file, 0, problem);
  }

  /** A problem that also has an underlying cause (an I/O or decompression error). */
  public InputDataException(String file, long line, String problem, Throwable cause) {
    this(file, line, problem);
    initCause(cause);
  }

  /** The file (or source) name. */
  public String file() {
    return file;
  }

  /** The 1-based line number, or 0 when not tied to a line. */
  public long line() {
    return line;
  }

  /** What is wrong, without the file and line prefix. */
  public String problem() {
    return problem;
  }
}
