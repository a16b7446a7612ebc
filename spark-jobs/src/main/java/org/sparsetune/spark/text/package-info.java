/**
 * Text corpora to LIBSVM matrices ({@code sparsetune featurize}, docs/datasets.md): readers that
 * stream the {@code .tar.xz} archives of 20 Newsgroups (bydate) and Reuters-21578 into labelled
 * documents on the driver ({@link org.sparsetune.spark.text.NewsgroupsArchive}, {@link
 * org.sparsetune.spark.text.ReutersArchive}), and the Spark ML pipeline that turns them into
 * L2-normalized TF-IDF rows of unigrams and bigrams ({@link
 * org.sparsetune.spark.text.FeaturizeJob}).
 */
package org.sparsetune.spark.text;
