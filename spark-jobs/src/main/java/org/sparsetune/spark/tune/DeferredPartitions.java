package org.sparsetune.spark.tune;

import org.apache.spark.Partition;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import scala.collection.AbstractIterator;
import scala.collection.Iterator;
import scala.reflect.ClassTag;

/**
 * The partitions of a cached RDD, opened only when the task first asks for an element.
 *
 * <p>A task over a persisted RDD receives {@code rdd.iterator(partition)} before its function
 * runs, and for a block cached serialized that iterator is a Kryo deserialization stream: it
 * borrows a Kryo instance from the executor's pool and returns it only when read to the end. A
 * task that finds its block's working copy in the {@link ExecutorCache} never reads the stream,
 * so every such task kept a Kryo instance from the pool, and the next serialization on that
 * executor (the task's own result, a few lines later) built a new one: about 1 ms of CPU per
 * task, with Spark's and sparsetune's registrations, on every task of every evaluation job
 * (docs/benchmarks.md). Through this RDD the stream is opened — the block read, its lock taken —
 * only on a cache miss.
 *
 * <p>A narrow one-to-one child: same partitions, same preferred locations (the scheduler still
 * sends each task to the executor that caches its block), and a lost block is recomputed through
 * the parent's lineage as before.
 */
final class DeferredPartitions<T> extends RDD<T> {
  private static final long serialVersionUID = 1L;
  private final RDD<T> parent;

  DeferredPartitions(RDD<T> parent, ClassTag<T> tag) {
    super(parent, tag);
    this.parent = parent;
  }

  @Override
  public Iterator<T> compute(Partition split, TaskContext context) {
    return new AbstractIterator<T>() {
      private Iterator<T> opened;

      private Iterator<T> opened() {
        if (opened == null) {
          opened = parent.iterator(split, context);
        }
        return opened;
      }

      @Override
      public boolean hasNext() {
        return opened().hasNext();
      }

      @Override
      public T next() {
        return opened().next();
      }
    };
  }

  @Override
  public Partition[] getPartitions() {
    return parent.partitions();
  }
}
