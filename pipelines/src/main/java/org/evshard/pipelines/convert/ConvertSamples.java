package org.evshard.pipelines.convert;

import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardWriteOptions;

/**
 * Shard tasks ({@link ShardPlan}) in; written shard names ({@link WriteShardFn#SHARDS}) and rejected inputs
 * ({@link WriteShardFn#ERRORS}) out. The tasks are spread over the workers first (a handful of small elements), then
 * each worker decodes the recordings of the shards it writes: event rows never cross a shuffle.
 */
public final class ConvertSamples extends PTransform<PCollection<ShardTask>, PCollectionTuple> {

  /** Folder under the output where unfinished shards live; removed when the run finishes. */
  public static final String TEMP_DIR = ".evshard-temp";

  private final String output;
  private final ShardFormat format;
  private final ShardWriteOptions writeOptions;
  private final SampleDecoder decoder;
  private final SampleTransform transform;
  private final StaticImageLoader partners;

  public ConvertSamples(String output, ShardFormat format, ShardWriteOptions writeOptions, SampleDecoder decoder) {
    this(output, format, writeOptions, decoder, null);
  }

  /** {@code transform} may be null (rows are the decoded recordings). */
  public ConvertSamples(String output, ShardFormat format, ShardWriteOptions writeOptions, SampleDecoder decoder,
      SampleTransform transform) {
    this(output, format, writeOptions, decoder, transform, null);
  }

  /** {@code partners} loads the static partners of paired tasks; null without pairing. */
  public ConvertSamples(String output, ShardFormat format, ShardWriteOptions writeOptions, SampleDecoder decoder,
      SampleTransform transform, StaticImageLoader partners) {
    this.partners = partners;
    this.output = output;
    this.format = format;
    this.writeOptions = writeOptions;
    this.decoder = decoder;
    this.transform = transform;
  }

  @Override
  public PCollectionTuple expand(PCollection<ShardTask> tasks) {
    PCollectionTuple out = tasks
        .apply("SpreadShards", Reshuffle.viaRandomKey())
        .apply("DecodeAndWrite", ParDo.of(new WriteShardFn(output, format, writeOptions, decoder, transform,
            partners))
            .withOutputTags(WriteShardFn.SHARDS, TupleTagList.of(WriteShardFn.ERRORS)));
    out.get(WriteShardFn.SHARDS).setCoder(StringUtf8Coder.of());
    out.get(WriteShardFn.ERRORS).setCoder(SerializableCoder.of(SampleError.class));
    return out;
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("output", output)).add(DisplayData.item("format", format.name()))
        .add(DisplayData.item("inputRoot", decoder.root()))
        .add(DisplayData.item("chunkSize", decoder.options().chunkSize()))
        .add(DisplayData.item("maxEvents", decoder.options().maxEvents()))
        .add(DisplayData.item("transforms", transform == null ? "" : String.join(" ", transform.specs())));
  }
}
