package org.sparsetune.data;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints how long {@link LibsvmReader} takes on a file: the first read in a fresh JVM (what a
 * user waits for, JIT warm-up included) and the best of later reads. Not a test; run it with
 *
 * <pre>
 * mvn -B -o -q -pl core test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp core/target/classes:core/target/test-classes:$(cat /tmp/cp.txt) \
 *     org.sparsetune.data.LibsvmReadTiming ../shared/data/w8a.xz binary 5
 * </pre>
 */
public final class LibsvmReadTiming {
  private LibsvmReadTiming() {}

  /** Arguments: file, label kind (binary or real), number of repetitions. */
  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    LibsvmOptions options = new LibsvmOptions(LabelKind.parse(args.length > 1 ? args[1] : "binary"),
        LibsvmOptions.INFER_FEATURE_COUNT);
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    double best = Double.POSITIVE_INFINITY;
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      LabeledData d = LibsvmReader.read(file, options);
      double ms = (System.nanoTime() - t0) / 1e6;
      if (r == 0) {
        System.out.printf(Locale.ROOT, "%s: %d rows x %d features, %d nonzeros%n", file, d.rows(),
            d.cols(), d.features().storedEntries());
        System.out.printf(Locale.ROOT, "first read (cold JVM): %.0f ms%n", ms);
      } else {
        best = Math.min(best, ms);
      }
    }
    if (reps > 1) {
      System.out.printf(Locale.ROOT, "best of %d later reads: %.0f ms%n", reps - 1, best);
    }
  }
}
