package org.evshard.pipelines.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.evshard.io.shard.Manifest;
import org.evshard.io.shard.ManifestVerifier;
import org.evshard.pipelines.convert.ConvertJob;
import org.evshard.pipelines.convert.ConvertSettings;
import org.evshard.pipelines.convert.TestCorpora;

/**
 * {@code evshard select} on another runner gives the same selection as on the DirectRunner: the same rows chosen in
 * the same groups at the same ranks with the same scores, for a seeded method ({@code random}), a deterministic one on
 * k-means groups ({@code kcenter}, whose centroids come from a seeded sample) and a seeded draw ({@code dq}). Used by
 * the Flink and Spark runner modules.
 */
public final class SelectParity {

  private SelectParity() {
  }

  public static void assertSameSelectionAsDirectRunner(Path tmp, List<String> runnerArgs) throws Exception {
    Path input = tmp.resolve("nmnist");
    TestCorpora.nmnist(input, 6, 23);
    Path shards = tmp.resolve("shards");
    ConvertJob.run(ConvertSettings.of("nmnist", input, shards).withShardsPerSplit(2));
    String[][] runs = {{"random", "label"}, {"kcenter", "kmeans:3"}, {"dq", "split"}};
    for (String[] run : runs) {
      List<String> direct = select(shards, tmp.resolve(run[0] + "-direct"), run[0], run[1], List.of());
      List<String> other = select(shards, tmp.resolve(run[0] + "-other"), run[0], run[1], runnerArgs);
      assertFalse(direct.isEmpty());
      assertEquals(direct, other, run[0] + " on " + runnerArgs);
    }
  }

  /** selection.parquet as "group rank sample_id score" lines, sorted. */
  private static List<String> select(Path shards, Path out, String method, String grouping, List<String> args)
      throws Exception {
    SelectJob.run(new SelectSettings(shards, out, SelectionMethod.fromName(method), SelectParameters.of(0.5, null,
        11), FeatureSpec.parse("projection:8:4"), Grouping.parse(grouping), null, null,
        SelectSettings.DEFAULT_MAX_GROUP_BYTES, SelectSettings.DEFAULT_KMEANS_SAMPLE, false, false, args));
    assertEquals(List.of(), ManifestVerifier.verify(Manifest.read(out.resolve(Manifest.FILE_NAME)), out));
    TreeMap<String, String> lines = new TreeMap<>();
    try (ParquetReader<Group> r = new ParquetReader.Builder<Group>(new LocalInputFile(out.resolve(
        SelectJob.SELECTION_FILE)), new PlainParquetConfiguration()) {
          @Override
          protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
          }
        }.build()) {
      for (Group g = r.read(); g != null; g = r.read()) {
        String key = g.getString("group", 0) + " " + String.format("%06d", g.getInteger("rank", 0));
        lines.put(key, key + " " + g.getString("sample_id", 0) + " " + g.getDouble("score", 0));
      }
    }
    return new ArrayList<>(lines.values());
  }
}
