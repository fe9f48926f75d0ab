package org.evshard.pipelines.convert;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardWriteOptions;
import org.evshard.pipelines.runner.LiveCount;
import org.evshard.pipelines.runner.TaskSource;

/**
 * Shard tasks ({@link ShardPlan}) in; written shard names ({@link WriteShardFn#SHARDS}) and rejected inputs
 * ({@link WriteShardFn#ERRORS}) out. Each task also leaves its rejects as a part of {@code errors.jsonl} in the
 * temporary folder ({@link ErrorParts}), which the driver joins after the run. The tasks are the splits of a
 * {@link TaskSource}: each worker asks for the next shard when it is free and decodes the recordings of the shards it
 * writes, so the shards spread evenly over the workers on every runner and event rows never cross a shuffle.
 */
public final class ConvertSamples extends PTransform<PBegin, PCollectionTuple> {

  /** Folder under the output where unfinished shards live; removed when the run finishes. */
  public static final String TEMP_DIR = ".evshard-temp";

  private final List<ShardTask> plan;
  private final String output;
  private final ShardFormat format;
  private final ShardWriteOptions writeOptions;
  private final SampleDecoder decoder;
  private final SampleTransform transform;
  private final StaticImageLoader partners;
  private LiveCount live;

  public ConvertSamples(List<ShardTask> plan, String output, ShardFormat format, ShardWriteOptions writeOptions,
      SampleDecoder decoder) {
    this(plan, output, format, writeOptions, decoder, null);
  }

  /** {@code transform} may be null (rows are the decoded recordings). */
  public ConvertSamples(List<ShardTask> plan, String output, ShardFormat format, ShardWriteOptions writeOptions,
      SampleDecoder decoder, SampleTransform transform) {
    this(plan, output, format, writeOptions, decoder, transform, null);
  }

  /** {@code partners} loads the static partners of paired tasks ({@link ShardTask#partners}); null without pairing. */
  public ConvertSamples(List<ShardTask> plan, String output, ShardFormat format, ShardWriteOptions writeOptions,
      SampleDecoder decoder, SampleTransform transform, StaticImageLoader partners) {
    this.partners = partners;
    this.plan = List.copyOf(plan);
    this.output = output;
    this.format = format;
    this.writeOptions = writeOptions;
    this.decoder = decoder;
    this.transform = transform;
  }

  /** Raises {@code count} as each sample is written or rejected (for the progress bar), and returns this. */
  public ConvertSamples countingTo(LiveCount count) {
    this.live = count;
    return this;
  }

  /** What one shard task gave: the shard's name and the samples it rejected. */
  record Written(String shard, List<SampleError> errors) implements Serializable {}

  /** Writes one shard per task, on the worker that read the task's split. */
  private static final class WriteShard implements TaskSource.Work<ShardTask, Written> {
    private final WriteShardFn fn;
    private final String output;

    WriteShard(WriteShardFn fn, String output) {
      this.fn = fn;
      this.output = output;
    }

    /** Writes the task's shard, then the part of {@code errors.jsonl} with the samples it rejected. */
    @Override
    public Written run(ShardTask task) throws IOException {
      List<SampleError> errors = new ArrayList<>();
      String name = fn.write(task, errors::add);
      ErrorParts.write(output, task.shard(), errors);
      return new Written(name, errors);
    }

    @Override
    public void close() throws IOException {
      fn.teardown();
    }
  }

  private static final class Outputs extends DoFn<Written, String> {
    @ProcessElement
    public void process(@Element Written w, MultiOutputReceiver out) {
      out.get(WriteShardFn.SHARDS).output(w.shard());
      for (SampleError e : w.errors()) {
        out.get(WriteShardFn.ERRORS).output(e);
      }
    }
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    WriteShardFn fn = new WriteShardFn(output, format, writeOptions, decoder, transform, partners).countingTo(live);
    PCollectionTuple out = begin
        .apply("DecodeAndWrite", Read.from(new TaskSource<>(plan, new WriteShard(fn, output),
            SerializableCoder.of(Written.class))))
        .apply("Outputs", ParDo.of(new Outputs())
            .withOutputTags(WriteShardFn.SHARDS, TupleTagList.of(WriteShardFn.ERRORS)));
    out.get(WriteShardFn.SHARDS).setCoder(StringUtf8Coder.of());
    out.get(WriteShardFn.ERRORS).setCoder(SerializableCoder.of(SampleError.class));
    return out;
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("output", output)).add(DisplayData.item("format", format.name()))
        .add(DisplayData.item("shardTasks", plan.size()))
        .add(DisplayData.item("inputRoot", decoder.root()))
        .add(DisplayData.item("chunkSize", decoder.options().chunkSize()))
        .add(DisplayData.item("maxEvents", decoder.options().maxEvents()))
        .add(DisplayData.item("transforms", transform == null ? "" : String.join(" ", transform.specs())));
  }
}
