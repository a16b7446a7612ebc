package org.sparsetune.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.LibsvmOptions;
import org.sparsetune.oracle.BiactivePolicy;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.OracleResult;
import org.sparsetune.oracle.SubgradientOracle;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.ProximalCoordinateDescent;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.WarmStart;
import org.sparsetune.spark.io.HadoopFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparsetune hypergradient}: one evaluation of Algorithm 1 — the held-out value Φ(x) and a
 * subgradient h ∈ ∂_R Φ(x) at the given penalties — printed as one JSON object.
 */
@Command(
    name = "hypergradient",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Solves the lower level on --train at penalties exp(x) and prints the held-out value on"
          + " --val and a subgradient from Algorithm 1 (residual-enlarged subdifferential) as one"
          + " JSON object: value, gradient (p numbers), support (|S|), inactive (|I+|+|I-|),"
          + " active (|A|), biactive (|B+|+|B-|), selected_biactive, pruning_rounds, ...",
      "The held-out criterion is the MSE for --loss quadratic and the mean logistic loss for"
          + " --loss logistic."
    })
final class HypergradientCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training rows (LIBSVM).")
  String train;

  @Option(names = "--val", required = true, paramLabel = "FILE", description = "Held-out rows (LIBSVM).")
  String val;

  @Option(names = "--loss", defaultValue = "logistic", paramLabel = "logistic|quadratic",
      description = "Lower-level loss (default: ${DEFAULT-VALUE}).")
  String loss;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Penalties penalties;

  static final class Penalties {
    @Option(names = "--log-penalties", paramLabel = "FILE",
        description = "One log-penalty x_j per line; feature j gets penalty exp(x_j).")
    String file;

    @Option(names = "--penalty", paramLabel = "V", description = "Every feature gets penalty V.")
    Double value;
  }

  @Option(names = "--policy", defaultValue = "sc", paramLabel = "sc|null",
      description = "Biactive policy: sc (Definition 2) or null (Sparse-HO). Default: ${DEFAULT-VALUE}.")
  String policy;

  @Option(names = "--l2", paramLabel = "V", description = "Ridge stabilizer (default: 1/n_train).")
  Double l2;

  @Option(names = "--biactive-tol", defaultValue = "1e-3", paramLabel = "V",
      description = "Relative width of the biactive band (default: ${DEFAULT-VALUE}; the paper uses"
          + " 0.10 on calibrated designs, 1e-8 in Experiment 2).")
  double biactiveTol;

  @Option(names = "--tol", defaultValue = "1e-10", paramLabel = "V",
      description = "Lower-level KKT tolerance (default: ${DEFAULT-VALUE}).")
  double tol;

  @Option(names = "--intercept", description = "Fit an unpenalized intercept.")
  boolean intercept;

  @Option(names = "--features", defaultValue = "0", paramLabel = "P",
      description = "Number of features (default: inferred from --train; --val must not exceed it).")
  int features;

  @Override
  public Integer call() {
    Loss lossKind = Loss.parse(loss);
    BiactivePolicy pol = BiactivePolicy.parse(policy);
    Configuration conf = HadoopFiles.configuration();
    LibsvmOptions opts = Inputs.libsvmOptions(lossKind, features);
    LabeledData tr = Inputs.readLibsvm(train, opts, conf);
    LabeledData va = Inputs.readLibsvm(val, opts.withFeatureCount(tr.cols()), conf);
    int n = tr.rows();
    int p = tr.cols();
    double[] w = penalties.value != null
        ? Inputs.uniform(p, penalties.value)
        : Inputs.penaltiesFromLogFile(penalties.file, p, conf);
    double ridge = l2 == null ? 1.0 / n : l2;
    LowerLevelProblem problem =
        new LowerLevelProblem(tr.features(), tr.labels(), lossKind, ridge, w, intercept);
    SolverResult sol =
        new ProximalCoordinateDescent(SolverOptions.DEFAULTS.withTolerance(tol)).solve(problem, WarmStart.COLD);
    OracleOptions oo = OracleOptions.DEFAULTS.withPolicy(pol).withBiactiveTolRel(biactiveTol);
    OracleResult o = new SubgradientOracle(oo)
        .evaluate(problem, sol, va.features(), va.labels(), UpperCriterion.matching(lossKind), null);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("value", o.value());
    out.put("gradient", o.gradient());
    out.put("gradient_norm", o.gradientNorm());
    out.put("support", o.workingSet());
    out.put("inactive", o.support());
    out.put("inactive_positive", o.inactivePositive());
    out.put("inactive_negative", o.inactiveNegative());
    out.put("active", o.active());
    out.put("biactive", o.biactive());
    out.put("biactive_positive", o.biactivePositive());
    out.put("biactive_negative", o.biactiveNegative());
    out.put("selected_biactive", o.selectedBiactive());
    out.put("pruning_rounds", o.pruningRounds());
    out.put("policy", pol.cliName());
    out.put("criterion", UpperCriterion.matching(lossKind).cliName());
    out.put("solve_method", o.solveMethod());
    out.put("adjoint_residual", o.residual());
    out.put("gamma", o.gamma());
    out.put("lower_kkt", sol.kktViolation());
    out.put("lower_termination", sol.termination().name().toLowerCase(Locale.ROOT));
    out.put("lower_seconds", sol.seconds());
    out.put("oracle_seconds", o.nanos() * 1e-9);
    spec.commandLine().getOut().println(Json.compact(out));
    return 0;
  }
}
