package org.sparsetune.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The Spark options every Spark subcommand takes ({@code --master}, {@code --conf}). */
final class SparkOptions {
  @Option(names = "--master", defaultValue = "local[*]", paramLabel = "URL",
      description = "Spark master when not set by spark-submit (default: ${DEFAULT-VALUE}).")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE",
      description = "Extra Spark configuration (repeatable).")
  Map<String, String> conf = new LinkedHashMap<>();
}
