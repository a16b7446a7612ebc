package org.sparsetune.spark.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.sparsetune.data.InputDataException;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.LibsvmOptions;
import org.sparsetune.data.LibsvmReader;

/**
 * Reading and writing through the Hadoop FileSystem API, so every path may be local or any
 * Hadoop URI (hdfs://, s3a://, file://, …). Outputs are written to a temporary name in the same
 * folder and renamed, so a crash never leaves a half-written file that looks whole.
 */
public final class HadoopFiles {
  private HadoopFiles() {}

  /** A Hadoop configuration with the defaults found on the classpath. */
  public static Configuration configuration() {
    return new Configuration();
  }

  /**
   * Opens a file for reading.
   *
   * @throws InputDataException when it does not exist or cannot be opened
   */
  public static InputStream open(String uri, Configuration conf) {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(conf);
      return fs.open(path);
    } catch (FileNotFoundException e) {
      throw new InputDataException(uri, "file not found");
    } catch (IOException e) {
      throw new InputDataException(uri, 0, "cannot be opened: " + e.getMessage(), e);
    }
  }

  /** Reads a LIBSVM file (plain, .gz, .bz2 or .xz) from any Hadoop path. */
  public static LabeledData readLibsvm(String uri, LibsvmOptions options, Configuration conf) {
    try (InputStream in = open(uri, conf)) {
      return LibsvmReader.read(in, uri, options);
    } catch (IOException e) {
      throw new InputDataException(uri, 0, "read failed: " + e.getMessage(), e);
    }
  }

  /** Reads a whole (small) text file as UTF-8. */
  public static String readText(String uri, Configuration conf) {
    try (InputStream in = open(uri, conf)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputDataException(uri, 0, "read failed: " + e.getMessage(), e);
    }
  }

  /** Writes text atomically: to a temporary sibling first, then renamed over the target. */
  public static void writeTextAtomically(String uri, String text, Configuration conf) {
    writeAtomically(uri, text.getBytes(StandardCharsets.UTF_8), conf);
  }

  /** Writes bytes atomically: to a temporary sibling first, then renamed over the target. */
  public static void writeAtomically(String uri, byte[] bytes, Configuration conf) {
    Path target = new Path(uri);
    Path parent = target.getParent();
    Path tmp = new Path(parent, "." + target.getName() + ".tmp-" + UUID.randomUUID());
    try {
      FileSystem fs = writable(target.getFileSystem(conf));
      if (parent != null && !fs.exists(parent) && !fs.mkdirs(parent)) {
        throw new OutputException(uri, "cannot create the folder " + parent);
      }
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(bytes);
      }
      if (fs.exists(target) && !fs.delete(target, false)) {
        fs.delete(tmp, false);
        throw new OutputException(uri, "cannot replace the existing file");
      }
      if (!fs.rename(tmp, target)) {
        fs.delete(tmp, false);
        throw new OutputException(uri, "cannot rename the temporary file into place");
      }
    } catch (IOException e) {
      throw new OutputException(uri, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  /**
   * The local file system without Hadoop's checksum layer, which would leave a {@code .crc}
   * sidecar beside every output; other file systems as they are.
   */
  private static FileSystem writable(FileSystem fs) {
    return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
  }

  /** An output that cannot be written: a bad path or permissions, reported with exit code 2. */
  public static final class OutputException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public OutputException(String uri, String problem) {
      super(uri + ": cannot write: " + problem, new IOException(problem));
    }
  }
}
