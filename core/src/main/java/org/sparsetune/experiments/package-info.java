/**
 * The paper's experiments as library code: each {@code ExperimentN.run(Path)} computes its numbers
 * with the project's own solver and oracle, writes CSV tables and PNG figures into a folder
 * (atomically, through {@link org.sparsetune.report}) and returns what it wrote with the key
 * numbers. The command line ({@code sparsetune experiment expN}) only calls these entry points.
 *
 * <ul>
 *   <li>{@link org.sparsetune.experiments.Experiment1}: §5.1, Figure 2: FB exactness versus
 *       smoothing ({@link org.sparsetune.experiments.DiagonalWeightedL1}) and gradient starvation
 *       of the null biactive policy ({@link org.sparsetune.experiments.DiagonalBilevel}).
 * </ul>
 */
package org.sparsetune.experiments;
