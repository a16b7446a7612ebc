/**
 * Outer loops on Φ(x) = L(y*(x)): NBA (Algorithm 2), NTRBA (Algorithm 3, with parallel radii and
 * the probing used by {@code auto}), the scalar ℓ1 grid, random search and TPE, all talking to the
 * {@link org.sparsetune.outer.Objective} interface so that the Spark layer can supply a
 * distributed implementation without touching the loops.
 */
package org.sparsetune.outer;
