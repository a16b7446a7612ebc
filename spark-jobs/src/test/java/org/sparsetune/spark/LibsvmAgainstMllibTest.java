package org.sparsetune.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.SparseVector;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.mllib.util.MLUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.LibsvmOptions;
import org.sparsetune.data.LibsvmReader;
import org.sparsetune.linalg.CscMatrix;

/**
 * Our streaming LIBSVM reader against Spark MLlib's own loader (an independent implementation),
 * on local[2] bound to 127.0.0.1: same rows, labels, indices and values.
 */
class LibsvmAgainstMllibTest {
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    SparkConf conf = new SparkConf()
        .setMaster("local[2]")
        .setAppName("sparsetune-test")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.ui.enabled", "false")
        .set("spark.sql.shuffle.partitions", "2");
    sc = new JavaSparkContext(conf);
  }

  @AfterAll
  static void stop() {
    if (sc != null) {
      sc.stop();
    }
  }

  @Test
  void sameMatrixAsMllib() {
    Path file = Path.of(System.getProperty("sparsetune.samples", "../data-samples"), "phishing-sample.libsvm");
    LabeledData ours = LibsvmReader.read(file, LibsvmOptions.real().withFeatureCount(68));
    List<LabeledPoint> theirs = MLUtils.loadLibSVMFile(sc.sc(), file.toString(), 68, 2).toJavaRDD().collect();
    assertEquals(theirs.size(), ours.rows());
    CscMatrix a = (CscMatrix) ours.features();
    double[][] dense = new double[ours.rows()][68];
    for (int j = 0; j < 68; j++) {
      for (int k = a.colPtr()[j]; k < a.colPtr()[j + 1]; k++) {
        dense[a.rowIdx()[k]][j] = a.values()[k];
      }
    }
    for (int i = 0; i < theirs.size(); i++) {
      LabeledPoint lp = theirs.get(i);
      assertEquals(lp.label(), ours.labels()[i], 0.0, "label of row " + i);
      SparseVector v = (SparseVector) lp.features();
      double[] row = new double[68];
      for (int k = 0; k < v.indices().length; k++) {
        row[v.indices()[k]] = v.values()[k];
      }
      for (int j = 0; j < 68; j++) {
        assertEquals(row[j], dense[i][j], 0.0, "row " + i + ", feature " + (j + 1));
      }
    }
  }
}
