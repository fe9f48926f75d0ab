package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.evshard.datasets.SampleRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardCountTest {

  @TempDir
  Path root;

  /** {@code n} sparse files of {@code bytes} each under {@code split/}. */
  private List<SampleRef> files(String split, int n, long bytes) throws IOException {
    List<SampleRef> refs = new ArrayList<>();
    Files.createDirectories(root.resolve(split));
    for (int i = 0; i < n; i++) {
      String source = split + "/" + i + ".bin";
      try (RandomAccessFile f = new RandomAccessFile(root.resolve(source).toFile(), "rw")) {
        f.setLength(bytes);
      }
      refs.add(new SampleRef("ds/" + source, "ds", source, split, 0, "c", null, null, "atis-bin", null));
    }
    return refs;
  }

  @Test
  void splitsGetShardsInProportionToTheirBytes() throws IOException {
    List<SampleRef> refs = new ArrayList<>(files("train", 60, 3L << 20)); // 180 MiB
    refs.addAll(files("test", 10, 3L << 20)); // 30 MiB
    // 210 MiB over 16 planned shards: about 13 MiB per shard
    assertEquals(Map.of("test", 2, "train", 14), ShardCount.choose(root, refs, 256L << 20));
  }

  @Test
  void shardSizeStaysBetweenTheFloorAndTheCap() throws IOException {
    List<SampleRef> small = files("train", 20, 100_000); // 2 MB: one shard, not eight tiny ones
    assertEquals(Map.of("train", 1), ShardCount.choose(root, small, 256L << 20));
    List<SampleRef> big = files("big", 10, 40L << 20); // 400 MiB: 16 shards of 25 MiB, or 20 under a 20 MiB cap
    assertEquals(Map.of("big", 16), ShardCount.choose(root, big, 100L << 20));
    assertEquals(Map.of("big", 20), ShardCount.choose(root, big, 20L << 20));
  }

  @Test
  void windowsOfOneRecordingCountItsBytesOnce() throws IOException {
    List<SampleRef> refs = new ArrayList<>(files("train", 8, 16L << 20)); // 128 MiB
    List<SampleRef> windows = new ArrayList<>();
    for (SampleRef r : refs) {
      for (int w = 0; w < 5; w++) {
        windows.add(new SampleRef(r.sampleId() + "#" + w, "ds", r.source(), "train", 0, "c", null, null, "atis-bin",
            null));
      }
    }
    assertEquals(ShardCount.choose(root, refs, 256L << 20), ShardCount.choose(root, windows, 256L << 20));
  }
}
