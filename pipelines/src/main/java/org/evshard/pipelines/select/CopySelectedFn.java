package org.evshard.pipelines.select;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.PCollectionView;
import org.evshard.io.shard.ImageRow;
import org.evshard.io.shard.ImageShardReader;
import org.evshard.io.shard.ImageShardWriter;
import org.evshard.io.shard.SampleRow;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardReader;
import org.evshard.io.shard.ShardSchema;
import org.evshard.io.shard.ShardWriteOptions;
import org.evshard.io.shard.ShardWriter;
import org.evshard.pipelines.convert.ConvertSamples;
import org.evshard.pipelines.output.WrittenShard;

/**
 * Copies the chosen rows of one input shard, in their input order and unchanged, into the shard of the same relative
 * path under the output (temp file, then rename); a shard none of whose rows was chosen is not written. The chosen
 * ids come as a side input.
 */
final class CopySelectedFn extends DoFn<String, WrittenShard> {

  private final String inputRoot;
  private final String output;
  private final boolean imageShards;
  private final ShardWriteOptions options;
  private final PCollectionView<Map<String, Integer>> chosen;

  CopySelectedFn(String inputRoot, String output, boolean imageShards, ShardWriteOptions options,
      PCollectionView<Map<String, Integer>> chosen) {
    this.inputRoot = inputRoot;
    this.output = output;
    this.imageShards = imageShards;
    this.options = options;
    this.chosen = chosen;
  }

  @ProcessElement
  public void process(@Element String relative, ProcessContext c) throws IOException {
    Map<String, Integer> ids = c.sideInput(chosen);
    Path file = Path.of(inputRoot).resolve(relative);
    ShardFormat format = ShardFormat.ofFile(file);
    ResourceId temp = FileSystems.matchNewResource(
        output + "/" + ConvertSamples.TEMP_DIR + "/" + UUID.randomUUID() + format.extension(), false);
    Map<String, Long> labels = new TreeMap<>();
    long rows = 0;
    try (WritableByteChannel channel = FileSystems.create(temp, MimeTypes.BINARY)) {
      if (imageShards) {
        try (ImageShardReader in = new ImageShardReader(file);
            ImageShardWriter out = ImageShardWriter.open(format, channel, relative, options)) {
          for (ImageRow row = in.next(); row != null; row = in.next()) {
            if (ids.containsKey(row.sampleId())) {
              out.write(row);
              labels.merge(row.labelName() == null ? "" : row.labelName(), 1L, Long::sum);
              rows++;
            }
          }
        }
      } else {
        Map<String, String> meta = format.readMetadata(file);
        ShardWriteOptions o = options.withLayout(ShardSchema.layoutOf(meta, relative), transformsOf(meta));
        try (ShardReader in = format.openReader(file); ShardWriter out = format.newWriter(channel, relative, o)) {
          while (in.hasNext()) {
            SampleRow row = in.next();
            if (ids.containsKey(row.sampleId())) {
              out.write(row);
              labels.merge(row.labelName(), 1L, Long::sum);
              rows++;
            }
          }
        }
      }
    }
    if (rows == 0) {
      FileSystems.delete(List.of(temp));
      return;
    }
    ResourceId target = FileSystems.matchNewResource(output + "/" + relative, false);
    FileSystems.rename(List.of(temp), List.of(target), StandardMoveOptions.IGNORE_MISSING_FILES);
    c.output(new WrittenShard(relative, relative.substring(0, Math.max(0, relative.indexOf('/'))), rows, labels));
  }

  /** The transform specs a shard records ({@code evshard.transforms}), kept in the copies. */
  static List<String> transformsOf(Map<String, String> meta) throws IOException {
    String json = meta.get(ShardSchema.KEY_TRANSFORMS);
    return json == null ? List.of() : List.of(new com.fasterxml.jackson.databind.ObjectMapper()
        .readValue(json, String[].class));
  }
}
