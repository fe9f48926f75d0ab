package org.evshard.pipelines.runner;

import java.io.Serializable;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricName;

/**
 * A count that workers running in the launching JVM (the DirectRunner, a local Flink or Spark) raise as each item
 * finishes, read by the progress bar while the pipeline runs. Beam's counters reach the driver only when a bundle
 * commits, and a bundle of {@code convert} is a whole shard: its bar jumped 0, 6000, 30000 of 30,000 recordings.
 * Workers of a cluster raise their own JVM's copy; the bar then follows the committed counters as before.
 */
public final class LiveCount implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final ConcurrentHashMap<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

  private final String id;

  private LiveCount(String id) {
    this.id = id;
  }

  /** A new count at 0, one per run. */
  public static LiveCount create() {
    return new LiveCount(UUID.randomUUID().toString());
  }

  /** Adds {@code n} (negative when a shard attempt is abandoned and its items will be counted again). */
  public void add(long n) {
    COUNTS.computeIfAbsent(id, k -> new AtomicLong()).addAndGet(n);
  }

  /** The count in this JVM: 0 where no worker of the run ran here. */
  public long value() {
    AtomicLong a = COUNTS.get(id);
    return a == null ? 0 : a.get();
  }

  /** A counter that raises {@code beam} and this count together (for steps that take a Beam {@link Counter}). */
  public Counter alongside(Counter beam) {
    return new Both(beam, this);
  }

  private record Both(Counter beam, LiveCount live) implements Counter, Serializable {
    @Override
    public void inc() {
      inc(1);
    }

    @Override
    public void inc(long n) {
      beam.inc(n);
      live.add(n);
    }

    @Override
    public void dec() {
      dec(1);
    }

    @Override
    public void dec(long n) {
      beam.dec(n);
      live.add(-n);
    }

    @Override
    public MetricName getName() {
      return beam.getName();
    }
  }

  /** Forgets the count once the run has ended. */
  public void release() {
    COUNTS.remove(id);
  }
}
