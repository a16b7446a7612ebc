package org.sparsetune.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;
import org.sparsetune.data.InputDataException;
import org.sparsetune.spark.io.HadoopFiles;
import org.sparsetune.spark.text.FeaturizeJob;
import org.sparsetune.spark.text.TextCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sparsetune featurize news20|reuters --input ARCHIVE --out DIR}: a text corpus archive to
 * an L2-normalized TF-IDF LIBSVM matrix of unigrams and bigrams (docs/datasets.md).
 */
@Command(
    name = "featurize",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Builds a sparse TF-IDF matrix from a text corpus archive with Spark MLlib's own"
          + " transformers: RegexTokenizer (lowercase), NGram(2), unigrams + bigrams,"
          + " CountVectorizer (vocabulary not pruned), IDF, Normalizer(p = 2).",
      "news20: 20 Newsgroups bydate (20news-bydate.tar.xz), +1 for comp.*, rec.*, misc.forsale."
          + " reuters: Reuters-21578 ModApte documents with topics (reuters21578.tar.xz), +1 for"
          + " topics earn or acq.",
      "Writes OUT/libsvm/ (part files; 'tune --data OUT/libsvm' reads them), OUT/vocabulary.txt,"
          + " OUT/documents.csv and OUT/dataset.json (rows, cols, nonzeros, density, positive"
          + " rate, label rule, token pattern, source)."
    })
final class FeaturizeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CORPUS", description = "news20|reuters.")
  String corpus;

  @Option(names = "--input", required = true, paramLabel = "ARCHIVE",
      description = "The corpus' .tar.xz archive (local path or Hadoop FS URI), read as it is.")
  String input;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Output folder (any Hadoop FS path); its libsvm/ and files are replaced.")
  String out;

  @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
      description = "Partitions of the documents, = part files (default: Spark's default"
          + " parallelism).")
  int partitions;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() throws IOException {
    if (!TextCorpus.NAMES.contains(corpus)) {
      throw new IllegalArgumentException(
          "unknown corpus '" + corpus + "': expected one of " + TextCorpus.NAMES);
    }
    if (partitions < 0) {
      throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
    }
    SparkConf conf = FeaturizeJob.sparkConf(spark.master, spark.conf);
    Configuration hadoop = SparkHadoopUtil.get().newConfiguration(conf);
    // Output and input are checked, and the archive read, before Spark starts (bad input: exit 2).
    HadoopFiles.checkWritableFolder(out, hadoop);
    TextCorpus docs;
    try (InputStream in = HadoopFiles.open(input, hadoop)) {
      docs = TextCorpus.read(corpus, in, input);
    } catch (IOException e) {
      throw new InputDataException(input, 0, "read failed: " + e.getMessage(), e);
    }
    boolean masterGiven = spec.commandLine().getParseResult().hasMatchedOption("--master");
    String commandLine = "deploy/bin/sparsetune featurize " + corpus + " --input " + input
        + " --out " + out + (partitions > 0 ? " --partitions " + partitions : "")
        + (masterGiven ? " --master " + spark.master : "");
    // A session that already exists (a notebook, an application) is reused and left running.
    boolean ownSession = SparkSession.getDefaultSession().isEmpty()
        && SparkSession.getActiveSession().isEmpty();
    SparkSession session = SparkSession.builder().config(conf).getOrCreate();
    try {
      FeaturizeJob.Outcome o = FeaturizeJob.run(session, docs, out, partitions, hadoop,
          commandLine);
      Map<String, Object> brief = new LinkedHashMap<>();
      brief.put("out", out);
      for (String k : new String[] {"name", "rows", "cols", "nonzeros", "density",
          "nonzeros_per_row", "positive_rate", "seconds"}) {
        brief.put(k, o.dataset().get(k));
      }
      spec.commandLine().getOut().println(Json.pretty(brief));
      return 0;
    } finally {
      if (ownSession) {
        session.stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
      }
    }
  }
}
