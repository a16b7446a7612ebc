/** Input and output through the Hadoop FileSystem API, with atomic (write-then-rename) outputs. */
package org.sparsetune.spark.io;
