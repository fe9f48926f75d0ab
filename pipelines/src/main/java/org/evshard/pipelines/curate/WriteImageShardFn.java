package org.evshard.pipelines.curate;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;
import org.evshard.io.shard.ImageRow;
import org.evshard.io.shard.ImageShardWriter;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardWriteOptions;
import org.evshard.pipelines.convert.ConvertSamples;
import org.evshard.pipelines.output.WrittenShard;

/**
 * Writes the rows of one image shard, sorted by {@code sample_id} (so a shard's bytes do not depend on the runner's
 * order), into a temporary file renamed to {@code <output>/<shard>.<ext>} once complete; emits the shard's
 * {@link WrittenShard}. The rows of one shard are held in memory while sorted: the shard count keeps them to about
 * the target shard size ({@link CurateSettings#targetShardBytes()}).
 */
final class WriteImageShardFn extends DoFn<KV<String, Iterable<ImageRow>>, WrittenShard> {

  static final String ROWS_COUNTER = "images_written";

  private final String output;
  private final ShardFormat format;
  private final ShardWriteOptions options;
  private final boolean webdataset;
  private final Counter written = Metrics.counter(WriteImageShardFn.class, ROWS_COUNTER);

  /** {@code webdataset}: also write each shard's rows as a webdataset tar beside it ({@link WebDatasetShard}). */
  WriteImageShardFn(String output, ShardFormat format, ShardWriteOptions options, boolean webdataset) {
    this.output = output;
    this.format = format;
    this.options = options;
    this.webdataset = webdataset;
  }

  @ProcessElement
  public void process(@Element KV<String, Iterable<ImageRow>> shard, OutputReceiver<WrittenShard> out)
      throws IOException {
    List<ImageRow> rows = new ArrayList<>();
    shard.getValue().forEach(rows::add);
    rows.sort(Comparator.comparing(ImageRow::sampleId));
    String name = shard.getKey() + format.extension();
    ResourceId temp = FileSystems.matchNewResource(
        output + "/" + ConvertSamples.TEMP_DIR + "/" + UUID.randomUUID() + format.extension(), false);
    ResourceId target = FileSystems.matchNewResource(output + "/" + name, false);
    Map<String, Long> labels = new TreeMap<>();
    try (WritableByteChannel channel = FileSystems.create(temp, MimeTypes.BINARY);
        ImageShardWriter writer = ImageShardWriter.open(format, channel, name, options)) {
      for (ImageRow row : rows) {
        writer.write(row);
        labels.merge(row.labelName() == null ? "" : row.labelName(), 1L, Long::sum);
      }
    }
    FileSystems.rename(List.of(temp), List.of(target), StandardMoveOptions.IGNORE_MISSING_FILES);
    if (webdataset) {
      WebDatasetShard.write(output, shard.getKey(), rows);
    }
    written.inc(rows.size());
    String split = shard.getKey().substring(0, shard.getKey().indexOf('/'));
    out.output(new WrittenShard(name, split, rows.size(), labels));
  }
}
