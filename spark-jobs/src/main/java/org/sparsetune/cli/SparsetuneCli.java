package org.sparsetune.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.sparsetune.data.InputDataException;
import org.sparsetune.spark.io.HadoopFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sparsetune} command line (DESIGN.md, "Command-line contract"). Exit codes: 0 on
 * success, 2 on bad arguments or bad input (the message names the file, line and problem), 1 on
 * an internal failure.
 */
@Command(
    name = "sparsetune",
    mixinStandardHelpOptions = true,
    versionProvider = SparsetuneCli.Version.class,
    description = "Learns one L1 penalty per feature by bilevel optimization, on Apache Spark.",
    subcommands = {TuneCommand.class, SolveCommand.class, HypergradientCommand.class,
        ExperimentCommand.class, FeaturizeCommand.class,
        BenchSolverCommand.class,
        BenchOracleCommand.class, BenchTuneCommand.class})
public final class SparsetuneCli implements Runnable {
  /** Exit code for bad arguments or bad input. */
  public static final int EXIT_BAD_INPUT = 2;
  /** Exit code for an internal failure. */
  public static final int EXIT_INTERNAL = 1;

  @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /** Entry point for the launcher and for {@code spark-submit --class}. */
  public static void main(String[] args) {
    quietNetlib();
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command line and returns its exit code (used by main and by the tests). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new SparsetuneCli());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("sparsetune: " + ex.getMessage());
          c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
          return EXIT_BAD_INPUT;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          int code = exitCodeOf(ex);
          if (code == EXIT_BAD_INPUT) {
            c.getErr().println("sparsetune: error: " + ex.getMessage());
          } else {
            c.getErr().println("sparsetune: internal error: " + ex);
            ex.printStackTrace(c.getErr());
          }
          return code;
        });
    return cl.execute(args);
  }

  /** netlib reports through java.util.logging which native implementation it could not load. */
  private static final java.util.logging.Logger NETLIB_LOG =
      java.util.logging.Logger.getLogger("dev.ludovic.netlib");

  private static void quietNetlib() {
    NETLIB_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  /** Bad input and bad arguments map to 2; everything else is an internal failure. */
  static int exitCodeOf(Throwable ex) {
    if (ex instanceof InputDataException
        || ex instanceof IllegalArgumentException
        || ex instanceof HadoopFiles.OutputException
        || ex instanceof CommandLine.ParameterException) {
      return EXIT_BAD_INPUT;
    }
    if (ex instanceof UncheckedIOException && ex.getCause() instanceof java.io.FileNotFoundException) {
      return EXIT_BAD_INPUT;
    }
    return EXIT_INTERNAL;
  }

  /** Version from the jar manifest, when packaged. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SparsetuneCli.class.getPackage().getImplementationVersion();
      return new String[] {"sparsetune " + (v == null ? "(development build)" : v)};
    }
  }
}
