package org.evshard.pipelines.convert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;
import org.evshard.datasets.SampleInputs;
import org.evshard.datasets.SampleRef;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.shard.SampleRow;
import org.evshard.transforms.stats.EventStatistics;

/**
 * Reads one sample's recording into a {@link SampleRow}. Anything wrong with the input goes to {@link #ERRORS} with its
 * reason and byte offset; the bundle never fails because of one bad file.
 */
public final class DecodeSampleFn extends DoFn<SampleRef, SampleRow> {

  public static final TupleTag<SampleRow> ROWS = new TupleTag<>("rows") {};
  public static final TupleTag<SampleError> ERRORS = new TupleTag<>("errors") {};
  public static final String STAGE = "decode";
  public static final String DECODED_COUNTER = "samples_decoded";
  public static final String REJECTED_COUNTER = "samples_rejected";

  private final String root;
  private final ReadOptions options;
  private final Counter decoded = Metrics.counter(DecodeSampleFn.class, DECODED_COUNTER);
  private final Counter rejected = Metrics.counter(DecodeSampleFn.class, REJECTED_COUNTER);
  private final Counter events = Metrics.counter(DecodeSampleFn.class, "events_decoded");
  private transient SampleInputs inputs;

  public DecodeSampleFn(String root, ReadOptions options) {
    this.root = root;
    this.options = options;
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
  public void process(@Element SampleRef ref, MultiOutputReceiver out) {
    try {
      SampleRow row = decode(Paths.get(root), ref);
      decoded.inc();
      events.inc(row.events().size());
      out.get(ROWS).output(row);
    } catch (EvshardIoException e) {
      reject(out, ref, e.reason(), e.offset());
    } catch (IOException e) {
      reject(out, ref, "I/O error: " + e, -1);
    } catch (RuntimeException e) {
      reject(out, ref, "unexpected " + e, -1);
    }
  }

  private void reject(MultiOutputReceiver out, SampleRef ref, String reason, long offset) {
    rejected.inc();
    out.get(ERRORS).output(new SampleError(ref.sampleId(), ref.source(), STAGE, reason, offset));
  }

  private SampleRow decode(Path rootPath, SampleRef ref) throws IOException {
    ReadOptions read = ref.sensor() == null ? options : options.withSensor(ref.sensor());
    Events e;
    SensorGeometry geometry;
    try (InputStream in = inputs.open(rootPath, ref);
        EventReader reader = EventFormats.defaults().open(in, ref.fileName(), ref.source(), ref.format(), read)) {
      e = reader.readAll(read);
      geometry = reader.geometry().orElse(null);
    }
    EventStatistics stats = EventStatistics.of(e);
    if (geometry == null) {
      if (e.isEmpty()) {
        throw new EvshardIoException(ref.source(), -1, "no events and no sensor geometry: cannot size the sample");
      }
      geometry = new SensorGeometry(stats.extentWidth(), stats.extentHeight());
    }
    SampleChecks.requireInside(ref.source(), e, geometry, stats);
    return new SampleRow(ref.sampleId(), ref.dataset(), ref.split(), ref.label(), ref.labelName(), ref.source(),
        geometry.width(), geometry.height(), e);
  }

}
