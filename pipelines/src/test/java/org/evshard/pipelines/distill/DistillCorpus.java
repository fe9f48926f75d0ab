package org.evshard.pipelines.distill;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.evshard.io.shard.ImageRow;
import org.evshard.io.shard.ImageShardWriter;
import org.evshard.io.shard.Manifest;
import org.evshard.io.shard.ManifestCounts;
import org.evshard.io.shard.ManifestShard;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardWriteOptions;
import org.evshard.transforms.curate.ExactDuplicates;

/**
 * A tiny generated image-shard corpus as {@code curate} writes one (Parquet image shards and a manifest): three
 * classes of PNG images in split {@code train} (class {@code a}: a bright red ramp, {@code b}: dark blue stripes stored
 * at 64 x 64, {@code c}: a green checkerboard; all with noise), plus in {@code train} one row whose bytes are not an
 * image and one without a label, and in {@code test} two images of class {@code a}.
 */
final class DistillCorpus {

  static final String[] CLASSES = {"a", "b", "c"};

  private DistillCorpus() {}

  /** Writes the corpus into {@code dir} (a train and a test shard) and returns the {@code train} rows of each class. */
  static Map<String, List<ImageRow>> write(Path dir, int perClass, long seed) throws IOException {
    return write(dir, perClass, seed, 1);
  }

  /** As {@link #write(Path, int, long)}, with the {@code train} rows dealt round-robin to {@code trainShards} shards. */
  static Map<String, List<ImageRow>> write(Path dir, int perClass, long seed, int trainShards) throws IOException {
    Files.createDirectories(dir.resolve("train"));
    Files.createDirectories(dir.resolve("test"));
    Random rnd = new Random(seed);
    Map<String, List<ImageRow>> byClass = new TreeMap<>();
    List<ImageRow> train = new ArrayList<>();
    for (int c = 0; c < CLASSES.length; c++) {
      for (int i = 0; i < perClass; i++) {
        ImageRow row = row("train", c, i, rnd);
        train.add(row);
        byClass.computeIfAbsent(CLASSES[c], k -> new ArrayList<>()).add(row);
      }
    }
    byte[] junk = new byte[300];
    rnd.nextBytes(junk);
    train.add(new ImageRow("gen/train/a/junk", "gen", "train", 0, "a", "train/a/junk.png", null, 32, 32, 32, 32,
        ExactDuplicates.sha256Hex(junk), "png", junk, Map.of(), null, null));
    byte[] png = DistillClassFn.png(new byte[32 * 32 * 3], 32);
    train.add(new ImageRow("gen/train/none/0", "gen", "train", null, null, "train/none/0.png", null, 32, 32, 32, 32,
        ExactDuplicates.sha256Hex(png), "png", png, Map.of(), null, null));
    List<ImageRow> test = List.of(row("test", 0, 100, rnd), row("test", 0, 101, rnd));
    List<ManifestShard> shards = new ArrayList<>();
    for (int k = 0; k < trainShards; k++) {
      List<ImageRow> part = new ArrayList<>();
      for (int i = k; i < train.size(); i += trainShards) {
        part.add(train.get(i));
      }
      String name = String.format(java.util.Locale.ROOT, "train/part-%05d-of-%05d.parquet", k, trainShards);
      shards.add(shard(dir, name, "train", part));
    }
    shards.add(shard(dir, "test/part-00000-of-00001.parquet", "test", test));
    long n = train.size() + test.size();
    Manifest.create("evshard", "test", Clock.systemUTC(), "gen", dir.toString(), ShardFormat.PARQUET, Map.of(),
        shards, new ManifestCounts(n, n, 0, Map.of("train", (long) train.size(), "test", 2L), Map.of()))
        .write(dir.resolve(Manifest.FILE_NAME));
    return byClass;
  }

  private static ManifestShard shard(Path dir, String name, String split, List<ImageRow> rows) throws IOException {
    Path file = dir.resolve(name);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ImageShardWriter w = ImageShardWriter.open(ShardFormat.PARQUET, ch, name, ShardWriteOptions.defaults("test"))) {
      rows.forEach(w::write);
    }
    return ManifestShard.of(dir, file, split);
  }

  private static ImageRow row(String split, int c, int i, Random rnd) {
    int side = c == 1 ? 64 : 32;
    byte[] rgb = new byte[side * side * 3];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int noise = rnd.nextInt(41) - 20;
        int[] v = switch (c) {
          case 0 -> new int[] {120 + 4 * x, 90, 60};
          case 1 -> new int[] {30, 40, (x / 4) % 2 == 0 ? 200 : 60};
          default -> new int[] {40, ((x / 4 + y / 4) % 2 == 0) ? 220 : 80, 50};
        };
        for (int ch = 0; ch < 3; ch++) {
          rgb[(y * side + x) * 3 + ch] = (byte) Math.max(0, Math.min(255, v[ch] + noise));
        }
      }
    }
    byte[] png = DistillClassFn.png(rgb, side);
    String id = "gen/" + split + "/" + CLASSES[c] + "/" + i;
    return new ImageRow(id, "gen", split, c, CLASSES[c], split + "/" + CLASSES[c] + "/" + i + ".png", null, side, side,
        side, side, ExactDuplicates.sha256Hex(png), "png", png, Map.of(), null, null);
  }
}
