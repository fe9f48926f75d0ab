package org.evshard.pipelines.convert;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.evshard.datasets.SampleInputs;
import org.evshard.datasets.SampleRef;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.shard.SampleRow;
import org.evshard.transforms.stats.EventStatistics;

/**
 * Reads one sample's recording into a {@link SampleRow}: the format from the reference (or detected) with the
 * reference's format options, the geometry from the file, else the dataset, else the events' extent; every event must
 * lie inside it. A sample with a time window (DVS Gesture) keeps only the events with {@code start <= t < end}. Content errors are
 * {@link EvshardIoException}s naming the source and byte offset. One instance serves one thread (a DoFn instance): it
 * reuses its read buffer across samples.
 */
public final class SampleDecoder implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String root;
  private final ReadOptions options;
  private transient EventChunk scratch;

  public SampleDecoder(String root, ReadOptions options) {
    this.root = root;
    this.options = options;
  }

  public SampleRow decode(SampleRef ref, SampleInputs inputs) throws IOException {
    Path rootPath = Paths.get(root);
    ReadOptions read = readOptionsFor(ref);
    Events e;
    SensorGeometry geometry;
    try (EventReader reader = open(rootPath, ref, inputs, read)) {
      if (scratch == null) {
        scratch = new EventChunk(options.chunkSize());
      }
      e = ref.hasTimeWindow() ? readWindow(reader, ref, read) : reader.readAll(read, scratch);
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

  /** The pipeline's read options with the sample's sensor (when the dataset knows it) and format options. */
  ReadOptions readOptionsFor(SampleRef ref) {
    ReadOptions read = ref.sensor() == null ? options : options.withSensor(ref.sensor());
    return ref.formatOptions().isEmpty() ? read : read.withFormatOptions(ref.formatOptions());
  }

  /**
   * A plain file is opened in place through its format's {@link EventFormat#openPath} (HDF5 reads it by random
   * access instead of spooling a copy); an archive member is streamed.
   */
  private static EventReader open(Path root, SampleRef ref, SampleInputs inputs, ReadOptions read)
      throws IOException {
    if (!ref.inArchive()) {
      Path file = inputs.plainFile(root, ref);
      EventFormat format = ref.format() != null ? EventFormats.defaults().byName(ref.format())
          : EventFormats.defaults().detect(file);
      return format.openPath(file, ref.source(), read);
    }
    InputStream in = inputs.open(root, ref);
    try {
      return EventFormats.defaults().open(in, ref.fileName(), ref.source(), ref.format(), read);
    } catch (IOException | RuntimeException ex) {
      in.close();
      throw ex;
    }
  }

  /**
   * The events of the sample's time window {@code [start, end)} (t as the file stores it), streamed: only the kept
   * events are held in memory, and {@code maxEvents} limits those.
   */
  private Events readWindow(EventReader reader, SampleRef ref, ReadOptions read) throws IOException {
    long start = ref.timeWindowStartUs();
    long end = ref.timeWindowEndUs();
    EventsBuilder kept = new EventsBuilder();
    EventChunk c = scratch;
    while (reader.nextChunk(c)) {
      int n = c.size();
      long[] t = c.t;
      int i = 0;
      while (i < n) {
        while (i < n && (t[i] < start || t[i] >= end)) {
          i++;
        }
        int from = i;
        while (i < n && t[i] >= start && t[i] < end) {
          i++;
        }
        if (i > from) {
          kept.add(c.x, c.y, c.t, c.p, from, i - from);
        }
      }
      if (kept.size() > read.maxEvents()) {
        throw new LimitExceededException(ref.source(), reader.bytePosition(), "event count in the time window",
            kept.size(), read.maxEvents());
      }
    }
    return kept.build();
  }

  public ReadOptions options() {
    return options;
  }

  public String root() {
    return root;
  }
}
