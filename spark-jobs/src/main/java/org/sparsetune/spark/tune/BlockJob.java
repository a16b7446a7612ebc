package org.sparsetune.spark.tune;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * One evaluation job: a task per partition, each returning a {@link BlockResults}, merged on the
 * driver as the tasks finish. This is the aggregation {@code treeAggregate} performs with few
 * partitions; with many it would add a reduce stage, which buys nothing here: merging only fills
 * (fold, point) slots, so every byte reaches the driver either way.
 *
 * <p>It goes through {@link SparkContext#runJob(RDD, scala.Function2, scala.collection.Seq,
 * scala.Function2, ClassTag)} with a named function class rather than {@code mapPartitions} and
 * {@code treeAggregate} on the Java API: Spark's closure cleaner analyses every Scala lambda it is
 * given by reading and parsing the bytecode of the class that defines it, and those two calls wrap
 * the task in lambdas defined in {@code JavaRDDLike}, {@code RDD} and {@code SparkContext} — about
 * 6–15 ms of driver CPU per job on this project's machines, on the critical path of every outer
 * iteration (docs/benchmarks.md). A plain class is not a closure: the cleaner returns at once.
 */
final class BlockJob {
  private BlockJob() {}

  private static final ClassTag<BlockResults> TAG = ClassTag$.MODULE$.apply(BlockResults.class);

  /** The executor side of a job: one partition's elements in, that partition's results out. */
  abstract static class Task<T>
      extends AbstractFunction2<TaskContext, scala.collection.Iterator<T>, BlockResults>
      implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public final BlockResults apply(TaskContext context, scala.collection.Iterator<T> elements) {
      return run(context, CollectionConverters.asJava(elements));
    }

    /** Evaluates the partition. */
    abstract BlockResults run(TaskContext context, Iterator<T> elements);
  }

  /** Runs {@code task} on every partition of {@code rdd} and merges the results into {@code into}. */
  static <T> BlockResults run(RDD<T> rdd, Task<T> task, BlockResults into) {
    int n = rdd.getNumPartitions();
    List<Object> partitions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      partitions.add(i);
    }
    Merge merge = new Merge(into);
    rdd.sparkContext().runJob(rdd, task, CollectionConverters.asScala(partitions).toSeq(), merge,
        TAG);
    return into;
  }

  /** Driver side: called once per finished partition (Spark serializes the calls). */
  private static final class Merge extends AbstractFunction2<Object, BlockResults, BoxedUnit> {
    private final BlockResults into;

    Merge(BlockResults into) {
      this.into = into;
    }

    @Override
    public BoxedUnit apply(Object partition, BlockResults result) {
      synchronized (into) {
        into.merge(result);
      }
      return BoxedUnit.UNIT;
    }
  }
}
