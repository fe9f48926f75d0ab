package org.evshard.pipelines.curate;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.evshard.io.shard.ImageRow;
import org.evshard.io.shard.ImageShardWriter;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardWriteOptions;
import org.evshard.io.tar.TarLimits;
import org.evshard.pipelines.convert.ConvertSamples;
import org.evshard.pipelines.convert.SampleError;
import org.evshard.pipelines.output.WrittenShard;
import org.evshard.pipelines.runner.LiveCount;
import org.evshard.pipelines.runner.TaskSource;

/**
 * Curation without a step that needs every sample at once (no deduplication, no DataComp join): each
 * {@link ImageShardTask} is read, decoded, resized and written to its shard by the worker that took it, as in
 * {@code convert}. Rows stream from the reader into the shard writer (a task holds one image at a time, not its
 * rows), keep the order of the task's sources, and never cross a shuffle, which on the DirectRunner also avoids
 * its slow {@code GroupByKey}. Out: {@link #SHARDS}, {@link #ERRORS}, {@link #REMOVED}, {@link #SKIPS} and, when asked,
 * the kept sample ids ({@link #KEPT}).
 */
final class CurateShards extends PTransform<PBegin, PCollectionTuple> {

  static final TupleTag<WrittenShard> SHARDS = new TupleTag<>("shards") {};
  static final TupleTag<SampleError> ERRORS = new TupleTag<>("errors") {};
  static final TupleTag<RemovedSample> REMOVED = new TupleTag<>("removed") {};
  static final TupleTag<KV<String, Long>> SKIPS = new TupleTag<>("tar-skips") {};
  static final TupleTag<String> KEPT = new TupleTag<>("kept") {};

  private final List<ImageShardTask> tasks;
  private final WriteTask work;

  CurateShards(List<ImageShardTask> tasks, String root, String output, ImageProcessing processing,
      TarLimits tarLimits, ShardFormat format, ShardWriteOptions options, boolean webdataset, boolean keptIds,
      LiveCount live) {
    this.tasks = List.copyOf(tasks);
    this.work = new WriteTask(new ImageSourceReader(root, processing.limits().maxEncodedBytes(), tarLimits, true,
        live.alongside(Metrics.counter(ReadImageSourcesFn.class, ReadImageSourcesFn.INPUTS_COUNTER))), processing,
        output, format,
        options, webdataset, keptIds);
  }

  /** What one task gave; errors, removals and kept ids are per task, so at most one shard's worth. */
  record Outcome(WrittenShard shard, List<SampleError> errors, List<RemovedSample> removed, Map<String, Long> skips,
      List<String> kept) implements Serializable {}

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple out = begin
        .apply("ReadDecodeWrite", Read.from(new TaskSource<>(tasks, work, SerializableCoder.of(Outcome.class))))
        .apply("Outputs", ParDo.of(new Outputs()).withOutputTags(SHARDS,
            TupleTagList.of(ERRORS).and(REMOVED).and(SKIPS).and(KEPT)));
    out.get(SHARDS).setCoder(SerializableCoder.of(WrittenShard.class));
    out.get(ERRORS).setCoder(SerializableCoder.of(SampleError.class));
    out.get(REMOVED).setCoder(SerializableCoder.of(RemovedSample.class));
    out.get(SKIPS).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    out.get(KEPT).setCoder(StringUtf8Coder.of());
    return out;
  }

  /** Reads, decodes and writes the shard of one task, to a temporary file renamed when complete. */
  static final class WriteTask implements TaskSource.Work<ImageShardTask, Outcome> {
    private static final long serialVersionUID = 1L;
    private final ImageSourceReader reader;
    private final ImageProcessing processing;
    private final String output;
    private final ShardFormat format;
    private final ShardWriteOptions options;
    private final boolean webdataset;
    private final boolean keptIds;
    private final Counter decoded = Metrics.counter(ProcessImageFn.class, ProcessImageFn.DECODED_COUNTER);
    private final Counter written = Metrics.counter(WriteImageShardFn.class, WriteImageShardFn.ROWS_COUNTER);
    private transient ImageProcessor processor;

    WriteTask(ImageSourceReader reader, ImageProcessing processing, String output, ShardFormat format,
        ShardWriteOptions options, boolean webdataset, boolean keptIds) {
      this.reader = reader;
      this.processing = processing;
      this.output = output;
      this.format = format;
      this.options = options;
      this.webdataset = webdataset;
      this.keptIds = keptIds;
    }

    @Override
    public Outcome run(ImageShardTask task) throws IOException {
      if (processor == null) {
        processor = new ImageProcessor(processing);
      }
      String name = task.shard() + format.extension();
      ResourceId temp = FileSystems.matchNewResource(
          output + "/" + ConvertSamples.TEMP_DIR + "/" + UUID.randomUUID() + format.extension(), false);
      List<SampleError> errors = new ArrayList<>();
      List<RemovedSample> removed = new ArrayList<>();
      Map<String, Long> skips = new TreeMap<>();
      List<String> kept = new ArrayList<>();
      Map<String, Long> labels = new TreeMap<>();
      long[] rows = new long[1];
      WebDatasetShard tar = webdataset ? WebDatasetShard.open(output, task.shard()) : null;
      try (WritableByteChannel channel = FileSystems.create(temp, MimeTypes.BINARY);
          ImageShardWriter writer = ImageShardWriter.open(format, channel, name, options)) {
        ImageProcessor.Sink toShard = new ImageProcessor.Sink() {
          @Override
          public void image(ProcessedImage image) {
            ImageRow row = image.row();
            try {
              writer.write(row);
              if (tar != null) {
                tar.add(row);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            labels.merge(row.labelName() == null ? "" : row.labelName(), 1L, Long::sum);
            if (keptIds) {
              kept.add(row.sampleId());
            }
            rows[0]++;
          }

          @Override
          public void error(SampleError error) {
            errors.add(error);
          }

          @Override
          public void removed(RemovedSample sample) {
            removed.add(sample);
          }
        };
        ImageSourceReader.Sink fromSource = new ImageSourceReader.Sink() {
          @Override
          public void item(CurateItem item) {
            if (processor.process(item, toShard)) {
              decoded.inc();
            }
          }

          @Override
          public void error(SampleError error) {
            errors.add(error);
          }

          @Override
          public void skipped(String reason, long count) {
            skips.merge(reason, count, Long::sum);
          }
        };
        for (var ref : task.sources()) {
          reader.read(ref, fromSource);
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      FileSystems.rename(List.of(temp), List.of(FileSystems.matchNewResource(output + "/" + name, false)),
          StandardMoveOptions.IGNORE_MISSING_FILES);
      if (tar != null) {
        tar.finish();
      }
      written.inc(rows[0]);
      return new Outcome(new WrittenShard(name, task.split(), rows[0], labels), errors, removed, skips, kept);
    }
  }

  /** Fans each task's outcome out to the tagged outputs. */
  static final class Outputs extends DoFn<Outcome, WrittenShard> {
    @ProcessElement
    public void process(@Element Outcome o, MultiOutputReceiver out) {
      out.get(SHARDS).output(o.shard());
      o.errors().forEach(out.get(ERRORS)::output);
      o.removed().forEach(out.get(REMOVED)::output);
      o.skips().forEach((reason, n) -> out.get(SKIPS).output(KV.of(reason, n)));
      o.kept().forEach(out.get(KEPT)::output);
    }
  }
}
