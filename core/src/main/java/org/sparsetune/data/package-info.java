/**
 * Getting data in and cutting it up: {@link org.sparsetune.data.LibsvmReader} reads LIBSVM text
 * (plain, gzip, bzip2, xz) straight into CSC with labels ({@link org.sparsetune.data.LabeledData});
 * {@link org.sparsetune.data.Splits} makes seeded, reproducible train / validation / test splits
 * ({@link org.sparsetune.data.Split}) and K folds ({@link org.sparsetune.data.Fold}), stratified
 * or not; {@link org.sparsetune.data.Standardizer} standardizes dense columns with training-row
 * statistics only. Bad input raises {@link org.sparsetune.data.InputDataException} naming the
 * file, line and problem. Plain Java, no Spark.
 */
package org.sparsetune.data;
