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
import org.sparsetune.experiments.Experiment1;
import org.sparsetune.spark.io.HadoopFiles;
import picocli.CommandLine.Command;
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
      "Available: exp1 (Figure 2: FB exactness vs smoothing, and the null vs self-consistent"
          + " policies on the biactive toy problem)."
    })
final class ExperimentCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The experiment: exp1.")
  String name;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  String out;

  @Option(names = "--scale", defaultValue = "paper", paramLabel = "smoke|paper",
      description = "Problem scale (exp1 has one size; accepted for a uniform interface).")
  String scale;

  @Override
  public Integer call() throws IOException {
    if (!scale.equals("smoke") && !scale.equals("paper")) {
      throw new IllegalArgumentException("unknown --scale '" + scale + "': expected smoke or paper");
    }
    if (!name.equals("exp1")) {
      throw new IllegalArgumentException("unknown experiment '" + name + "': available: exp1");
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
}
