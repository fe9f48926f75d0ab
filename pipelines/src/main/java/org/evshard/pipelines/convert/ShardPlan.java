package org.evshard.pipelines.convert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.evshard.datasets.SampleRef;

/**
 * Decides, before the pipeline runs, which shard every sample goes to: per split, samples in {@code sample_id} order
 * are dealt round-robin over the split's shards, so every shard holds a mix of classes and the same input always gives
 * the same shards, named {@code <split>/part-SSSSS-of-NNNNN}. A split with fewer samples than shards gets one shard per
 * sample.
 */
public final class ShardPlan {

  private ShardPlan() {}

  /** The same number of shards for every split. */
  public static List<ShardTask> assign(List<SampleRef> refs, int shardsPerSplit) {
    if (shardsPerSplit <= 0) {
      throw new IllegalArgumentException("shardsPerSplit must be positive, got " + shardsPerSplit);
    }
    return assign(refs, split -> shardsPerSplit);
  }

  /** {@code shardsPerSplit.apply(split)} shards for each split (at least one). */
  public static List<ShardTask> assign(List<SampleRef> refs, java.util.function.ToIntFunction<String> shardsPerSplit) {
    Map<String, List<SampleRef>> bySplit = new TreeMap<>();
    for (SampleRef ref : refs) {
      bySplit.computeIfAbsent(ref.split(), k -> new ArrayList<>()).add(ref);
    }
    List<ShardTask> out = new ArrayList<>();
    for (Map.Entry<String, List<SampleRef>> e : bySplit.entrySet()) {
      List<SampleRef> split = e.getValue();
      split.sort(Comparator.comparing(SampleRef::sampleId));
      int n = Math.max(1, Math.min(shardsPerSplit.applyAsInt(e.getKey()), split.size()));
      List<List<SampleRef>> shards = new ArrayList<>(n);
      for (int s = 0; s < n; s++) {
        shards.add(new ArrayList<>());
      }
      for (int i = 0; i < split.size(); i++) {
        shards.get(i % n).add(split.get(i));
      }
      for (int s = 0; s < n; s++) {
        out.add(new ShardTask(shardName(e.getKey(), s, n), shards.get(s)));
      }
    }
    return out;
  }

  static String shardName(String split, int index, int count) {
    return String.format("%s/part-%05d-of-%05d", split, index, count);
  }
}
