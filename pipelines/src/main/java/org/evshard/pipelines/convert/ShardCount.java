package org.evshard.pipelines.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.evshard.datasets.SampleInputs;
import org.evshard.datasets.SampleRef;

/**
 * Chooses how many shards each split gets from the input bytes: one shard per {@code targetBytes} of input in the
 * largest split, and at least two once a split is large enough that one writer would be the bottleneck. A recording
 * that several samples cut into time windows counts its bytes once.
 */
final class ShardCount {

  /** Samples in a split from which two writers pay off. */
  static final int PARALLEL_WRITE_SAMPLES = 2_000;

  private ShardCount() {}

  static int choose(Path root, List<SampleRef> refs, long targetBytes) throws IOException {
    Map<String, long[]> perSplit = new HashMap<>();
    Map<String, Set<String>> counted = new HashMap<>();
    try (SampleInputs inputs = new SampleInputs()) {
      for (SampleRef ref : refs) {
        long[] acc = perSplit.computeIfAbsent(ref.split(), k -> new long[2]);
        // several samples may be windows of one recording (DVS Gesture): its bytes count once per split
        if (counted.computeIfAbsent(ref.split(), k -> new HashSet<>()).add(ref.source())) {
          acc[0] += Math.max(0, inputs.size(root, ref));
        }
        acc[1]++;
      }
    }
    int shards = 1;
    for (long[] acc : perSplit.values()) {
      int n = (int) Math.min(10_000, (acc[0] + targetBytes - 1) / targetBytes);
      if (acc[1] >= PARALLEL_WRITE_SAMPLES) {
        n = Math.max(n, 2);
      }
      shards = Math.max(shards, n);
    }
    return shards;
  }
}
