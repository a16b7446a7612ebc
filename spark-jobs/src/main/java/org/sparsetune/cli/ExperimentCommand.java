package org.sparsetune.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;
import org.sparsetune.experiments.Experiment1;
import org.sparsetune.experiments.SyntheticPlan;
import org.sparsetune.spark.experiments.SyntheticJob;
import org.sparsetune.spark.tune.TuneJob;
import org.sparsetune.spark.io.HadoopFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sparsetune experiment NAME --out DIR}: reproduces one of the papers' experiments and
 * writes its CSV tables and PNG figures under DIR (any Hadoop path; outputs are atomic).
 */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reproduces a paper experiment: writes its tables (CSV) and figures (PNG) under --out and"
          + " prints a JSON summary.",
      "exp5-real: Experiment 5 Setting 2 (Table 6) on real LIBSVM data sets: scalar grid,"
          + " Sparse-HO, NTRBA-SC and auto, 60/20/20 splits, 60 outer iterations.",
      "exp5-semi: Experiment 5 Setting 1 (Table 5): semi-synthetic instances drawn from real"
          + " sparse matrices (w8a by default; news20/reuters with --dataset), scalar grid,"
          + " Sparse-HO and NTRBA-SC.",
      "Available: exp1 (Figure 2: FB exactness vs smoothing, and the null vs self-consistent"
          + " policies on the biactive toy problem); exp2 (Table 1, Figure 3), exp3 (Table 2,"
          + " Figure 4), exp4 (Table 3, Figure 5) on Spark: every (configuration, seed, method)"
          + " is one Spark job, finished units are kept under OUT/units and a rerun with the same"
          + " --out runs only the missing ones; writes results.json, results.csv, tables.json,"
          + " report.md and PNG figures."
    })
final class ExperimentCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "exp1|exp2|exp3|exp4|exp5-real|exp5-semi.")
  String name;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  String out;

  @Option(names = "--scale", defaultValue = "paper", paramLabel = "smoke|paper",
      description = "paper: the paper's grids, seeds and budgets; smoke: one small configuration,"
          + " 2 seeds, few iterations (exp1 has one size) (default: ${DEFAULT-VALUE}).")
  String scale;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "exp5-*: folder of the default data sets (smoke: data-samples, the bundled"
          + " samples; paper: ../shared/data, phishing.xz, mnist01_train.libsvm.xz, w8a.xz).")
  String dataDir;

  @Option(names = "--datasets", split = ",", paramLabel = "NAME,...",
      description = "exp5-*: which data sets to run, in table order (default: phishing,"
          + " mnist01, w8a and every --dataset).")
  List<String> datasets;

  @Option(names = "--dataset", paramLabel = "NAME=PATH",
      description = "exp5-*: a data set by name and LIBSVM path (file or folder of part files,"
          + " e.g. the output of featurize: news20=/data/news20/libsvm); repeatable.")
  Map<String, String> extraDatasets = new LinkedHashMap<>();

  @Option(names = "--seeds", defaultValue = "0", paramLabel = "N",
      description = "Run only seeds 0..N-1 of the plan (default: all of the scale's seeds).")
  int seedCap;

  @Option(names = "--max-iter", defaultValue = "0", paramLabel = "N",
      description = "Outer iterations of the bilevel methods (exp2-4; default: the paper's).")
  int maxIter;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() throws IOException {
    SyntheticPlan.Scale sc = SyntheticPlan.Scale.parse(scale);
    if (SyntheticPlan.EXPERIMENTS.contains(name)) {
      return synthetic(sc);
    }
    if (!name.equals("exp1")) {
      throw new IllegalArgumentException(
          "unknown experiment '" + name + "': available: exp1, exp2, exp3, exp4, exp5-real,"
              + " exp5-semi");
    }
    URI uri = URI.create(out.replace('\\', '/'));
    boolean local = uri.getScheme() == null || "file".equals(uri.getScheme());
    Path dir = local ? Path.of(uri.getScheme() == null ? out : uri.getPath())
        : Files.createTempDirectory("sparsetune-exp1");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new HadoopFiles.OutputException(out, e.getMessage());
    }
    Experiment1.Result r;
    try {
      r = Experiment1.run(dir);
    } catch (UncheckedIOException | IOException e) {
      throw new HadoopFiles.OutputException(out, e.getMessage());
    }
    List<String> files = new ArrayList<>();
    for (Path f : r.files()) {
      String target = local ? f.toString() : out.replaceAll("/+$", "") + "/" + f.getFileName();
      if (!local) {
        HadoopFiles.writeAtomically(target, Files.readAllBytes(f), HadoopFiles.configuration());
      }
      files.add(target);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("experiment", "exp1");
    summary.put("files", files);
    summary.put("fb_residual_max", r.maxFbResidual());
    summary.put("null_final_loss", r.nullFinalLoss());
    summary.put("sc_initial_h2", r.selfConsistentInitialH2());
    summary.put("sc_final_loss", r.selfConsistentFinalLoss());
    spec.commandLine().getOut().println(Json.compact(summary));
    return 0;
  }

  /** The data sets of exp5-real, name → path, in table order. */
  private Map<String, String> realDatasets(SyntheticPlan.Scale sc) {
    String dir = dataDir != null ? dataDir
        : sc == SyntheticPlan.Scale.SMOKE ? "data-samples" : "../shared/data";
    Map<String, String> known =
        new LinkedHashMap<>(SyntheticPlan.defaultDataPaths(name, sc, dir));
    known.putAll(extraDatasets);
    if (datasets == null) {
      return known;
    }
    Map<String, String> chosen = new LinkedHashMap<>();
    for (String d : datasets) {
      String path = known.get(d);
      if (path == null) {
        throw new IllegalArgumentException("unknown data set '" + d + "': known " + known.keySet()
            + " (add others with --dataset NAME=PATH)");
      }
      chosen.put(d, path);
    }
    return chosen;
  }

  private int synthetic(SyntheticPlan.Scale sc) {
    if (seedCap < 0) {
      throw new IllegalArgumentException("--seeds must be at least 1, got " + seedCap);
    }
    var units = (SyntheticPlan.onRealData(name)
        ? SyntheticPlan.dataUnits(name, sc, realDatasets(sc), maxIter)
        : SyntheticPlan.units(name, sc, maxIter))
        .stream().filter(u -> seedCap == 0 || u.seed() < seedCap).toList();
    // A name given to spark-submit (--name) wins; otherwise the experiment names the application.
    boolean named = new SparkConf().contains("spark.app.name");
    SparkConf sparkConf = TuneJob.sparkConf(spark.master, spark.conf);
    if (!named) {
      sparkConf.set("spark.app.name", "sparsetune experiment " + name);
    }
    Configuration hadoop = SparkHadoopUtil.get().newConfiguration(sparkConf);
    // The output folder is checked before Spark starts (exit 2, nothing retried).
    SyntheticJob.checkWritable(out, hadoop);
    // Unit files already under --out are read back, then the data sets of the units still to
    // run (a data set whose units are all done is not read), all before Spark starts.
    SyntheticJob.Pending pending = SyntheticJob.pending(units, out, hadoop);
    boolean masterGiven = spec.commandLine().getParseResult().hasMatchedOption("--master");
    StringBuilder dataArgs = new StringBuilder();
    if (dataDir != null) {
      dataArgs.append(" --data-dir ").append(dataDir);
    }
    if (datasets != null) {
      dataArgs.append(" --datasets ").append(String.join(",", datasets));
    }
    extraDatasets.forEach((k, v) -> dataArgs.append(" --dataset ").append(k).append('=').append(v));
    String commandLine = "deploy/bin/sparsetune experiment " + name + " --scale " + scale
        + dataArgs + " --out " + out + (maxIter > 0 ? " --max-iter " + maxIter : "")
        + (seedCap > 0 ? " --seeds " + seedCap : "")
        + (masterGiven ? " --master " + spark.master : "");
    boolean ownContext = SparkSession.getDefaultSession().isEmpty()
        && SparkSession.getActiveSession().isEmpty();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(sparkConf));
    try {
      SyntheticJob.Outcome o = SyntheticJob.run(jsc, pending, name, sc, commandLine, hadoop);
      spec.commandLine().getOut().println(
          Json.pretty(SyntheticJob.summary(name, scale, out, o)));
      return 0;
    } finally {
      if (ownContext) {
        jsc.stop();
      }
    }
  }
}
