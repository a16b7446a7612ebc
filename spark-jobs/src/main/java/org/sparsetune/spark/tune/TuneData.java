package org.sparsetune.spark.tune;

import org.sparsetune.data.LabeledData;

/**
 * The rows a run's fold blocks are cut from, broadcast once per run (torrent broadcast: each
 * executor fetches it once, from the driver or a peer). Executors build their blocks from it with
 * {@link org.sparsetune.tune.TuningProblem#foldBlock}, so tasks carry only a block's (seed, fold)
 * and a lost cached block is rebuilt where it is needed.
 *
 * @param data the data file's rows (the training rows when {@code validation} is given)
 * @param validation separate validation rows, or null when the seeds split {@code data}
 */
public record TuneData(LabeledData data, LabeledData validation) {}
