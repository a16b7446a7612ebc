import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The fixed cost of a Spark job in local mode, wall and process CPU per job, for a job started
 * the way the Java API starts it ({@code count()}, whose lambdas Spark's closure cleaner analyses
 * by parsing their classes' bytecode on every call) and through {@code SparkContext.runJob} with
 * named function classes (what {@code tune}'s evaluation jobs do, see {@code BlockJob}), on a
 * cached 4-partition RDD; 200 jobs per round, alternating, last 4 rounds.
 *
 * <pre>
 *   mvn -q -B -o -DskipTests package
 *   CP="$(ls spark-jobs/target/sparsetune-spark-jobs-*[0-9T].jar):$(cat spark-jobs/target/runtime-classpath.txt)"
 *   javac -d /tmp/empty-jobs -cp "$CP" docs/bench/EmptyJobs.java   # tasks need the class on disk
 *   java $(sed -n '/^SPARK_FLAGS=(/,/^)/p' deploy/bin/sparsetune | grep -o -- '-[-D][^ ]*') \
 *       -cp "$CP:/tmp/empty-jobs" EmptyJobs 'local[2]'
 * </pre>
 */
public class EmptyJobs {
  /** Counts a partition's elements; a plain class, so the closure cleaner skips it. */
  static final class Size extends AbstractFunction2<TaskContext, scala.collection.Iterator<Integer>,
      Integer> implements java.io.Serializable {
    @Override
    public Integer apply(TaskContext context, scala.collection.Iterator<Integer> it) {
      int n = 0;
      while (it.hasNext()) {
        it.next();
        n++;
      }
      return n;
    }
  }

  /** Driver side: sums the partition counts. */
  static final class Sum extends AbstractFunction2<Object, Integer, BoxedUnit> {
    long total;

    @Override
    public BoxedUnit apply(Object partition, Integer count) {
      total += count;
      return BoxedUnit.UNIT;
    }
  }

  public static void main(String[] args) {
    SparkConf conf = new SparkConf().setMaster(args.length > 0 ? args[0] : "local[2]")
        .setAppName("empty-jobs").set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
    try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
      OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      JavaRDD<Integer> rdd = jsc.parallelize(List.of(0, 1, 2, 3), 4).cache();
      rdd.count();
      var partitions = CollectionConverters.asScala(List.<Object>of(0, 1, 2, 3)).toSeq();
      int jobs = 200;
      for (int round = 0; round < 12; round++) {
        boolean direct = round % 2 == 1;
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
          if (direct) {
            jsc.sc().runJob(rdd.rdd(), new Size(), partitions, new Sum(),
                ClassTag$.MODULE$.apply(Integer.class));
          } else {
            rdd.count();
          }
        }
        long t1 = System.nanoTime();
        long cpu1 = os.getProcessCpuTime();
        if (round >= 8) {
          System.out.printf("%-22s %.2f ms wall, %.2f ms CPU per job%n",
              direct ? "runJob, named classes" : "count()", (t1 - t0) / 1e6 / jobs,
              (cpu1 - cpu0) / 1e6 / jobs);
        }
      }
    }
  }
}
