package org.sparsetune.spark.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.sparsetune.data.InputDataException;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.LibsvmOptions;
import org.sparsetune.data.LibsvmReader;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.report.AtomicFiles;

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

  /**
   * Reads LIBSVM data from any Hadoop path: one file (plain, .gz, .bz2 or .xz), or a folder of
   * part files as Spark writes them ({@code df.write().format("libsvm")}, {@code
   * saveAsTextFile}). A folder's {@code part-*} files are read in name order as one data set —
   * their rows one after another — and every other entry ({@code _SUCCESS}, hidden files such as
   * {@code .part-00000.crc}, subfolders) is ignored; empty part files (Spark writes one for an
   * empty partition) hold no rows. The feature count is the declared one when {@code options}
   * declares it (every part is checked against it), else the largest index over all parts. Errors
   * name the part file and its line.
   *
   * @throws InputDataException when the path is missing, a folder holds no rows, or a part is
   *     malformed
   */
  public static LabeledData readLibsvm(String uri, LibsvmOptions options, Configuration conf) {
    List<String> parts = partFiles(uri, conf);
    if (parts == null) {
      return readLibsvmFile(uri, options, conf);
    }
    List<LabeledData> read = new ArrayList<>();
    int p = options.featureCount();
    for (String part : parts) {
      LabeledData d = readLibsvmFile(part, options, conf);
      read.add(d);
      p = Math.max(p, d.cols());
    }
    if (read.isEmpty()) {
      throw new InputDataException(uri, "no rows: every part-* file in the folder is empty");
    }
    if (read.size() == 1) {
      return new LabeledData(uri, read.get(0).features(), read.get(0).labels());
    }
    List<CscMatrix> blocks = new ArrayList<>(read.size());
    int rows = 0;
    for (LabeledData d : read) {
      blocks.add((CscMatrix) d.features());
      rows += d.rows();
    }
    double[] labels = new double[rows];
    int at = 0;
    for (LabeledData d : read) {
      System.arraycopy(d.labels(), 0, labels, at, d.rows());
      at += d.rows();
    }
    CscMatrix stacked = CscMatrix.stackRows(p, blocks);
    blocks.clear();
    read.clear();
    return new LabeledData(uri, stacked, labels);
  }

  private static LabeledData readLibsvmFile(String uri, LibsvmOptions options, Configuration conf) {
    try (InputStream in = open(uri, conf)) {
      return LibsvmReader.read(in, uri, options);
    } catch (IOException e) {
      throw new InputDataException(uri, 0, "read failed: " + e.getMessage(), e);
    }
  }

  /**
   * The nonempty {@code part-*} files of a folder in name order (as {@code uri/name}, so messages
   * name them as the user wrote the folder), or null when {@code uri} is not a folder.
   */
  private static List<String> partFiles(String uri, Configuration conf) {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus status;
      try {
        status = fs.getFileStatus(path);
      } catch (FileNotFoundException e) {
        return null; // open() reports it
      }
      if (!status.isDirectory()) {
        return null;
      }
      List<FileStatus> found = new ArrayList<>();
      boolean anyPart = false;
      for (FileStatus f : fs.listStatus(path)) {
        String name = f.getPath().getName();
        if (f.isFile() && name.startsWith("part-")) {
          anyPart = true;
          if (f.getLen() > 0) {
            found.add(f);
          }
        }
      }
      if (!anyPart) {
        throw new InputDataException(uri, "is a folder without part-* files; expected a LIBSVM"
            + " file or a folder of part files as Spark writes them");
      }
      found.sort(Comparator.comparing(f -> f.getPath().getName()));
      String base = uri.replaceAll("/+$", "");
      List<String> out = new ArrayList<>(found.size());
      for (FileStatus f : found) {
        out.add(base + "/" + f.getPath().getName());
      }
      return out;
    } catch (IOException e) {
      throw new InputDataException(uri, 0, "cannot be listed: " + e.getMessage(), e);
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

  /**
   * Fails early (exit code 2) when a folder cannot be created or written: creates it if needed
   * and writes and deletes a probe file in it.
   *
   * @throws OutputException when {@code out} is a file, or cannot be created or written
   */
  public static void checkWritableFolder(String out, Configuration conf) {
    try {
      Path dir = new Path(out);
      FileSystem fs = dir.getFileSystem(conf);
      if (fs.exists(dir) && !fs.getFileStatus(dir).isDirectory()) {
        throw new OutputException(out, "it exists and is not a folder");
      }
      writeTextAtomically(out + "/.sparsetune-write-check", "ok\n", conf);
      fs.delete(new Path(dir, ".sparsetune-write-check"), false);
    } catch (IOException e) {
      throw new OutputException(out, e.getMessage());
    }
  }

  /** Writes text atomically: to a temporary sibling first, then renamed over the target. */
  public static void writeTextAtomically(String uri, String text, Configuration conf) {
    writeAtomically(uri, text.getBytes(StandardCharsets.UTF_8), conf);
  }

  /**
   * Writes bytes atomically: to a temporary sibling first, then renamed over the target.
   *
   * <p>On the local file system the bytes go through {@link AtomicFiles} (java.nio, synced to disk
   * before the rename): Hadoop's local file system sets the permissions of every file it creates,
   * and without the native Hadoop library (the usual case) it does so by starting a {@code chmod}
   * process — 5–12 ms per file on the project machines, on the driver's critical path for the
   * checkpoint written after every outer iteration (docs/benchmarks.md).
   */
  public static void writeAtomically(String uri, byte[] bytes, Configuration conf) {
    Path target = new Path(uri);
    try {
      FileSystem fs = writable(target.getFileSystem(conf));
      if (fs instanceof RawLocalFileSystem local) {
        AtomicFiles.write(local.pathToFile(target).toPath(), bytes);
        return;
      }
      Path parent = target.getParent();
      Path tmp = new Path(parent, "." + target.getName() + ".tmp-" + UUID.randomUUID());
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
