package org.sparsetune.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.sparsetune.data.InputDataException;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.LibsvmOptions;
import org.sparsetune.data.LibsvmReader;
import org.sparsetune.data.VectorFile;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.spark.io.HadoopFiles;

/** Inputs shared by the subcommands: data files, penalty vectors, the shared benchmark data. */
final class Inputs {
  private Inputs() {}

  /** Reader options for a loss (binary labels for logistic, real for quadratic). */
  static LibsvmOptions libsvmOptions(Loss loss, int features) {
    LibsvmOptions o = loss == Loss.LOGISTIC ? LibsvmOptions.binary() : LibsvmOptions.real();
    return features > 0 ? o.withFeatureCount(features) : o;
  }

  /** Reads a LIBSVM file through the Hadoop FileSystem API; an empty file is bad input. */
  static LabeledData readLibsvm(String uri, LibsvmOptions options, Configuration conf) {
    LabeledData d = HadoopFiles.readLibsvm(uri, options, conf);
    if (d.rows() == 0) {
      throw new InputDataException(uri, "has no rows");
    }
    return d;
  }

  /** Penalties exp(x_j) from a file of log-penalties, one per line, exactly p of them. */
  static double[] penaltiesFromLogFile(String uri, int p, Configuration conf) {
    try (Reader r = new InputStreamReader(HadoopFiles.open(uri, conf), StandardCharsets.UTF_8)) {
      return LowerLevelProblem.exp(VectorFile.read(r, uri, p));
    } catch (IOException e) {
      throw new InputDataException(uri, 0, "read failed: " + e.getMessage(), e);
    }
  }

  /** The same penalty for each of p features. */
  static double[] uniform(int p, double value) {
    double[] w = new double[p];
    Arrays.fill(w, value);
    return w;
  }

  /** A file of the shared benchmark data ({@code --data-dir}, else ../shared/data). */
  static Path sharedData(String dataDir, String file) {
    String dir = dataDir != null ? dataDir : System.getProperty("sparsetune.shared.data", "../shared/data");
    Path path = Path.of(dir, file);
    if (!Files.isRegularFile(path)) {
      throw new InputDataException(
          path.toString(), "not found: pass --data-dir with the folder that holds " + file);
    }
    return path;
  }

  /** Reads a shared benchmark file with binary labels. */
  static LabeledData readShared(String dataDir, String file) {
    return LibsvmReader.read(sharedData(dataDir, file), LibsvmOptions.binary());
  }
}
