package org.evshard.pipelines.convert;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
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
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.shard.SampleRow;
import org.evshard.io.shard.StaticImage;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardWriteOptions;
import org.evshard.io.shard.ShardWriter;
import org.evshard.pipelines.output.FileErrors;
import org.evshard.pipelines.runner.LiveCount;

/**
 * Decodes the samples of one shard, applies the transform chain if there is one ({@link SampleTransform}: a sample may
 * become several rows, or a tensor), and writes them, in {@code sample_id} order, into a temporary file that is renamed
 * to {@code <output>/<shard>.<ext>} only once complete (a retried bundle rewrites the same name). Rows never cross a
 * shuffle: each worker reads the recordings of the shards it writes. A sample that cannot be read goes to
 * {@link #ERRORS} with its reason and byte offset (stage {@code decode}), one whose transform fails or gives no rows
 * with stage {@code transform}; the shard goes on without it. A sample's rows are all computed before any is
 * written, so a sample is either wholly in the shard or wholly in {@code errors.jsonl}; except when the chain starts
 * with its slicer and the recording is too long to hold ({@link SampleDecoder#decodeOrMeasure}): then it is sliced
 * while streamed ({@link StreamedSampleWriter}) and each row is written as it is made, and a sample that fails after
 * some of its rows were written is rejected and the shard written again without it.
 */
public final class WriteShardFn extends DoFn<ShardTask, String> {

  public static final TupleTag<String> SHARDS = new TupleTag<>("shards") {};
  public static final TupleTag<SampleError> ERRORS = new TupleTag<>("errors") {};
  public static final String STAGE = "decode";
  public static final String TRANSFORM_STAGE = "transform";
  public static final String PAIR_STAGE = "pair";
  public static final String ROWS_COUNTER = "rows_written";
  public static final String DECODED_COUNTER = "samples_decoded";
  public static final String REJECTED_COUNTER = "samples_rejected";

  private final String output;
  private final ShardFormat format;
  private final ShardWriteOptions writeOptions;
  private final SampleDecoder decoder;
  private final SampleTransform transform;
  private final StaticImageLoader partners;
  private final Counter rowsWritten = Metrics.counter(WriteShardFn.class, ROWS_COUNTER);
  private final Counter decoded = Metrics.counter(WriteShardFn.class, DECODED_COUNTER);
  private final Counter rejected = Metrics.counter(WriteShardFn.class, REJECTED_COUNTER);
  private final Counter events = Metrics.counter(WriteShardFn.class, "events_written");
  private LiveCount live;
  private transient SampleInputs inputs;
  private transient StreamedSampleWriter streamed;

  public WriteShardFn(String output, ShardFormat format, ShardWriteOptions writeOptions, SampleDecoder decoder) {
    this(output, format, writeOptions, decoder, null);
  }

  /** {@code transform} may be null: rows are the decoded recordings. */
  public WriteShardFn(String output, ShardFormat format, ShardWriteOptions writeOptions, SampleDecoder decoder,
      SampleTransform transform) {
    this(output, format, writeOptions, decoder, transform, null);
  }

  /** {@code partners} loads the static partner of each sample of a task that plans them; null without pairing. */
  public WriteShardFn(String output, ShardFormat format, ShardWriteOptions writeOptions, SampleDecoder decoder,
      SampleTransform transform, StaticImageLoader partners) {
    this.partners = partners;
    this.output = output;
    this.format = format;
    this.writeOptions = writeOptions;
    this.decoder = decoder;
    this.transform = transform;
  }

  /** Raises {@code count} as each sample is written or rejected (for the progress bar), and returns this. */
  public WriteShardFn countingTo(LiveCount count) {
    this.live = count;
    return this;
  }

  @Setup
  public void setup() {
    inputs = new SampleInputs();
  }

  @Teardown
  public void teardown() throws IOException {
    if (inputs != null) {
      inputs.close();
      inputs = null;
    }
  }

  @ProcessElement
  public void process(@Element ShardTask shard, MultiOutputReceiver out) throws IOException {
    out.get(SHARDS).output(write(shard, e -> out.get(ERRORS).output(e)));
  }

  /**
   * Writes one shard (also outside a {@code ParDo}: {@link ConvertSamples} calls it from its task source, and
   * {@link #teardown} after the last); rejected samples go to {@code errors}, once the shard is complete. Returns the
   * shard's name under the output folder. A sample sliced while streamed that fails after some of its rows were
   * written is rejected, and the shard is written again without it.
   */
  public String write(ShardTask shard, Consumer<SampleError> errors) throws IOException {
    if (inputs == null) {
      setup();
    }
    Map<Integer, SampleError> dropped = new HashMap<>();
    while (true) {
      Attempt attempt = new Attempt();
      try {
        String name = writeOnce(shard, dropped, attempt);
        attempt.errors.forEach(errors);
        return name;
      } catch (PartlyWritten p) {
        attempt.undo();
        dropped.put(p.sample, p.error);
      }
    }
  }

  private String writeOnce(ShardTask shard, Map<Integer, SampleError> dropped, Attempt attempt) throws IOException {
    String name = shard.shard() + format.extension();
    ResourceId temp = FileSystems.matchNewResource(
        output + "/" + ConvertSamples.TEMP_DIR + "/" + UUID.randomUUID() + format.extension(), false);
    ResourceId target = FileSystems.matchNewResource(output + "/" + name, false);
    try (WritableByteChannel channel = FileSystems.create(temp, MimeTypes.BINARY);
        ShardWriter writer = format.newWriter(channel, name, writeOptions)) {
      for (int i = 0; i < shard.samples().size(); i++) {
        SampleRef ref = shard.samples().get(i);
        if (dropped.containsKey(i)) {
          attempt.reject(dropped.get(i));
          continue;
        }
        StaticImage partner = null;
        if (shard.partners() != null) {
          partner = partnerOrReject(ref, shard.partners().get(i), attempt);
          if (partner == null) {
            continue;
          }
        }
        DecodedSample sample = decodeOrReject(ref, attempt);
        if (sample == null) {
          continue;
        }
        if (sample.streamed()) {
          writeStreamed(i, ref, sample, partner, writer, attempt);
          continue;
        }
        SampleRow row = sample.row();
        List<SampleRow> rows = transformOrReject(ref, row, attempt);
        if (rows == null) {
          continue;
        }
        if (partner != null) {
          StaticImage p = partner;
          rows = rows.stream().map(r -> r.withPartner(p)).toList();
        }
        String metadata = writeOptions.layout().sampleMetadata() ? SampleMetadata.json(ref) : null;
        for (SampleRow r : rows) {
          writer.write(SampleMetadata.attach(r, metadata));
        }
        attempt.written(row.nEvents(), rows.size());
      }
    } catch (PartlyWritten p) {
      FileSystems.delete(List.of(temp), StandardMoveOptions.IGNORE_MISSING_FILES);
      throw p;
    }
    FileSystems.rename(List.of(temp), List.of(target), StandardMoveOptions.IGNORE_MISSING_FILES);
    return name;
  }

  /** The second pass of a sample too long to hold; a failure after some rows makes the shard start again. */
  private void writeStreamed(int index, SampleRef ref, DecodedSample sample, StaticImage partner, ShardWriter writer,
      Attempt attempt) {
    if (streamed == null) {
      streamed = new StreamedSampleWriter(decoder, transform, writeOptions.layout());
    }
    StreamedSampleWriter.Outcome outcome = streamed.write(ref, sample, inputs, partner, writer);
    if (outcome.error() == null) {
      attempt.written(sample.totals().count(), outcome.rows());
    } else if (outcome.rows() == 0) {
      attempt.reject(outcome.error());
    } else {
      throw new PartlyWritten(index, outcome.error());
    }
  }

  private StaticImage partnerOrReject(SampleRef ref, StaticRef partner, Attempt out) {
    if (partner.source() == null) {
      reject(out, ref, PAIR_STAGE, "no static image of class '" + partner.labelName() + "' to pair with (event class '"
          + ref.labelName() + "')", -1);
      return null;
    }
    try {
      return partners.load(partner);
    } catch (EvshardIoException e) {
      reject(out, ref, PAIR_STAGE, "static partner " + partner.source() + ": " + e.reason(), e.offset());
    } catch (IOException | RuntimeException e) {
      reject(out, ref, PAIR_STAGE, "static partner " + partner.source() + ": " + e, -1);
    }
    return null;
  }

  /**
   * The decoded sample; with a chain that starts with its slicer, a recording too long to hold comes back measured
   * for streamed slicing instead.
   */
  private DecodedSample decodeOrReject(SampleRef ref, Attempt out) {
    try {
      if (transform != null && transform.slicesStreamed()) {
        return decoder.decodeOrMeasure(ref, inputs);
      }
      return new DecodedSample(decoder.decode(ref, inputs), null);
    } catch (LimitExceededException e) {
      // a recording over --max-events that a chain with its slicer first would have streamed
      boolean unstreamed = transform != null && transform.slices() && !transform.slicesStreamed()
          && !ref.hasTimeWindow() && e.reason().startsWith("event count of ");
      String heap = decoder.heapLimited(e) ? "; " + decoder.heldEventsReason() : "";
      // a labelled interval is cut from its recording and held whole; only whole recordings are sliced streamed
      String held = transform != null && transform.slices() && ref.hasTimeWindow()
          ? "; a time-window sample (a labelled interval) is held whole before it is sliced, so the limit applies "
              + "to the interval, not to each slice" : "";
      reject(out, ref, e.reason() + heap + (unstreamed ? "; " + transform.whyNotStreamed() : "") + held, e.offset());
    } catch (EvshardIoException e) {
      reject(out, ref, e.reason(), e.offset());
    } catch (IOException e) {
      reject(out, ref, "I/O error: " + FileErrors.describe(e), -1);
    } catch (RuntimeException e) {
      reject(out, ref, "unexpected " + e, -1);
    } catch (OutOfMemoryError e) {
      // an allocation no budget foresaw (one AEDAT 4.0 packet of 56 MB at -Xmx64m): this sample, not the whole run,
      // which ended with nothing written; what it held is garbage once this frame is left
      reject(out, ref, "the JVM ran out of heap reading this sample (" + e.getMessage() + "); "
          + org.evshard.transforms.OutputBudget.MORE_HEAP, -1);
    } catch (InternalError e) { // a mapped file (HDF5) cut while it was read: one sample, not the whole run
      if (!org.evshard.io.error.MappedFileFault.is(e)) {
        throw e;
      }
      reject(out, ref, org.evshard.io.error.MappedFileFault.of(ref.source(), -1, e).reason(), -1);
    } catch (StackOverflowError e) { // a structure nested or linked into a loop: one sample, not the whole run
      reject(out, ref, "the reader's stack overflowed: the file nests or links its structure too deeply (a crafted "
          + "or damaged file)", -1);
    }
    return null;
  }

  private List<SampleRow> transformOrReject(SampleRef ref, SampleRow row, Attempt out) {
    if (transform == null) {
      return List.of(row);
    }
    try {
      List<SampleRow> rows = transform.apply(row, writeOptions.layout());
      if (rows.isEmpty()) {
        reject(out, ref, TRANSFORM_STAGE, "the slicer gave no slices (" + row.nEvents() + " events)", -1);
        return null;
      }
      return rows;
    } catch (RuntimeException e) {
      reject(out, ref, TRANSFORM_STAGE, e.getMessage() == null ? e.toString() : e.getMessage(), -1);
      return null;
    }
  }

  private void reject(Attempt out, SampleRef ref, String reason, long offset) {
    reject(out, ref, STAGE, reason, offset);
  }

  private void reject(Attempt out, SampleRef ref, String stage, String reason, long offset) {
    out.reject(new SampleError(ref.sampleId(), ref.source(), stage, reason, offset));
  }

  /** What one attempt at a shard counted and rejected, undone when the attempt is abandoned. */
  private final class Attempt {
    private final List<SampleError> errors = new ArrayList<>();
    private long samples;
    private long eventCount;
    private long rows;

    void written(long sampleEvents, long sampleRows) {
      samples++;
      eventCount += sampleEvents;
      rows += sampleRows;
      decoded.inc();
      events.inc(sampleEvents);
      rowsWritten.inc(sampleRows);
      if (live != null) {
        live.add(1);
      }
    }

    void reject(SampleError e) {
      errors.add(e);
      rejected.inc();
      if (live != null) {
        live.add(1);
      }
    }

    void undo() {
      decoded.dec(samples);
      events.dec(eventCount);
      rowsWritten.dec(rows);
      rejected.dec(errors.size());
      if (live != null) {
        live.add(-(samples + errors.size()));
      }
    }
  }

  /** A sample failed after some of its rows were written: the shard is written again without it. */
  private static final class PartlyWritten extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int sample;
    private final SampleError error;

    PartlyWritten(int sample, SampleError error) {
      super(error.reason(), null, false, false);
      this.sample = sample;
      this.error = error;
    }
  }
}
