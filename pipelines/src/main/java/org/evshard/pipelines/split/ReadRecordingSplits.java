package org.evshard.pipelines.split;

import java.util.Objects;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.format.RecordingSplit;
import org.evshard.io.format.RecordingSplits;

/**
 * Reads the splits of large recordings on the workers: the splits (planned on the driver with
 * {@link RecordingSplits#plan}) are redistributed, each is read by one worker, and its events go out as
 * {@link SplitChunk}s of at most the read options' chunk size. A content error fails the bundle with the
 * {@link org.evshard.io.error.EvshardIoException} naming the file and offset (a split has no partial result to keep).
 */
public final class ReadRecordingSplits extends PTransform<PCollection<RecordingSplit>, PCollection<SplitChunk>> {

  private static final long serialVersionUID = 1L;
  private final ReadOptions options;

  private ReadRecordingSplits(ReadOptions options) {
    this.options = Objects.requireNonNull(options);
  }

  public static ReadRecordingSplits with(ReadOptions options) {
    return new ReadRecordingSplits(options);
  }

  @Override
  public PCollection<SplitChunk> expand(PCollection<RecordingSplit> splits) {
    return splits.apply("Distribute", Reshuffle.viaRandomKey())
        .apply("Read", ParDo.of(new ReadSplitFn(options)))
        .setCoder(SplitChunkCoder.of());
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("chunkSize", options.chunkSize()));
  }

  /** Reads one split, one output per chunk. */
  static final class ReadSplitFn extends DoFn<RecordingSplit, SplitChunk> {
    private static final long serialVersionUID = 1L;
    private final ReadOptions options;
    private final Counter events = Metrics.counter(ReadRecordingSplits.class, "events");
    private final Counter splits = Metrics.counter(ReadRecordingSplits.class, "splits");
    private transient EventChunk scratch;

    ReadSplitFn(ReadOptions options) {
      this.options = options;
    }

    @ProcessElement
    public void process(@Element RecordingSplit split, OutputReceiver<SplitChunk> out) throws Exception {
      if (scratch == null) {
        scratch = new EventChunk(options.chunkSize());
      }
      int chunk = 0;
      try (EventReader r = RecordingSplits.open(split, options)) {
        while (r.nextChunk(scratch)) {
          Events e = Events.copyOf(scratch.x, scratch.y, scratch.t, scratch.p, scratch.size());
          out.output(new SplitChunk(split.file(), split.index(), chunk++, e));
          events.inc(e.size());
        }
      }
      splits.inc();
    }
  }
}
