package org.evshard.pipelines.convert;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import org.apache.beam.sdk.metrics.Metrics;
import org.evshard.datasets.SampleInputs;
import org.evshard.datasets.SampleRef;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.DetectedFormat;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.shard.SampleRow;
import org.evshard.transforms.OutputBudget;
import org.evshard.transforms.slice.SliceBounds;
import org.evshard.transforms.stats.EventExtent;

/**
 * Reads one sample's recording into a {@link SampleRow}: the format from the reference (or detected) with the
 * reference's format options, the geometry from the file, else the dataset, else the pipeline's
 * {@link ReadOptions#sensor()} ({@code convert --sensor}), else the events' extent; every event must lie inside it. A sample with a time window (DVS Gesture) keeps only the events with {@code start <= t < end}. Content errors are
 * {@link EvshardIoException}s naming the source and byte offset. One instance serves one thread (a DoFn instance): it
 * reuses its read buffer across samples.
 */
public final class SampleDecoder implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String root;
  private final ReadOptions options;
  private transient EventChunk scratch;
  /** Largest reused chunk {@link #growScratchFor} makes: 2^20 events, 13 MiB. */
  static final int SCRATCH_MAX_EVENTS = 1 << 20;
  private final int recordingCacheEvents;
  private final int sliceHeldEvents;
  /** Workers of this JVM that decode at once, sharing its heap ({@link OutputBudget#maxHeldEvents(int)}). */
  private final int workers;
  private transient String cachedKey;
  private transient Events cachedEvents;
  private transient SensorGeometry cachedGeometry;
  /** The cached recording's smallest and largest timestamp. */
  private transient long[] cachedSpan;

  /**
   * Prefix of the counters ({@code encoding_assumed:evt3:.raw}) that count the recordings whose format was assumed
   * while detecting it (a {@code .raw} file whose header declares no encoding, read as EVT 3.0); counted on the first
   * read of a sample only, never on the second pass of streamed slicing. {@link ConvertJob} records them.
   */
  public static final String ASSUMED_COUNTER_PREFIX = "encoding_assumed:";

  /** Largest recording kept in memory to cut several time windows from one decode (about 100 MB of columns). */
  static final int RECORDING_CACHE_EVENTS = 1 << 23;

  /**
   * Largest recording held whole to be sliced in memory when the chain starts with its slicer (about 55 MB of
   * columns); a longer one is sliced while streamed, in two passes ({@link #decodeOrMeasure}, {@link #streamSlices}).
   */
  static final int SLICE_HELD_EVENTS = 1 << 22;

  public SampleDecoder(String root, ReadOptions options) {
    this(root, options, RECORDING_CACHE_EVENTS);
  }

  /** With another limit for the recording kept to cut windows from (tests use it to force the streaming path). */
  SampleDecoder(String root, ReadOptions options, int recordingCacheEvents) {
    this(root, options, recordingCacheEvents, SLICE_HELD_EVENTS);
  }

  /**
   * With other limits for the recording kept to cut windows from and the recording held to be sliced (tests use them
   * to force the streaming paths on small files).
   */
  SampleDecoder(String root, ReadOptions options, int recordingCacheEvents, int sliceHeldEvents) {
    this(root, options, recordingCacheEvents, sliceHeldEvents, 1);
  }

  private SampleDecoder(String root, ReadOptions options, int recordingCacheEvents, int sliceHeldEvents,
      int workers) {
    this.recordingCacheEvents = recordingCacheEvents;
    this.sliceHeldEvents = sliceHeldEvents;
    this.root = root;
    this.options = options;
    this.workers = Math.max(1, workers);
  }

  /** This decoder for a JVM where {@code n} workers decode at once: each holds at most its share of the heap. */
  SampleDecoder heapSharedBy(int n) {
    return new SampleDecoder(root, options, recordingCacheEvents, sliceHeldEvents, n);
  }

  /** Why a recording over the heap's limit is rejected ({@link OutputBudget#heldEventsReason(int)}). */
  String heldEventsReason() {
    return OutputBudget.heldEventsReason(workers);
  }

  public SampleRow decode(SampleRef ref, SampleInputs inputs) throws IOException {
    Path rootPath = Paths.get(root);
    ReadOptions read = readOptionsFor(ref);
    Events e;
    SensorGeometry geometry;
    if (scratch == null) {
      scratch = new EventChunk(options.chunkSize());
    }
    Events whole = ref.hasTimeWindow() ? wholeRecording(rootPath, ref, inputs, read) : null;
    long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
    if (whole != null) {
      EventsBuilder kept = new EventsBuilder();
      keepWindow(kept, whole.x(), whole.y(), whole.t(), whole.p(), whole.size(), ref);
      e = kept.take();
      geometry = cachedGeometry;
      span = cachedSpan;
    } else {
      try (EventReader reader = open(rootPath, ref, inputs, read, true)) {
        e = ref.hasTimeWindow() ? readWindow(reader, ref, read, span) : readWhole(reader, read);
        geometry = reader.geometry().orElse(null);
      }
      growScratchFor(e.size());
    }
    if (ref.hasTimeWindow() && e.isEmpty() && span[0] <= span[1]
        && (ref.timeWindowEndUs() <= span[0] || ref.timeWindowStartUs() > span[1])) {
      throw new EvshardIoException(ref.source(), -1, "the labelled time window [" + ref.timeWindowStartUs() + ", "
          + ref.timeWindowEndUs() + ") us lies outside the recording, whose events span " + span[0] + " to "
          + span[1] + " us: no event to keep (do the labels belong to this recording?)");
    }
    return checkedRow(ref, e, geometry);
  }

  /**
   * Every event of the recording; one over the limit is rejected with its true count (the rest of the file is
   * decoded, not kept, to count it), as a time window is ({@link #readWindow}).
   */
  private Events readWhole(EventReader reader, ReadOptions read) throws IOException {
    try {
      return reader.readAll(read, scratch);
    } catch (LimitExceededException over) {
      throw reader.countingTheRest(over, scratch);
    }
  }

  /** Widens {@code span} ({@code {min, max}}) to the first {@code n} timestamps. */
  private static void widen(long[] span, long[] t, int n) {
    long lo = span[0];
    long hi = span[1];
    for (int i = 0; i < n; i++) {
      lo = Math.min(lo, t[i]);
      hi = Math.max(hi, t[i]);
    }
    span[0] = lo;
    span[1] = hi;
  }

  /**
   * Grows the reused chunk so that the next recording of {@code events} events fits in it: a recording read in one
   * chunk is copied once, in several about three times (chunks, builder, trimmed columns). At most
   * {@link #SCRATCH_MAX_EVENTS} events (13 bytes each), so one long recording cannot pin much memory.
   */
  private void growScratchFor(int events) {
    if (events > scratch.capacity() && events <= SCRATCH_MAX_EVENTS) {
      scratch = new EventChunk(Math.min(SCRATCH_MAX_EVENTS, Integer.highestOneBit(events - 1) << 1));
    }
  }

  /** The row of {@code e}, sized by {@code geometry} (null: the events' extent), once every event lies inside it. */
  private static SampleRow checkedRow(SampleRef ref, Events e, SensorGeometry geometry) {
    EventExtent extent = EventExtent.of(e);
    SensorGeometry g = geometry;
    if (g == null) {
      if (e.isEmpty()) {
        throw new EvshardIoException(ref.source(), -1, "no events and no sensor geometry: cannot size the sample");
      }
      g = new SensorGeometry(extent.width(), extent.height());
    }
    SampleChecks.requireInside(ref.source(), e, g, extent);
    return new SampleRow(ref.sampleId(), ref.dataset(), ref.split(), ref.label(), ref.labelName(), ref.source(),
        g.width(), g.height(), e);
  }

  /**
   * A sample whose chain starts with its slicer: decoded as {@link #decode} does while it has at most
   * {@code min(sliceHeldEvents, maxEvents)} events; past that its events are no longer kept and the same pass goes
   * on as the first pass of streamed slicing ({@link RecordingMeasure}): it counts them, finds the first and last
   * timestamp, and requires them time-ordered and inside the sensor. A sample with a time window is decoded as usual.
   */
  public DecodedSample decodeOrMeasure(SampleRef ref, SampleInputs inputs) throws IOException {
    if (ref.hasTimeWindow()) {
      return new DecodedSample(decode(ref, inputs), null);
    }
    ReadOptions read = readOptionsFor(ref);
    if (scratch == null) {
      scratch = new EventChunk(options.chunkSize());
    }
    long holdable = Math.min(sliceHeldEvents, read.maxEvents());
    try (EventReader reader = open(Paths.get(root), ref, inputs, read, true)) {
      RecordingMeasure measure = new RecordingMeasure(ref.source(), reader.geometry().orElse(null));
      EventsBuilder held = new EventsBuilder();
      EventChunk c = scratch;
      while (reader.nextChunk(c)) {
        measure.add(c.x, c.y, c.t, c.size(), reader.bytePosition());
        if (held != null && held.size() + (long) c.size() <= holdable) {
          held.add(c);
          continue;
        }
        held = null; // too long to hold: from here on only measured
        measure.requireTimeOrder();
      }
      SensorGeometry geometry = reader.geometry().orElse(null);
      if (held != null) {
        return new DecodedSample(checkedRow(ref, held.take(), geometry), null);
      }
      RecordingTotals totals = measure.finish(geometry);
      SensorGeometry g = totals.geometry();
      return new DecodedSample(new SampleRow(ref.sampleId(), ref.dataset(), ref.split(), ref.label(),
          ref.labelName(), ref.source(), g.width(), g.height(), Events.empty()), totals);
    }
  }

  /**
   * The second pass of streamed slicing: the slices of a recording measured by {@link #decodeOrMeasure}, read again
   * and handed out as each completes. The caller closes it.
   */
  StreamedSlices streamSlices(SampleRef ref, SampleInputs inputs, RecordingTotals totals, SliceBounds bounds)
      throws IOException {
    ReadOptions read = readOptionsFor(ref);
    if (scratch == null) {
      scratch = new EventChunk(options.chunkSize());
    }
    return new StreamedSlices(open(Paths.get(root), ref, inputs, read, false), totals, bounds, scratch,
        read.maxEvents());
  }

  /**
   * The pipeline's read options with the sample's sensor (when the dataset knows it; it replaces {@code --sensor}) and
   * format options. A reader prefers the geometry its file states to either.
   */
  ReadOptions readOptionsFor(SampleRef ref) {
    ReadOptions read = ref.sensor() == null ? options : options.withSensor(ref.sensor());
    long heldByHeap = OutputBudget.maxHeldEvents(workers); // on the worker that reads, below --max-events if need be
    if (read.maxEvents() > heldByHeap) {
      read = read.withMaxEvents(heldByHeap);
    }
    return ref.formatOptions().isEmpty() ? read : read.withFormatOptions(ref.formatOptions());
  }

  /**
   * Whether a limit a reader enforced is the heap's ({@link OutputBudget#maxHeldEvents}) rather than
   * {@code --max-events}: a recording too long for the heap is a rejected sample, not an {@link OutOfMemoryError}.
   */
  boolean heapLimited(LimitExceededException e) {
    return e.limit() < options.maxEvents() && e.limit() == OutputBudget.maxHeldEvents(workers);
  }

  /**
   * A plain file is opened in place through its format's {@link EventFormat#openPath} (HDF5 reads it by random
   * access instead of spooling a copy); an archive member is streamed. A format detected by assumption (a header-less
   * {@code .raw} file) is counted when {@code count} (the first read of the sample).
   */
  private static EventReader open(Path root, SampleRef ref, SampleInputs inputs, ReadOptions read, boolean count)
      throws IOException {
    if (!ref.inArchive()) {
      Path file = inputs.plainFile(root, ref);
      EventFormat format = ref.format() != null ? EventFormats.defaults().byName(ref.format())
          : counted(EventFormats.defaults().detection(file), ref, count);
      return format.openPath(file, ref.source(), read);
    }
    InputStream in = inputs.open(root, ref);
    try {
      return EventFormats.defaults().open(in, ref.fileName(), ref.source(), ref.format(), read,
          detected -> counted(detected, ref, count));
    } catch (IOException | RuntimeException ex) {
      in.close();
      throw ex;
    }
  }

  /** The detected format; when it was assumed and {@code count}, one more on its {@code encoding_assumed:} counter. */
  private static EventFormat counted(DetectedFormat d, SampleRef ref, boolean count) {
    if (count && d.assumed()) {
      Metrics.counter(SampleDecoder.class, ASSUMED_COUNTER_PREFIX + d.format().name() + ":"
          + extension(ref.fileName(), d.format())).inc();
    }
    return d.format();
  }

  /** The longest of {@code format}'s extensions {@code fileName} ends with (what matched it), else "". */
  static String extension(String fileName, EventFormat format) {
    String n = fileName.toLowerCase(Locale.ROOT);
    String best = "";
    for (String ext : format.extensions()) {
      if (n.endsWith(ext.toLowerCase(Locale.ROOT)) && ext.length() > best.length()) {
        best = ext.toLowerCase(Locale.ROOT);
      }
    }
    return best;
  }

  /**
   * The events of the sample's time window {@code [start, end)} (t as the file stores it), streamed: only the kept
   * events are held in memory, and {@code maxEvents} limits those; past the limit the rest is only counted, so that
   * the rejection states the window's true count (and the offset where the limit was passed). {@code span} is
   * widened to the recording's timestamps.
   */
  private Events readWindow(EventReader reader, SampleRef ref, ReadOptions read, long[] span) throws IOException {
    EventsBuilder kept = new EventsBuilder();
    EventChunk c = scratch;
    long counted = 0;
    long passedAt = -1;
    while (reader.nextChunk(c)) {
      widen(span, c.t, c.size());
      if (passedAt >= 0) {
        counted += countWindow(c.t, c.size(), ref);
        continue;
      }
      keepWindow(kept, c.x, c.y, c.t, c.p, c.size(), ref);
      if (kept.size() > read.maxEvents()) {
        passedAt = reader.bytePosition();
        counted = kept.size();
        kept = null; // no longer held
      }
    }
    if (passedAt >= 0) {
      throw new LimitExceededException(ref.source(), passedAt, "event count in the time window", counted,
          read.maxEvents());
    }
    return kept.take();
  }

  /** How many of the first {@code n} timestamps lie in {@code ref}'s window. */
  private static long countWindow(long[] t, int n, SampleRef ref) {
    long start = ref.timeWindowStartUs();
    long end = ref.timeWindowEndUs();
    long k = 0;
    for (int i = 0; i < n; i++) {
      if (t[i] >= start && t[i] < end) {
        k++;
      }
    }
    return k;
  }

  /** Appends the events of the first {@code n} with {@code start <= t < end} of {@code ref}'s window, in order. */
  private static void keepWindow(EventsBuilder kept, short[] x, short[] y, long[] t, boolean[] p, int n,
      SampleRef ref) {
    long start = ref.timeWindowStartUs();
    long end = ref.timeWindowEndUs();
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
        kept.add(x, y, t, p, from, i - from);
      }
    }
  }

  /**
   * The whole recording of a windowed sample, decoded once for all its windows (a DVS Gesture recording holds about a
   * dozen labelled windows, and {@link ShardPlan} keeps them in one shard, in order); null when it holds more than
   * {@code recordingCacheEvents} events, then each window streams the file instead.
   */
  private Events wholeRecording(Path rootPath, SampleRef ref, SampleInputs inputs, ReadOptions read)
      throws IOException {
    String key = ref.source() + "|" + ref.format() + "|" + ref.formatOptions();
    if (key.equals(cachedKey)) {
      return cachedEvents;
    }
    cachedKey = null;
    cachedEvents = null;
    ReadOptions capped = read.withMaxEvents(Math.min(read.maxEvents(), recordingCacheEvents));
    try (EventReader reader = open(rootPath, ref, inputs, capped, true)) {
      cachedEvents = reader.readAll(capped, scratch);
      cachedGeometry = reader.geometry().orElse(null);
      cachedSpan = new long[] {Long.MAX_VALUE, Long.MIN_VALUE};
      widen(cachedSpan, cachedEvents.t(), cachedEvents.size());
    } catch (LimitExceededException tooLong) {
      return null;
    }
    cachedKey = key;
    return cachedEvents;
  }

  public ReadOptions options() {
    return options;
  }

  public String root() {
    return root;
  }
}
