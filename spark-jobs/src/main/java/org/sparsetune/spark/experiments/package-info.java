/**
 * The paper's synthetic experiments on Spark: {@link
 * org.sparsetune.spark.experiments.SyntheticJob} runs every (configuration, seed, method) unit as
 * its own single-task job, keeps finished units as files so that a rerun completes the missing
 * ones, and writes results.json, tables, report.md and figures.
 */
package org.sparsetune.spark.experiments;
