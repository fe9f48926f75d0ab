package org.evshard.pipelines.convert;

import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.evshard.io.shard.SampleRow;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardWriteOptions;
import org.evshard.pipelines.sinks.ShardSink;

/**
 * Writes rows as shards under {@code output/<split>/part-SSSSS-of-NNNNN.<ext>}, through FileIO's temp-then-rename so a
 * shard is visible only when complete.
 */
public final class WriteShards extends PTransform<PCollection<SampleRow>, WriteFilesResult<String>> {

  /** Folder under the output where FileIO keeps unfinished shards; removed when the run finishes. */
  public static final String TEMP_DIR = ".evshard-temp";

  private final String output;
  private final ShardFormat format;
  private final int shardsPerSplit;
  private final String toolVersion;

  public WriteShards(String output, ShardFormat format, int shardsPerSplit, String toolVersion) {
    if (shardsPerSplit <= 0) {
      throw new IllegalArgumentException("shardsPerSplit must be positive, got " + shardsPerSplit);
    }
    this.output = output;
    this.format = format;
    this.shardsPerSplit = shardsPerSplit;
    this.toolVersion = toolVersion;
  }

  @Override
  public WriteFilesResult<String> expand(PCollection<SampleRow> rows) {
    String ext = format.extension();
    return rows.apply("WriteShards", FileIO.<String, SampleRow>writeDynamic()
        .by(SampleRow::split)
        .withDestinationCoder(StringUtf8Coder.of())
        .via(new ShardSink(format, ShardWriteOptions.defaults(toolVersion)))
        .to(output)
        .withTempDirectory(output + "/" + TEMP_DIR)
        .withNaming(split -> FileIO.Write.defaultNaming(split + "/part", ext))
        .withNumShards(shardsPerSplit));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("output", output)).add(DisplayData.item("format", format.name()))
        .add(DisplayData.item("shardsPerSplit", shardsPerSplit));
  }
}
