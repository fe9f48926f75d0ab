package org.evshard.pipelines.convert;

import java.io.Serializable;
import java.util.List;
import org.evshard.datasets.SampleRef;

/**
 * One shard to write: its path under the output without extension ({@code <split>/part-SSSSS-of-NNNNN}) and its
 * samples in {@code sample_id} order. Made on the driver by {@link ShardPlan}, so no per-sample grouping is needed.
 */
public record ShardTask(String shard, List<SampleRef> samples) implements Serializable {

  public ShardTask {
    if (shard == null || shard.isBlank()) {
      throw new IllegalArgumentException("shard name must not be blank");
    }
    samples = List.copyOf(samples);
  }
}
