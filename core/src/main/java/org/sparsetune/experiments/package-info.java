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
 *
 * <p>Seeded synthetic data for the later experiments, each a {@link
 * org.sparsetune.experiments.SyntheticInstance} (60/20/20 split, known truth, l2 = 1/n_train;
 * docs/experiments/generators.md):
 *
 * <ul>
 *   <li>{@link org.sparsetune.experiments.ThreeGroupDesign}: signal, correlated-noise and noise
 *       features (§5.2, Experiment 2).
 *   <li>{@link org.sparsetune.experiments.DegenerateDesign}: the calibrated degenerate design (easy,
 *       distractor, hidden and noise features) and its two-pass calibration of x⁰ (§5.2,
 *       Experiments 3–4).
 *   <li>{@link org.sparsetune.experiments.SemiSyntheticDesign}: a real sparse matrix's
 *       top-variance columns with injected easy features and a sparse logistic truth on hidden
 *       columns paired with their most correlated distractors, and the logistic two-pass
 *       calibration (§5.5.1, Experiment 5 Setting 1).
 * </ul>
 */
package org.sparsetune.experiments;
