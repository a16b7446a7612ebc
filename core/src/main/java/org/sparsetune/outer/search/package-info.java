/**
 * Black-box baselines for tuning the log-penalties {@code x ∈ [lower, upper]^p} (penalty
 * {@code exp(x_j)}) against which sparsetune's bilevel methods are compared: they minimize the
 * upper-level objective {@code x ↦ L(y*(x))}, the validation loss of the lower-level solution
 * (DESIGN.md, "The problem, fixed notation"), using function values only.
 *
 * <ul>
 *   <li>{@link org.sparsetune.outer.search.RandomSearch} — uniform sampling of the box (Bergstra
 *       &amp; Bengio, "Random Search for Hyper-Parameter Optimization", JMLR 13, 2012);
 *   <li>{@link org.sparsetune.outer.search.TreeParzenEstimator} — TPE (Bergstra, Bardenet, Bengio
 *       &amp; Kégl, "Algorithms for Hyper-Parameter Optimization", NeurIPS 2011; Bergstra, Yamins
 *       &amp; Cox, "Making a Science of Model Search", ICML 2013), options in {@link
 *       org.sparsetune.outer.search.TpeOptions}.
 * </ul>
 *
 * <p>Both are {@link org.sparsetune.outer.search.BlackBoxTuner}s in ask/tell form, so that the
 * Spark layer can evaluate a whole batch of asked points in one job and tell the values back.
 * Their state ({@link org.sparsetune.outer.search.TunerState}: seed, number of ask calls, history)
 * is small, serializable as plain maps, and restores a tuner that continues bit for bit.
 */
package org.sparsetune.outer.search;
