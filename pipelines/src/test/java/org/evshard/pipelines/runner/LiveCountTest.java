package org.evshard.pipelines.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.junit.jupiter.api.Test;

class LiveCountTest {

  @Test
  void aDeserializedCopyRaisesTheSameCountInThisJvm() throws Exception {
    LiveCount live = LiveCount.create();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(live.alongside(Metrics.counter(LiveCountTest.class, "items")));
    }
    Counter copy; // what a worker of the DirectRunner holds: the step deserialized
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Counter) in.readObject();
    }
    copy.inc();
    copy.inc(5);
    copy.dec(2);
    copy.dec();
    assertEquals(3, live.value());
    assertEquals(0, LiveCount.create().value()); // another run's count
    live.release();
    assertEquals(0, live.value());
  }
}
