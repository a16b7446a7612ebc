import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.LibsvmOptions;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.oracle.OracleOptions;
import org.sparsetune.oracle.UpperCriterion;
import org.sparsetune.outer.BilevelObjective;
import org.sparsetune.outer.Evaluation;
import org.sparsetune.outer.FoldProblem;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.SolverOptions;
import org.sparsetune.spark.io.HadoopFiles;
import org.sparsetune.tune.TuningProblem;

/**
 * Seed 0's fold block of a LIBSVM data set (logistic, one 60/20/20 split) as {@code tune} builds
 * it (sparse validation rows in CSR) and with its validation rows converted back to CSC (the
 * storage before): bytes per nonzero of each, the validation products {@code A y} and {@code Aᵀ r}
 * in both storages (best of 7), and 12 warm evaluations (solve + oracle) with each, interleaved
 * (median and fastest).
 *
 * <pre>
 *   mvn -q -B -o -DskipTests package
 *   java -Xmx6g -cp "$(ls spark-jobs/target/sparsetune-spark-jobs-*[0-9T].jar):$(cat spark-jobs/target/runtime-classpath.txt)" \
 *       docs/bench/FoldBlockBytes.java /tmp/news20/libsvm
 * </pre>
 */
public class FoldBlockBytes {
  public static void main(String[] args) {
    LabeledData d = HadoopFiles.readLibsvm(args[0], LibsvmOptions.binary(), new Configuration());
    TuningProblem.Layout layout = new TuningProblem.Layout(Loss.LOGISTIC, 1, Double.NaN, false);
    FoldProblem csr = TuningProblem.foldBlock(d, null, layout, 0, 0);
    FoldProblem csc = new FoldProblem(csr.train(), CscMatrix.copyOf(csr.validationDesign()),
        csr.validationLabels());
    DesignMatrix tr = csr.train().design();
    DesignMatrix va = csr.validationDesign();
    System.out.printf("%s: %d x %d; train %d rows, %d nonzeros; validation %d rows, %d nonzeros%n",
        args[0], d.rows(), d.cols(), tr.rows(), tr.storedEntries(), va.rows(), va.storedEntries());
    System.out.printf("train alone: %.2f bytes per nonzero%n",
        (tr.memoryBytes() + 8.0 * tr.rows()) / tr.storedEntries());
    System.out.printf("block, validation CSC: %d bytes, %.2f bytes per nonzero%n",
        csc.memoryBytes(), csc.bytesPerNonzero());
    System.out.printf("block, validation CSR: %d bytes, %.2f bytes per nonzero%n",
        csr.memoryBytes(), csr.bytesPerNonzero());

    DesignMatrix vc = csc.validationDesign();
    SplittableRandom rng = new SplittableRandom(1);
    double[] r = new double[va.rows()];
    for (int i = 0; i < r.length; i++) {
      r[i] = rng.nextGaussian();
    }
    double[] y = new double[va.cols()];
    for (int c = 0; c < 1000; c++) {
      y[rng.nextInt(y.length)] = rng.nextGaussian();
    }
    double[][] m = new double[2][va.rows()];
    double[][] t = new double[2][va.cols()];
    long[] multiply = {Long.MAX_VALUE, Long.MAX_VALUE};
    long[] transposed = {Long.MAX_VALUE, Long.MAX_VALUE};
    DesignMatrix[] both = {vc, va};
    for (int rep = 0; rep < 7; rep++) {
      for (int s = 0; s < 2; s++) {
        long start = System.nanoTime();
        both[s].multiply(y, m[s]);
        multiply[s] = Math.min(multiply[s], System.nanoTime() - start);
        start = System.nanoTime();
        both[s].multiplyTransposed(r, t[s]);
        transposed[s] = Math.min(transposed[s], System.nanoTime() - start);
      }
    }
    System.out.printf("A_val y (1,000 nonzero coefficients): CSC %.1f ms, CSR %.1f ms, same bits %b%n",
        multiply[0] / 1e6, multiply[1] / 1e6, Arrays.equals(m[0], m[1]));
    System.out.printf("A_val^T r: CSC %.1f ms, CSR %.1f ms, same bits %b%n",
        transposed[0] / 1e6, transposed[1] / 1e6, Arrays.equals(t[0], t[1]));

    BilevelObjective[] f = {
      new BilevelObjective(List.of(csc), UpperCriterion.LOGISTIC, SolverOptions.DEFAULTS,
          OracleOptions.DEFAULTS),
      new BilevelObjective(List.of(csr), UpperCriterion.LOGISTIC, SolverOptions.DEFAULTS,
          OracleOptions.DEFAULTS)};
    int p = va.cols();
    double[] x0 = new double[p];
    Arrays.fill(x0, Math.log(0.05 * f[0].alphaMax()));
    Evaluation[] first = new Evaluation[2];
    for (int s = 0; s < 2; s++) {
      first[s] = f[s].evaluate(x0, true);
      f[s].accept(first[s]);
    }
    long[][] times = new long[2][12];
    boolean same = first[0].value() == first[1].value()
        && Arrays.equals(first[0].gradient(), first[1].gradient());
    for (int it = 0; it < 12; it++) {
      double[] x = x0.clone();
      for (int j = 0; j < p; j++) {
        x[j] += rng.nextDouble(-0.05, 0.05);
      }
      Evaluation[] e = new Evaluation[2];
      for (int k = 0; k < 2; k++) {
        int s = (it + k) % 2;
        long start = System.nanoTime();
        e[s] = f[s].evaluate(x, true);
        times[s][it] = System.nanoTime() - start;
      }
      same &= e[0].value() == e[1].value() && Arrays.equals(e[0].gradient(), e[1].gradient());
    }
    for (long[] ts : times) {
      Arrays.sort(ts);
    }
    System.out.printf("12 warm evaluations at 5%% of alpha_max (support %d), median (min):"
        + " CSC validation %.0f (%.0f) ms, CSR validation %.0f (%.0f) ms; same values and"
        + " subgradients %b%n", first[0].support(), (times[0][5] + times[0][6]) / 2e6,
        times[0][0] / 1e6, (times[1][5] + times[1][6]) / 2e6, times[1][0] / 1e6, same);
  }
}
