package org.sparsetune.spark.tune;

import com.esotericsoftware.kryo.Kryo;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Counts the Kryo instances Spark builds in this JVM (it calls every configured registrator once
 * per new instance); registers nothing. Tests list it after sparsetune's registrator.
 */
public final class CountingKryoRegistrator implements KryoRegistrator {
  private static final AtomicLong CREATED = new AtomicLong();

  @Override
  public void registerClasses(Kryo kryo) {
    CREATED.incrementAndGet();
  }

  /** Kryo instances built so far. */
  static long created() {
    return CREATED.get();
  }
}
