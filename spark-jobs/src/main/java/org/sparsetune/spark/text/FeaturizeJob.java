package org.sparsetune.spark.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.IDFModel;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparsetune.report.CsvTable;
import org.sparsetune.spark.io.HadoopFiles;

/**
 * {@code sparsetune featurize}: a text corpus to an L2-normalized TF-IDF matrix of unigrams and
 * bigrams, built only from Spark MLlib's own transformers, written as LIBSVM part files.
 *
 * <h2>Pipeline</h2>
 * <ol>
 *   <li>{@code RegexTokenizer}: lowercase, then every match of {@link #TOKEN_PATTERN} — runs of
 *       two or more Unicode letters, digits or underscores (scikit-learn's default
 *       {@code token_pattern});
 *   <li>{@code NGram(n = 2)}: the bigrams of consecutive tokens, joined by a space;
 *   <li>{@code SQLTransformer}: {@code concat(unigrams, bigrams)}, the document's terms;
 *   <li>{@code CountVectorizer}: term counts over the full vocabulary — {@code minDF = 1},
 *       {@code vocabSize = Integer.MAX_VALUE}, so nothing is pruned (the default 2^18 would cut
 *       NEWS20's 1.66 million terms). Its vocabulary is then sorted lexicographically ({@code
 *       String.compareTo}) and put back as a {@code CountVectorizerModel}: CountVectorizer ranks
 *       terms by corpus frequency but leaves terms of equal frequency in an order that depends
 *       on which task finished first, and the column order must not change between runs;
 *   <li>{@code IDF}: {@code tf · log((n + 1) / (df + 1))}, MLlib's formula (a term in every
 *       document gets weight 0; its column stays, empty);
 *   <li>{@code Normalizer(p = 2)}: every nonempty row to unit L2 norm.
 * </ol>
 * Rows keep the corpus order: the documents are parallelized in order and every stage is a
 * row-wise map, so part files in name order hold rows 1, 2, …, n.
 *
 * <h2>Outputs under OUT</h2>
 * {@code libsvm/} (MLlib's {@code libsvm} data source: labels {@code 1.0}/{@code -1.0},
 * 1-based indices; written to a hidden temporary folder and renamed into place), {@code
 * vocabulary.txt} (line j is the term of column j), {@code documents.csv} (row, id, split,
 * classes, label) and, last, {@code dataset.json} with the matrix's shape; every file but the
 * part folder is written atomically.
 *
 * <h2>Serialization</h2>
 * The job uses Kryo with {@code spark.kryo.registrationRequired=false}, unlike {@code tune}: the
 * fitting stages ship MLlib's and Scala's internal classes (OpenHashMap, BoundedPriorityQueue,
 * summarizer buffers, Scala maps) which sparsetune neither owns nor can list stably across Spark
 * versions, and the job ships none of sparsetune's own classes.
 */
public final class FeaturizeJob {
  private static final Logger LOG = LoggerFactory.getLogger(FeaturizeJob.class);

  /** The token pattern: runs of 2+ Unicode word characters (letters, digits, underscore). */
  public static final String TOKEN_PATTERN = "(?U)\\b\\w\\w+\\b";

  private FeaturizeJob() {}

  /** The Spark configuration of the featurize job; {@code extra} ({@code --conf}) comes last. */
  public static SparkConf sparkConf(String master, Map<String, String> extra) {
    SparkConf c = new SparkConf()
        .setIfMissing("spark.app.name", "sparsetune featurize")
        .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .set("spark.kryo.registrationRequired", "false")
        .setIfMissing("spark.ui.showConsoleProgress", "false");
    if (!c.contains("spark.master")) {
      c.setMaster(master);
    }
    extra.forEach(c::set);
    return c;
  }

  /** The stages, unfitted, with the column names of the pipeline. */
  static final class Stages {
    final RegexTokenizer tokenizer = new RegexTokenizer()
        .setInputCol("text").setOutputCol("unigrams")
        .setPattern(TOKEN_PATTERN).setGaps(false).setToLowercase(true).setMinTokenLength(1);
    final NGram bigrams = new NGram().setN(2).setInputCol("unigrams").setOutputCol("bigrams");
    final SQLTransformer terms = new SQLTransformer()
        .setStatement("SELECT *, concat(unigrams, bigrams) AS terms FROM __THIS__");
    final CountVectorizer counts = new CountVectorizer()
        .setInputCol("terms").setOutputCol("tf").setMinDF(1.0).setVocabSize(Integer.MAX_VALUE);
    final IDF idf = new IDF().setInputCol("tf").setOutputCol("tfidf");
    final Normalizer l2 = new Normalizer().setInputCol("tfidf").setOutputCol("features").setP(2.0);
  }

  /** The stages in words, for dataset.json. */
  static List<String> describe() {
    return List.of(
        "RegexTokenizer(pattern=" + TOKEN_PATTERN + ", gaps=false, toLowercase=true)",
        "NGram(n=2)",
        "SQLTransformer(concat(unigrams, bigrams) AS terms)",
        "CountVectorizer(minDF=1, vocabSize=" + Integer.MAX_VALUE + "), vocabulary sorted"
            + " lexicographically",
        "IDF(minDocFreq=0): tf * log((n+1)/(df+1))",
        "Normalizer(p=2)");
  }

  /**
   * Fits the pipeline on the documents (columns {@code label}, {@code text}).
   *
   * @return the fitted pipeline: tokenizer, bigrams, concat, the sorted-vocabulary
   *     CountVectorizerModel, the IDFModel and the normalizer
   */
  public static PipelineModel fit(Dataset<Row> docs) {
    Stages s = new Stages();
    PipelineModel termsOnly = new Pipeline()
        .setStages(new PipelineStage[] {s.tokenizer, s.bigrams, s.terms}).fit(docs);
    CountVectorizerModel fitted = s.counts.fit(termsOnly.transform(docs));
    String[] vocabulary = fitted.vocabulary().clone();
    Arrays.sort(vocabulary);
    CountVectorizerModel sorted = new CountVectorizerModel(vocabulary)
        .setInputCol("terms").setOutputCol("tf");
    return new Pipeline()
        .setStages(new PipelineStage[] {s.tokenizer, s.bigrams, s.terms, sorted, s.idf, s.l2})
        .fit(docs);
  }

  /** What a run produced: dataset.json's content. */
  public record Outcome(Map<String, Object> dataset) {}

  /**
   * Featurizes a corpus and writes the outputs under {@code out}.
   *
   * @param partitions the number of partitions of the documents (0: Spark's default parallelism)
   * @param commandLine the command, for dataset.json
   */
  public static Outcome run(SparkSession spark, TextCorpus corpus, String out, int partitions,
      Configuration conf, String commandLine) {
    long start = System.nanoTime();
    String base = out.replaceAll("/+$", "");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int parts = partitions > 0 ? partitions : jsc.defaultParallelism();
    List<Row> rows = new ArrayList<>(corpus.documents().size());
    for (TextDocument d : corpus.documents()) {
      rows.add(RowFactory.create(d.label(), d.text()));
    }
    StructType schema = new StructType()
        .add("label", DataTypes.DoubleType, false)
        .add("text", DataTypes.StringType, false);
    Dataset<Row> docs = spark.createDataFrame(jsc.parallelize(rows, parts), schema);

    jsc.setJobGroup("sparsetune-featurize", "sparsetune featurize " + corpus.name()
        + ": fit the pipeline", false);
    PipelineModel model = fit(docs);
    String[] vocabulary = ((CountVectorizerModel) model.stages()[3]).vocabulary();
    IDFModel idf = (IDFModel) model.stages()[4];
    long everyDocumentTerms = 0;
    for (long df : idf.docFreq()) {
      if (df == idf.numDocs()) {
        everyDocumentTerms++;
      }
    }
    LOG.info(String.format(Locale.ROOT, "%s: %d documents in %d partitions; vocabulary of %d"
        + " unigrams and bigrams (%d in every document), pipeline fitted in %.1f s",
        corpus.name(), rows.size(), parts, vocabulary.length, everyDocumentTerms,
        (System.nanoTime() - start) / 1e9));

    Dataset<Row> features = model.transform(docs).select("label", "features")
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      jsc.setJobGroup("sparsetune-featurize", "sparsetune featurize " + corpus.name()
          + ": shape of the matrix", false);
      double[] stats = shape(features.javaRDD());
      jsc.setJobGroup("sparsetune-featurize", "sparsetune featurize " + corpus.name()
          + ": write LIBSVM", false);
      String tmp = base + "/.libsvm-" + UUID.randomUUID();
      features.write().format("libsvm").save(tmp);
      replace(base, tmp, conf);
      LOG.info(String.format(Locale.ROOT, "%s: transformed and written in %.1f s",
          corpus.name(), (System.nanoTime() - start) / 1e9));

      long n = (long) stats[0];
      long positives = (long) stats[1];
      long nnz = (long) stats[2];
      if (n != corpus.documents().size()) {
        throw new IllegalStateException(
            "wrote " + n + " rows for " + corpus.documents().size() + " documents");
      }
      writeVocabulary(base + "/vocabulary.txt", vocabulary, conf);
      writeDocuments(base + "/documents.csv", corpus, conf);

      Map<String, Object> ds = new LinkedHashMap<>();
      ds.put("name", corpus.name());
      ds.put("rows", n);
      ds.put("cols", vocabulary.length);
      ds.put("nonzeros", nnz);
      ds.put("density", (double) nnz / ((double) n * vocabulary.length));
      ds.put("nonzeros_per_row", (double) nnz / n);
      ds.put("positives", positives);
      ds.put("positive_rate", (double) positives / n);
      ds.put("empty_rows", (long) stats[3]);
      ds.put("l2_norm_max_error", stats[4]);
      ds.put("labels", "+1 / -1 (written as 1.0 / -1.0)");
      ds.put("label_definition", corpus.labelRule());
      ds.put("positive_classes", corpus.positiveClasses());
      ds.put("text", corpus.text());
      ds.put("token_pattern", TOKEN_PATTERN);
      ds.put("pipeline", describe());
      ds.put("terms_in_every_document", everyDocumentTerms);
      ds.put("source", corpus.source());
      ds.put("documents", corpus.counts());
      Map<String, Object> files = new LinkedHashMap<>();
      files.put("libsvm", "libsvm/");
      files.put("vocabulary", "vocabulary.txt");
      files.put("documents", "documents.csv");
      ds.put("files", files);
      ds.put("spark_version", spark.version());
      ds.put("master", jsc.master());
      ds.put("partitions", parts);
      ds.put("seconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
      ds.put("command", commandLine);
      HadoopFiles.writeTextAtomically(base + "/dataset.json", json(ds), conf);
      LOG.info(String.format(Locale.ROOT, "%s: %d x %d, %d nonzeros (%.4f%%), %.1f per row,"
          + " %.1f%% positive -> %s", corpus.name(), n, vocabulary.length, nnz,
          100.0 * nnz / ((double) n * vocabulary.length), (double) nnz / n,
          100.0 * positives / n, base));
      return new Outcome(ds);
    } finally {
      features.unpersist();
      jsc.clearJobGroup();
    }
  }

  /** rows, positives, nonzeros, empty rows, max |‖row‖₂ − 1| over nonempty rows. */
  private static double[] shape(JavaRDD<Row> rows) {
    return rows.treeAggregate(new double[5], (acc, row) -> {
      Vector v = row.getAs(1);
      int nnz = v.numNonzeros();
      acc[0] += 1;
      acc[1] += row.getDouble(0) > 0 ? 1 : 0;
      acc[2] += nnz;
      if (nnz == 0) {
        acc[3] += 1;
      } else {
        acc[4] = Math.max(acc[4], Math.abs(org.apache.spark.ml.linalg.Vectors.norm(v, 2.0) - 1));
      }
      return acc;
    }, (a, b) -> {
      for (int i = 0; i < 4; i++) {
        a[i] += b[i];
      }
      a[4] = Math.max(a[4], b[4]);
      return a;
    });
  }

  /**
   * Moves the finished part folder {@code tmp} to {@code base/libsvm}: dataset.json (the marker
   * of a complete output) is removed first, then the old folder, then the new one renamed in.
   */
  private static void replace(String base, String tmp, Configuration conf) {
    Path target = new Path(base + "/libsvm");
    try {
      FileSystem fs = target.getFileSystem(conf);
      Path marker = new Path(base + "/dataset.json");
      if (fs.exists(marker) && !fs.delete(marker, false)) {
        throw new HadoopFiles.OutputException(marker.toString(), "cannot remove the old file");
      }
      if (fs.exists(target) && !fs.delete(target, true)) {
        throw new HadoopFiles.OutputException(target.toString(), "cannot remove the old folder");
      }
      if (!fs.rename(new Path(tmp), target)) {
        throw new HadoopFiles.OutputException(target.toString(),
            "cannot rename the temporary folder " + tmp + " into place");
      }
    } catch (IOException e) {
      throw new HadoopFiles.OutputException(target.toString(), e.getMessage());
    }
  }

  private static String json(Map<String, Object> m) {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write dataset.json", e);
    }
  }

  private static void writeVocabulary(String uri, String[] vocabulary, Configuration conf) {
    StringBuilder sb = new StringBuilder(vocabulary.length * 16);
    for (String term : vocabulary) {
      sb.append(term).append('\n');
    }
    HadoopFiles.writeAtomically(uri, sb.toString().getBytes(StandardCharsets.UTF_8), conf);
  }

  private static void writeDocuments(String uri, TextCorpus corpus, Configuration conf) {
    CsvTable t = CsvTable.withHeader("row", "id", "split", "classes", "label");
    int row = 0;
    for (TextDocument d : corpus.documents()) {
      t.addRow(++row, d.id(), d.split(), d.classes(), (int) d.label());
    }
    HadoopFiles.writeTextAtomically(uri, t.toCsv(), conf);
  }
}
