import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.sparsetune.spark.io.HadoopFiles;

/**
 * The cost of one checkpoint-sized atomic write to the local disk: {@link
 * HadoopFiles#writeAtomically} (java.nio, synced, renamed) against the same write through Hadoop's
 * raw local file system (create a temporary file, rename it over the target), which sets the new
 * file's permissions by starting a {@code chmod} process when the native Hadoop library is absent.
 * 100 writes of BYTES bytes per round, interleaved, fastest of 5 rounds.
 *
 * <pre>
 *   mvn -q -B -o -DskipTests package
 *   java -cp "$(ls spark-jobs/target/sparsetune-spark-jobs-*[0-9T].jar):$(cat spark-jobs/target/runtime-classpath.txt)" \
 *       docs/bench/CheckpointWrite.java 60000
 * </pre>
 */
public class CheckpointWrite {
  public static void main(String[] args) throws Exception {
    byte[] bytes = new byte[args.length > 0 ? Integer.parseInt(args[0]) : 60_000];
    Configuration conf = new Configuration();
    Path dir = Files.createTempDirectory("checkpoint-write");
    FileSystem raw = FileSystem.getLocal(conf).getRaw();
    double bestNio = Double.MAX_VALUE;
    double bestHadoop = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        HadoopFiles.writeAtomically(dir.resolve("nio-" + i % 10).toString(), bytes, conf);
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(
            dir.resolve("hadoop-" + i % 10).toUri());
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(
            dir.resolve(".hadoop-" + i % 10 + ".tmp").toUri());
        try (OutputStream out = raw.create(tmp, true)) {
          out.write(bytes);
        }
        raw.delete(target, false);
        raw.rename(tmp, target);
      }
      long t2 = System.nanoTime();
      bestNio = Math.min(bestNio, (t1 - t0) / 1e6 / 100);
      bestHadoop = Math.min(bestHadoop, (t2 - t1) / 1e6 / 100);
    }
    System.out.printf("%d bytes: HadoopFiles.writeAtomically %.2f ms per write, Hadoop raw local"
        + " create+rename %.2f ms (%.1fx)%n", bytes.length, bestNio, bestHadoop,
        bestHadoop / bestNio);
    try (var files = Files.list(dir)) {
      files.forEach(f -> f.toFile().delete());
    }
    Files.delete(dir);
  }
}
