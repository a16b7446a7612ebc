package org.sparsetune.spark.tune;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.Success$;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task failures change nothing: on {@code local[2,4]} (up to 4 attempts per task) the first
 * attempt of fold 0's task fails in every job, Spark retries it, and the run ends with exactly
 * the in-process result.
 */
class InjectedFailureTest {
  @TempDir Path tmp;

  @Test
  void everyJobLosesATaskAndTheResultIsTheSame() {
    JavaSparkContext jsc = TuneFixtures.context("local[2,4]",
        Map.of(TuneJob.FAIL_FIRST_ATTEMPTS, "true"));
    try {
      AtomicInteger failed = new AtomicInteger();
      jsc.sc().addSparkListener(new SparkListener() {
        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
          if (end.reason() != Success$.MODULE$) {
            failed.incrementAndGet();
          }
        }
      });
      TuneJob.Config c = TuneFixtures.config(tmp.toString(), "ntrba-sc", new long[] {0, 1}, 2,
          5, 2, true);
      TuneJob.Prepared p = TuneFixtures.prepare(c);
      TuneJob.Outcome o = TuneJob.run(jsc, p);
      TuneFixtures.assertSameRuns(TuneFixtures.localReference(p), o.seeds());
      // The listener bus is asynchronous: wait until it has caught up.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (failed.get() < o.sparkJobs() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertTrue(failed.get() >= o.sparkJobs(),
          "every job should have lost one task attempt: " + failed.get() + " failures, "
              + o.sparkJobs() + " jobs");
    } finally {
      jsc.stop();
    }
  }
}
