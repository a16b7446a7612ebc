/**
 * Result files: atomic writes ({@link org.sparsetune.report.AtomicFiles}), small CSV tables with
 * locale-independent numbers ({@link org.sparsetune.report.CsvTable}) and PNG line charts drawn
 * headless with XChart ({@link org.sparsetune.report.Charts}). Every file is written to a
 * temporary name in its target folder and renamed, so a crash never leaves a half-written result
 * that looks whole (STYLE.md, Errors).
 */
package org.sparsetune.report;
