package org.sparsetune.spark.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparsetune.data.InputDataException;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.LibsvmOptions;
import org.sparsetune.experiments.RealDataRunner;
import org.sparsetune.experiments.SemiSyntheticRunner;
import org.sparsetune.experiments.SyntheticPlan;
import org.sparsetune.experiments.SyntheticReport;
import org.sparsetune.experiments.SyntheticRunner;
import org.sparsetune.experiments.SyntheticUnit;
import org.sparsetune.experiments.UnitOutcome;
import org.sparsetune.spark.io.HadoopFiles;
import org.sparsetune.spark.tune.TuneData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Experiments 2–4 on Spark: every (configuration, seed, method) {@link SyntheticUnit} is one
 * single-task Spark job (its own job group, described in the Spark UI), submitted from a driver
 * pool as wide as the cluster's default parallelism, so units run side by side on the executors.
 * A finished unit is written at once to {@code OUT/units/KEY.json} (atomically); a rerun with the
 * same {@code OUT} reads those files and runs only the missing units, reading only the real data
 * sets (Experiment 5) that a missing unit needs. Then results.json (one
 * record per unit), results.csv, tables.json, report.md and the PNG figures are written, all
 * atomically, from the unit files' content — a resumed run and an uninterrupted one write the same
 * numbers.
 */
public final class SyntheticJob {
  private static final Logger LOG = LoggerFactory.getLogger(SyntheticJob.class);

  private SyntheticJob() {}

  /**
   * A finished experiment.
   *
   * @param outcomes one per unit, in plan order
   * @param ran units computed by this invocation
   * @param skipped units read back from an earlier invocation
   * @param wallSeconds wall time of this invocation
   * @param report the report written
   * @param files the files written (besides the unit files)
   */
  public record Outcome(List<UnitOutcome> outcomes, int ran, int skipped, double wallSeconds,
      SyntheticReport.Report report, List<String> files) {}

  /** Checks that the output folder can be written, before Spark starts. */
  public static void checkWritable(String out, Configuration conf) {
    String probe = out.replaceAll("/+$", "") + "/.write-probe";
    HadoopFiles.writeAtomically(probe, new byte[0], conf);
    try {
      Path p = new Path(probe);
      p.getFileSystem(conf).delete(p, false);
    } catch (IOException e) {
      throw new HadoopFiles.OutputException(out, e.getMessage());
    }
  }

  /** Runs (or completes) an experiment and writes its outputs under {@code out}. */
  public static Outcome run(JavaSparkContext jsc, String experiment, SyntheticPlan.Scale scale,
      String out, String commandLine, Configuration conf) {
    return run(jsc, SyntheticPlan.units(experiment, scale), experiment, scale, out, commandLine,
        conf);
  }

  /** Runs (or completes) the given units of an experiment and writes its outputs. */
  public static Outcome run(JavaSparkContext jsc, List<SyntheticUnit> units, String experiment,
      SyntheticPlan.Scale scale, String out, String commandLine, Configuration conf) {
    return run(jsc, pending(units, out, conf), experiment, scale, commandLine, conf);
  }

  /**
   * Where a run stands before it starts: the units already recorded under {@code OUT/units}, the
   * units still to run, and the real data sets that those units need, read and checked on the
   * driver. Built by {@link #pending} before Spark starts, consumed by
   * {@link #run(JavaSparkContext, Pending, String, SyntheticPlan.Scale, String, Configuration)}.
   */
  public static final class Pending {
    private final String base;
    private final List<SyntheticUnit> units;
    private final UnitOutcome[] recorded;
    private final List<Integer> toRun;
    private final Map<String, LabeledData> data;

    private Pending(String base, List<SyntheticUnit> units, UnitOutcome[] recorded,
        List<Integer> toRun, Map<String, LabeledData> data) {
      this.base = base;
      this.units = units;
      this.recorded = recorded;
      this.toRun = toRun;
      this.data = data;
    }

    /** The units that have no valid unit file yet, in plan order. */
    public List<SyntheticUnit> units() {
      return toRun.stream().map(units::get).toList();
    }

    /** How many units were read back from their unit files. */
    public int recorded() {
      return units.size() - toRun.size();
    }

    /** The paths of the real data sets that were read: those of the units still to run. */
    public Set<String> dataPaths() {
      return Collections.unmodifiableSet(data.keySet());
    }
  }

  /**
   * Reads the unit files under {@code out} (a file that does not parse or records another unit
   * counts as missing) and then the real data sets of the units that still have to run, on the
   * driver and before Spark starts where the caller can arrange it: a malformed file fails here
   * with the file, line and problem, never inside a task. A data set whose units are all recorded
   * is not read (resuming Experiment 5 on news20 would otherwise parse it again for nothing).
   */
  public static Pending pending(List<SyntheticUnit> units, String out, Configuration conf) {
    String base = out.replaceAll("/+$", "");
    UnitOutcome[] recorded = new UnitOutcome[units.size()];
    List<Integer> toRun = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      recorded[i] = readUnit(unitPath(base, units.get(i)), units.get(i), conf);
      if (recorded[i] == null) {
        toRun.add(i);
      }
    }
    List<SyntheticUnit> pendingUnits = toRun.stream().map(units::get).toList();
    Map<String, LabeledData> data = readData(pendingUnits, conf);
    Set<String> notRead = new LinkedHashSet<>();
    for (SyntheticUnit u : units) {
      if (u.onRealData() && !data.containsKey(u.dataPath()) && notRead.add(u.dataPath())) {
        LOG.info("{}: not read, every unit on it is recorded under {}/units", u.dataPath(), base);
      }
    }
    return new Pending(base, List.copyOf(units), recorded, List.copyOf(toRun), data);
  }

  /** The real data sets of the units (path → rows), each read and checked once. */
  private static Map<String, LabeledData> readData(List<SyntheticUnit> units, Configuration conf) {
    Map<String, LabeledData> out = new LinkedHashMap<>();
    for (SyntheticUnit u : units) {
      if (u.onRealData() && !out.containsKey(u.dataPath())) {
        LabeledData d = HadoopFiles.readLibsvm(u.dataPath(), LibsvmOptions.binary(), conf);
        if (d.rows() == 0) {
          throw new InputDataException(u.dataPath(), "has no rows");
        }
        LOG.info("{}: {} rows × {} features, {} nonzeros", u.dataPath(), d.rows(), d.cols(),
            d.features().storedEntries());
        out.put(u.dataPath(), d);
      }
    }
    return out;
  }

  /**
   * Runs the units that {@link #pending} found still to run, with the data sets it read, and
   * writes the outputs from every unit's outcome (recorded or computed now).
   */
  public static Outcome run(JavaSparkContext jsc, Pending pending, String experiment,
      SyntheticPlan.Scale scale, String commandLine, Configuration conf) {
    long start = System.nanoTime();
    String base = pending.base;
    List<SyntheticUnit> units = pending.units;
    UnitOutcome[] outcomes = pending.recorded.clone();
    List<Integer> pendingIdx = pending.toRun;
    int skipped = pending.recorded();
    // Real data sets were read and checked on the driver (bad input: exit 2, never a retried
    // task); each is broadcast once and the units' tasks take it from the broadcast.
    Map<String, Broadcast<TuneData>> data = new LinkedHashMap<>();
    for (Map.Entry<String, LabeledData> d : pending.data.entrySet()) {
      data.put(d.getKey(), jsc.broadcast(new TuneData(d.getValue(), null)));
    }
    LOG.info("{} --scale {}: {} units, {} already done under {}, {} to run", experiment,
        scale.name().toLowerCase(Locale.ROOT), units.size(), skipped, base, pendingIdx.size());
    int width = Math.max(1, Math.min(pendingIdx.size(), jsc.defaultParallelism()));
    ExecutorService pool = Executors.newFixedThreadPool(width, r -> {
      Thread t = new Thread(r, "sparsetune-experiment-submitter");
      t.setDaemon(true);
      return t;
    });
    AtomicInteger finished = new AtomicInteger(skipped);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i : pendingIdx) {
        SyntheticUnit u = units.get(i);
        futures.add(pool.submit(() -> {
          jsc.setJobGroup("sparsetune-" + u.key(), experiment + " unit " + (i + 1) + "/"
              + units.size() + ": " + u.configKey() + " seed " + u.seed() + " " + u.method(),
              false);
          Broadcast<TuneData> bc = u.onRealData() ? data.get(u.dataPath()) : null;
          String json = jsc.parallelize(List.of(i), 1)
              .map(ignored -> UnitJson.unitFile(bc == null ? SyntheticRunner.run(u)
                  : u.experiment().equals("exp5-semi")
                      ? SemiSyntheticRunner.run(u, bc.value().data())
                      : RealDataRunner.run(u, bc.value().data())))
              .collect().get(0);
          HadoopFiles.writeTextAtomically(unitPath(base, u), json, conf);
          UnitOutcome o = UnitJson.parse(json);
          outcomes[i] = o;
          LOG.info("{} {}/{} {}: f1 {} best val {} test {} {} ({} iterations, {} s)",
              experiment, finished.incrementAndGet(), units.size(), u.key(), fmt(o.f1()),
              fmt(o.bestValLoss()), u.onRealData() ? "log-loss" : "mse",
              fmt(u.onRealData() ? o.testLogLoss() : o.testMse()), o.iterations(),
              String.format(Locale.ROOT, "%.2f", o.seconds()));
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(c);
    } finally {
      pool.shutdownNow();
      data.values().forEach(b -> b.destroy(false));
    }
    List<UnitOutcome> all = List.of(outcomes);
    SyntheticReport.Report report =
        SyntheticReport.build(experiment, scale.name().toLowerCase(Locale.ROOT), commandLine, all);
    List<String> files = write(base, all, report, conf);
    return new Outcome(all, pendingIdx.size(), skipped, (System.nanoTime() - start) * 1e-9, report,
        files);
  }

  private static List<String> write(String base, List<UnitOutcome> all,
      SyntheticReport.Report report, Configuration conf) {
    List<String> files = new ArrayList<>();
    ArrayNode records = UnitJson.MAPPER.createArrayNode();
    StringBuilder csv = new StringBuilder("experiment,config,seed,method,f1,test_mse,test_log_loss,"
        + "best_val_loss,hidden_recall,hidden_grad_norm_k0,seconds_per_iteration,final_grad_norm,"
        + "iterations,active_features,stopping_reason\n");
    for (UnitOutcome o : all) {
      records.add(UnitJson.record(o));
      SyntheticUnit u = o.unit();
      csv.append(String.join(",", u.experiment(), u.configKey(), Long.toString(u.seed()),
          u.method(), cell(o.f1()), cell(o.testMse()), cell(o.testLogLoss()),
          cell(o.bestValLoss()),
          cell(o.hiddenRecall()), cell(o.hiddenGradNormK0()), cell(o.secondsPerIteration()),
          cell(o.finalGradNorm()), Integer.toString(o.iterations()),
          Integer.toString(o.activeFeatures()), o.stoppingReason())).append('\n');
    }
    try {
      put(files, base + "/results.json",
          UnitJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(records), conf);
      put(files, base + "/tables.json",
          UnitJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report.tables()),
          conf);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    put(files, base + "/results.csv", csv.toString(), conf);
    put(files, base + "/report.md", report.markdown(), conf);
    for (Map.Entry<String, byte[]> f : report.figures().entrySet()) {
      String path = base + "/" + f.getKey();
      HadoopFiles.writeAtomically(path, f.getValue(), conf);
      files.add(path);
    }
    return files;
  }

  private static void put(List<String> files, String path, String text, Configuration conf) {
    HadoopFiles.writeTextAtomically(path, text, conf);
    files.add(path);
  }

  /** The unit file of u under base. */
  static String unitPath(String base, SyntheticUnit u) {
    return base + "/units/" + u.key() + ".json";
  }

  /** The outcome recorded for u, or null when there is none (or it is unreadable or stale). */
  private static UnitOutcome readUnit(String path, SyntheticUnit u, Configuration conf) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        return null;
      }
    } catch (IOException e) {
      return null;
    }
    try {
      UnitOutcome o = UnitJson.parse(HadoopFiles.readText(path, conf));
      if (!o.unit().equals(u)) {
        LOG.warn("{} records another unit ({}); running {} again", path, o.unit(), u.key());
        return null;
      }
      return o;
    } catch (RuntimeException e) {
      LOG.warn("{} is unreadable ({}); running {} again", path, e.getMessage(), u.key());
      return null;
    }
  }

  private static String cell(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** Brief JSON-ready summary of an outcome (what the command prints). */
  public static Map<String, Object> summary(String experiment, String scale, String out,
      Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("experiment", experiment);
    m.put("scale", scale);
    m.put("out", out);
    m.put("units", o.outcomes().size());
    m.put("ran", o.ran());
    m.put("skipped", o.skipped());
    m.put("wall_seconds", o.wallSeconds());
    List<Map<String, Object>> checks = new ArrayList<>();
    for (SyntheticReport.Check c : o.report().checks()) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("claim", c.claim());
      cm.put("holds", c.holds());
      cm.put("detail", c.detail());
      checks.add(cm);
    }
    m.put("checks", checks);
    m.put("files", o.files());
    return m;
  }
}
