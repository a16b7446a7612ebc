/**
 * A tuning run as a whole, independent of where its evaluations run: the fold blocks of a seed
 * ({@link org.sparsetune.tune.TuningProblem}), the checkpoint log that makes a run resumable
 * ({@link org.sparsetune.tune.EvaluationLog}, {@link org.sparsetune.tune.ReplayingObjective}) and
 * the test metrics of the reported model.
 */
package org.sparsetune.tune;
