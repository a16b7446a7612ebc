/**
 * The residual-enlarged subgradient oracle of the paper (Algorithm 1, Corollary 13): the
 * partition I⁺, I⁻, A, B⁺, B⁻, the biactive policies (null = Sparse-HO, self-consistent =
 * Definition 2), the reduced adjoint solve and the held-out criteria.
 */
package org.sparsetune.oracle;
