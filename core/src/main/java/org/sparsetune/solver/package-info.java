/**
 * Lower-level solvers: the weighted elastic net and weighted sparse logistic regression of the
 * paper's §5 ("Lower-level solver") and DESIGN.md, solved by proximal coordinate descent with
 * working sets ({@link org.sparsetune.solver.ProximalCoordinateDescent}); KKT measures computed
 * from scratch ({@link org.sparsetune.solver.Kkt}).
 */
package org.sparsetune.solver;
