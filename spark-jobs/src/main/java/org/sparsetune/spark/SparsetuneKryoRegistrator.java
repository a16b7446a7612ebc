package org.sparsetune.spark;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;
import org.sparsetune.spark.tune.KryoCodecs;

/**
 * Registers sparsetune's classes with Spark's Kryo ({@code spark.kryo.registrator}); the tuning
 * job runs with {@code spark.kryo.registrationRequired=true}.
 */
public final class SparsetuneKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    KryoCodecs.register(kryo);
  }
}
