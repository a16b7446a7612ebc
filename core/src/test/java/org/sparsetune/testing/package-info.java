/**
 * Shared test fixtures of sparsetune, packaged in the core test-jar and reused by the spark-jobs
 * tests:
 *
 * <ul>
 *   <li>{@link org.sparsetune.testing.RandomProblems}: seeded random lower-level problems (dense
 *       Gaussian and sparse CSC designs, quadratic and logistic labels, penalties as fractions of
 *       α_max), each available in both storages;
 *   <li>{@link org.sparsetune.testing.DiagonalProblems}: problems with orthogonal designs whose
 *       solution is known in closed form (soft-thresholding), including the paper's Experiment 1
 *       panel (a);
 *   <li>{@link org.sparsetune.testing.FistaReference}: an independent, deliberately plain reference
 *       solver (accelerated proximal gradient with restart) for small problems;
 *   <li>{@link org.sparsetune.testing.Tolerances}: the named tolerances the tests compare with.
 * </ul>
 *
 * <p>Everything here is deterministic: a generator takes a seed and always builds the same problem.
 */
package org.sparsetune.testing;
