package org.evshard.pipelines.convert;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.TupleTag;
import org.evshard.datasets.SampleInputs;
import org.evshard.datasets.SampleRef;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.shard.SampleRow;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardWriteOptions;
import org.evshard.io.shard.ShardWriter;

/**
 * Decodes the samples of one shard and writes them, in {@code sample_id} order, into a temporary file that is renamed
 * to {@code <output>/<shard>.<ext>} only once complete (a retried bundle rewrites the same name). Rows never cross a
 * shuffle: each worker reads the recordings of the shards it writes. A sample that cannot be read goes to
 * {@link #ERRORS} with its reason and byte offset; the shard goes on without it.
 */
public final class WriteShardFn extends DoFn<ShardTask, String> {

  public static final TupleTag<String> SHARDS = new TupleTag<>("shards") {};
  public static final TupleTag<SampleError> ERRORS = new TupleTag<>("errors") {};
  public static final String STAGE = "decode";
  public static final String DECODED_COUNTER = "samples_decoded";
  public static final String REJECTED_COUNTER = "samples_rejected";

  private final String output;
  private final ShardFormat format;
  private final ShardWriteOptions writeOptions;
  private final SampleDecoder decoder;
  private final Counter decoded = Metrics.counter(WriteShardFn.class, DECODED_COUNTER);
  private final Counter rejected = Metrics.counter(WriteShardFn.class, REJECTED_COUNTER);
  private final Counter events = Metrics.counter(WriteShardFn.class, "events_written");
  private transient SampleInputs inputs;

  public WriteShardFn(String output, ShardFormat format, ShardWriteOptions writeOptions, SampleDecoder decoder) {
    this.output = output;
    this.format = format;
    this.writeOptions = writeOptions;
    this.decoder = decoder;
  }

  @Setup
  public void setup() {
    inputs = new SampleInputs();
  }

  @Teardown
  public void teardown() throws IOException {
    if (inputs != null) {
      inputs.close();
    }
  }

  @ProcessElement
  public void process(@Element ShardTask shard, MultiOutputReceiver out) throws IOException {
    String name = shard.shard() + format.extension();
    ResourceId temp = FileSystems.matchNewResource(
        output + "/" + ConvertSamples.TEMP_DIR + "/" + UUID.randomUUID() + format.extension(), false);
    ResourceId target = FileSystems.matchNewResource(output + "/" + name, false);
    try (WritableByteChannel channel = FileSystems.create(temp, MimeTypes.BINARY);
        ShardWriter writer = format.newWriter(channel, name, writeOptions)) {
      for (SampleRef ref : shard.samples()) {
        SampleRow row = decodeOrReject(ref, out);
        if (row != null) {
          writer.write(row);
          decoded.inc();
          events.inc(row.nEvents());
        }
      }
    }
    FileSystems.rename(List.of(temp), List.of(target), StandardMoveOptions.IGNORE_MISSING_FILES);
    out.get(SHARDS).output(name);
  }

  private SampleRow decodeOrReject(SampleRef ref, MultiOutputReceiver out) {
    try {
      return decoder.decode(ref, inputs);
    } catch (EvshardIoException e) {
      reject(out, ref, e.reason(), e.offset());
    } catch (IOException e) {
      reject(out, ref, "I/O error: " + e, -1);
    } catch (RuntimeException e) {
      reject(out, ref, "unexpected " + e, -1);
    }
    return null;
  }

  private void reject(MultiOutputReceiver out, SampleRef ref, String reason, long offset) {
    rejected.inc();
    out.get(ERRORS).output(new SampleError(ref.sampleId(), ref.source(), STAGE, reason, offset));
  }
}
