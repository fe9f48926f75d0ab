package org.evshard.pipelines.convert;

import java.io.Serializable;
import java.util.List;
import org.evshard.datasets.SampleRef;

/**
 * One shard to write: its path under the output without extension ({@code <split>/part-SSSSS-of-NNNNN}) and its
 * samples in {@code sample_id} order. Made on the driver by {@link ShardPlan}, so no per-sample grouping is needed.
 */
public record ShardTask(String shard, List<SampleRef> samples, List<StaticRef> partners) implements Serializable {

  /** A shard without static partners. */
  public ShardTask(String shard, List<SampleRef> samples) {
    this(shard, samples, null);
  }

  /** {@code partners}, when not null, holds each sample's planned static partner, in the order of the samples. */
  public ShardTask {
    if (shard == null || shard.isBlank()) {
      throw new IllegalArgumentException("shard name must not be blank");
    }
    samples = List.copyOf(samples);
    if (partners != null) {
      if (partners.size() != samples.size()) {
        throw new IllegalArgumentException("shard " + shard + ": " + partners.size() + " partners for "
            + samples.size() + " samples");
      }
      partners = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(partners));
    }
  }
}
