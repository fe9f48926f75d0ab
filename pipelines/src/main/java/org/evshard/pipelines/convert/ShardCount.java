package org.evshard.pipelines.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.evshard.datasets.SampleInputs;
import org.evshard.datasets.SampleRef;

/**
 * Chooses how many shards each split gets from its input bytes, so that shards of all splits carry about the same
 * work: the shard size aimed at is the whole input over {@link #PLANNED_SHARDS} (tasks enough to keep a laptop or a
 * small cluster busy to the end), but never more than {@code maxShardBytes} (what a training job reads comfortably)
 * nor less than {@link #MIN_SHARD_BYTES} (no swarm of tiny files). A recording that several samples cut into time
 * windows counts its bytes once. The count depends on the input only, never on the runner or its parallelism: the
 * same input gives the same shards on every machine (it was four shards per worker, so a Flink run with
 * {@code --parallelism=4} or a laptop with more cores laid the same rows out in other files).
 */
final class ShardCount {

  /** Smallest input per shard aimed at when a split is large enough to need several. */
  static final long MIN_SHARD_BYTES = 8L << 20;
  /** Shards aimed at for the whole input while they stay between the floor and the cap. */
  static final int PLANNED_SHARDS = 16;

  private ShardCount() {}

  /** Shards per split name. */
  static Map<String, Integer> choose(Path root, List<SampleRef> refs, long maxShardBytes)
      throws IOException {
    Map<String, Long> bytes = new TreeMap<>();
    Map<String, Set<String>> counted = new HashMap<>();
    long total = 0;
    try (SampleInputs inputs = new SampleInputs()) {
      for (int i = 0; i < refs.size(); i++) {
        SampleRef ref = refs.get(i);
        long b = 0;
        // several samples may be windows of one recording (DVS Gesture): its bytes count once per split
        if (counted.computeIfAbsent(ref.split(), k -> new HashSet<>()).add(ref.source())) {
          // a plain file's size as listed (ListingStamps); archive members, and files not stamped, are asked
          // here; an input that cannot be sized at all (missing, a directory, a broken archive) counts 0 here and is
          // rejected, with its reason, when the pipeline reads it
          try {
            b = Math.max(0, !ref.inArchive() && ref.listedAs() != null ? ref.listedAs().bytes()
                : inputs.size(root, ref));
          } catch (IOException | RuntimeException e) {
            b = 0;
          }
        }
        bytes.merge(ref.split(), b, Long::sum);
        total += b;
      }
    }
    long target = Math.max(MIN_SHARD_BYTES,
        Math.min(maxShardBytes, total / PLANNED_SHARDS));
    Map<String, Integer> shards = new TreeMap<>();
    bytes.forEach((split, b) -> shards.put(split, (int) Math.max(1, Math.min(10_000, Math.round((double) b / target)))));
    return shards;
  }
}
