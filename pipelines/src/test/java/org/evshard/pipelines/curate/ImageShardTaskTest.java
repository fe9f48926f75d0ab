package org.evshard.pipelines.curate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.evshard.datasets.image.ImageSourceRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageShardTaskTest {

  @TempDir
  Path tmp;

  @Test
  void cutsAreContiguousNonEmptyAndFollowTheBytes() {
    assertArrayEquals(new int[] {0, 2, 4}, ImageShardTask.cuts(new long[] {1, 1, 1, 1, 1, 1}, 3));
    // one big source takes a run of its own, the small ones share the others
    assertArrayEquals(new int[] {0, 1}, ImageShardTask.cuts(new long[] {100, 1, 1, 1}, 2));
    assertArrayEquals(new int[] {0, 3}, ImageShardTask.cuts(new long[] {1, 1, 1, 100}, 2));
    // as many runs as sources: one each, whatever the bytes
    assertArrayEquals(new int[] {0, 1, 2, 3}, ImageShardTask.cuts(new long[] {100, 1, 1, 1}, 4));
    assertArrayEquals(new int[] {0}, ImageShardTask.cuts(new long[] {5, 7}, 1));
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "10, 3", "97, 8", "500, 17", "64, 64"})
  void randomSizesGiveNonEmptyRunsOfBalancedBytes(int n, int count) {
    Random rnd = new Random(n * 31L + count);
    long[] bytes = IntStream.range(0, n).mapToLong(i -> 1 + rnd.nextInt(1000)).toArray();
    int[] starts = ImageShardTask.cuts(bytes, count);
    assertEquals(count, starts.length);
    assertEquals(0, starts[0]);
    long sum = java.util.Arrays.stream(bytes).sum();
    for (int r = 0; r < count; r++) {
      int end = r + 1 < count ? starts[r + 1] : n;
      assertTrue(end > starts[r], "run " + r + " is empty");
      long run = 0;
      for (int i = starts[r]; i < end; i++) {
        run += bytes[i];
      }
      // a run closes at the first source that reaches its share: it exceeds the share by less than one source
      assertTrue(run < sum / count + 1000 + 1, "run " + r + " holds " + run + " of " + sum);
    }
  }

  private List<ImageSourceRef> files(String split, int n, int bytes) throws Exception {
    List<ImageSourceRef> refs = new ArrayList<>();
    Files.createDirectories(tmp.resolve(split));
    for (int i = 0; i < n; i++) {
      String path = String.format("%s/%05d.jpg", split, i);
      Files.write(tmp.resolve(path), new byte[bytes]);
      refs.add(ImageSourceRef.imageFile("c/" + path, "c", path, split, 0, "x", Map.of()));
    }
    return refs;
  }

  @Test
  void smallCorporaKeepOneShardPerSplitAndLargeOnesGiveEveryWorkerShards() throws Exception {
    List<ImageSourceRef> small = new ArrayList<>(files("train", 40, 100));
    small.addAll(files("test", 10, 100));
    List<ImageShardTask> tasks = ImageShardTask.plan(tmp, small, 0, 256L << 20, 8);
    assertEquals(List.of("test/part-00000-of-00001", "train/part-00000-of-00001"),
        tasks.stream().map(ImageShardTask::shard).toList());
    assertEquals(List.of(10, 40), tasks.stream().map(t -> t.sources().size()).toList());

    // 96 MB in train, 24 MB in test (1 MB files): the 8 tasks split 80/20, each at least 8 MB
    List<ImageSourceRef> large = new ArrayList<>(files("train", 96, 1 << 20));
    large.addAll(files("test", 24, 1 << 20));
    tasks = ImageShardTask.plan(tmp, large, 0, 256L << 20, 8);
    assertEquals(2, tasks.stream().filter(t -> t.split().equals("test")).count());
    assertEquals(7, tasks.stream().filter(t -> t.split().equals("train")).count());
    // every source once, in order, never two splits in a task
    List<ImageSourceRef> seen = new ArrayList<>();
    tasks.forEach(t -> {
      assertTrue(t.sources().stream().allMatch(r -> r.split().equals(t.split())));
      seen.addAll(t.sources());
    });
    List<ImageSourceRef> expected = new ArrayList<>(large.subList(96, 120));
    expected.addAll(large.subList(0, 96));
    assertEquals(expected, seen);

    // an explicit count is kept (and capped by the sources)
    tasks = ImageShardTask.plan(tmp, small, 16, 256L << 20, 8);
    assertEquals(List.of(10, 16), List.of(tasks.stream().filter(t -> t.split().equals("test")).count(),
        tasks.stream().filter(t -> t.split().equals("train")).count()).stream().map(Long::intValue).toList());
  }
}
