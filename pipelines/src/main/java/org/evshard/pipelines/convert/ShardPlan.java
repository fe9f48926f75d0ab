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
 * the same shards, named {@code <split>/part-SSSSS-of-NNNNN}. Samples cut from one recording (time windows) are dealt
 * as one, so they share a shard. A split with fewer recordings than shards gets one shard per recording.
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
      // samples cut from one recording (time windows) stay together, so one worker decodes the recording once
      Map<String, List<SampleRef>> bySource = new java.util.LinkedHashMap<>();
      for (SampleRef ref : split) {
        bySource.computeIfAbsent(ref.source(), k -> new ArrayList<>()).add(ref);
      }
      List<List<SampleRef>> groups = new ArrayList<>(bySource.values());
      int n = Math.max(1, Math.min(shardsPerSplit.applyAsInt(e.getKey()), groups.size()));
      List<List<SampleRef>> shards = new ArrayList<>(n);
      for (int s = 0; s < n; s++) {
        shards.add(new ArrayList<>());
      }
      for (int i = 0; i < groups.size(); i++) {
        shards.get(i % n).addAll(groups.get(i));
      }
      for (List<SampleRef> shard : shards) {
        shard.sort(Comparator.comparing(SampleRef::sampleId));
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
