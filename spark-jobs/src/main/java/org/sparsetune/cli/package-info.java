/**
 * The {@code sparsetune} command line: subcommand classes, exit codes (0 ok, 2 bad input or
 * arguments, 1 internal failure) and JSON output. The launcher {@code deploy/bin/sparsetune} runs
 * {@link org.sparsetune.cli.SparsetuneCli}.
 */
package org.sparsetune.cli;
