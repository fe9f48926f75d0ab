package org.evshard.pipelines.curate;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.evshard.datasets.image.ImageSourceRef;

/**
 * One output shard of a curation whose samples are kept or dropped one by one (no deduplication, no join): the sources
 * it reads, in order, and the shard it writes, {@code <split>/part-SSSSS-of-NNNNN}. Planned on the driver; each task
 * is read, decoded, filtered and written by one worker, so image rows never cross a shuffle.
 *
 * @param split the split of every source of the task
 * @param index the shard's index in its split, from 0
 * @param count the split's shard count
 * @param sources the sources, in discovery order; a container (tar, img2dataset shard) is never divided
 */
record ImageShardTask(String split, int index, int count, List<ImageSourceRef> sources) implements Serializable {

  /** A task holds at least this much input unless its split is smaller: tiny corpora keep one shard per split. */
  static final long MIN_TASK_BYTES = 8L << 20;

  ImageShardTask {
    sources = List.copyOf(sources);
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("shard " + index + " of " + count);
    }
  }

  /** The shard's path under the output folder, without extension. */
  String shard() {
    return String.format("%s/part-%05d-of-%05d", split, index, count);
  }

  /**
   * The tasks of {@code sources} (in discovery order), split by split. A split's shard count is
   * {@code shardsPerSplit} when positive; otherwise its input bytes over {@code targetShardBytes}, raised to its share
   * of {@code minTasks} (so that every worker has shards to write) as long as each shard keeps
   * {@link #MIN_TASK_BYTES}; never more than its sources. Shards are contiguous runs of sources of about equal bytes.
   */
  static List<ImageShardTask> plan(Path input, List<ImageSourceRef> sources, int shardsPerSplit,
      long targetShardBytes, int minTasks) throws IOException {
    Map<String, List<Integer>> bySplit = new TreeMap<>();
    long[] sizes = new long[sources.size()];
    long total = 0;
    for (int i = 0; i < sources.size(); i++) {
      ImageSourceRef r = sources.get(i);
      Path f = input.resolve(r.path());
      sizes[i] = Math.max(1, Files.isRegularFile(f) ? Files.size(f) : 0L);
      total += sizes[i];
      bySplit.computeIfAbsent(r.split(), k -> new ArrayList<>()).add(i);
    }
    List<ImageShardTask> tasks = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : bySplit.entrySet()) {
      List<ImageSourceRef> refs = e.getValue().stream().map(sources::get).toList();
      long[] bytes = e.getValue().stream().mapToLong(i -> sizes[i]).toArray();
      long splitBytes = java.util.Arrays.stream(bytes).sum();
      long n = shardsPerSplit;
      if (n <= 0) {
        long bySize = (splitBytes + targetShardBytes - 1) / targetShardBytes;
        long share = Math.min((long) Math.ceil((double) minTasks * splitBytes / total), splitBytes / MIN_TASK_BYTES);
        n = Math.min(10_000, Math.max(bySize, share));
      }
      int count = (int) Math.max(1, Math.min(n, refs.size()));
      int[] starts = cuts(bytes, count);
      for (int i = 0; i < count; i++) {
        int end = i + 1 < count ? starts[i + 1] : refs.size();
        tasks.add(new ImageShardTask(e.getKey(), i, count, refs.subList(starts[i], end)));
      }
    }
    return tasks;
  }

  /** Start indices of {@code count} non-empty contiguous runs of about {@code sum(bytes) / count} bytes each. */
  static int[] cuts(long[] bytes, int count) {
    long sum = 0;
    for (long b : bytes) {
      sum += b;
    }
    int[] starts = new int[count];
    long acc = 0;
    int run = 1;
    for (int i = 0; i < bytes.length && run < count; i++) {
      acc += bytes[i];
      // close the run at i when its share is reached, or when only as many sources as runs are left
      boolean full = acc * count >= sum * run;
      boolean forced = bytes.length - (i + 1) == count - run;
      if ((full || forced) && i + 1 > starts[run - 1]) {
        starts[run++] = i + 1;
      }
    }
    return starts;
  }
}
