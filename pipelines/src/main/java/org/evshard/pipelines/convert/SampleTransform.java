package org.evshard.pipelines.convert;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.shard.SampleRow;
import org.evshard.io.shard.ShardLayout;
import org.evshard.io.shard.ShardTensor;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.TransformException;
import org.evshard.transforms.slice.SliceBounds;
import org.evshard.transforms.slice.SliceRanges;
import org.evshard.transforms.spec.ChainResult;
import org.evshard.transforms.spec.TransformChain;
import org.evshard.transforms.spec.TransformDef;
import org.evshard.transforms.spec.TransformRegistry;
import org.evshard.transforms.spec.TransformSpec;

/**
 * The {@code --transform} chain of a conversion, applied per decoded sample: event filters, then optionally a
 * slicer (one recording becomes one row per slice, {@code sample_id#sNNNN}, {@code slice_index} N), then (per slice)
 * more filters and optionally a representation, stored in the {@code tensor} column. A thin layer over
 * {@link TransformChain}: the specs are parsed and validated on the driver ({@link #parse}) before the pipeline
 * starts, and again (cheaply) in each worker. The sensor of a sample is {@code (sensor_width, sensor_height, 2)}.
 */
public final class SampleTransform implements Serializable {

  private static final long serialVersionUID = 1L;

  private final List<String> specs;
  private final int slicerAt; // index of the slicer in specs, -1 without one
  /** The name of the chain's last transform, which makes a tensor row (named by its size check). */
  private final String last;
  private transient TransformChain before;
  private transient TransformChain slicer;
  private transient TransformChain after;

  private SampleTransform(List<String> specs, int slicerAt) {
    this.specs = List.copyOf(specs);
    this.slicerAt = slicerAt;
    this.last = specs.isEmpty() ? "" : TransformSpec.parse(specs.get(specs.size() - 1)).name();
  }

  /**
   * Parses and validates the chain.
   *
   * @throws TransformException (an {@code IllegalArgumentException}) naming the bad spec
   */
  public static SampleTransform parse(List<String> specs) {
    int slicerAt = -1;
    for (int i = 0; i < specs.size(); i++) {
      TransformDef def = TransformRegistry.lookup(TransformSpec.parse(specs.get(i)).name());
      if (def.output() == TransformDef.Output.SLICES) {
        if (slicerAt >= 0) {
          throw new TransformException("'" + specs.get(i) + "': only one slicer per chain (already '"
              + specs.get(slicerAt) + "')");
        }
        slicerAt = i;
      }
    }
    SampleTransform t = new SampleTransform(specs, slicerAt);
    t.chains();
    TransformChain first = t.before != null ? t.before : t.slicer != null ? t.slicer : t.after;
    if (first != null && first.takesImage()) {
      throw new TransformException("'" + specs.get(0) + "' codes still images, but convert reads event recordings; "
          + "apply it to an image with 'evshard represent IMAGE' or 'evshard render IMAGE', or turn images into "
          + "recordings with 'evshard simulate IMAGE' and convert those");
    }
    return t;
  }

  public List<String> specs() {
    return specs;
  }

  public boolean slices() {
    return slicerAt >= 0;
  }

  /**
   * Whether a recording too long to hold can be sliced while streamed: the slicer must come first, so that it sees
   * the recording as the file holds it.
   */
  public boolean slicesStreamed() {
    return slicerAt == 0;
  }

  /** Why a recording too long to hold cannot be sliced while streamed with this chain. */
  String whyNotStreamed() {
    return slicerAt < 0 ? "the chain has no slicer to cut it into rows"
        : "streamed slicing needs the slicer first in the --transform chain, but '" + specs.get(0) + "' comes before '"
            + specs.get(slicerAt) + "'";
  }

  /**
   * The slices of a streamed recording from its totals, exactly those {@link #apply} cuts from the held recording.
   *
   * @throws TransformException when the chain does not start with its slicer, or the slicer rejects the totals
   */
  SliceBounds sliceBounds(RecordingTotals totals) {
    chains();
    if (!slicesStreamed()) {
      throw new TransformException(whyNotStreamed());
    }
    return slicer.sliceBounds(totals.count(), totals.tFirst(), totals.tLast());
  }

  /**
   * Row {@code slice} of a recording sliced while streamed ({@link #slicesStreamed}): the rest of the chain applied to
   * the slice's events, exactly as {@link #apply} makes that row from the held recording. {@code recording} names the
   * sample and its sensor; its events are not used.
   */
  SampleRow sliceRow(SampleRow recording, int slice, Events events, ShardLayout layout) {
    chains();
    return sliceRow(recording, slice, events, new SensorSize(recording.sensorWidth(), recording.sensorHeight(), 2),
        recording.sampleId().hashCode(), layout);
  }

  private SampleRow sliceRow(SampleRow row, int i, Events slice, SensorSize sensor, long salt, ShardLayout layout) {
    String id = String.format("%s#s%04d", row.sampleId(), i);
    ChainResult r = after == null ? ChainResult.ofEvents(slice, sensor) : after.apply(slice, sensor, salt * 31 + i);
    return toRow(row, id, i, r, layout);
  }

  private void chains() {
    if (before != null || slicer != null || after != null) {
      return;
    }
    if (slicerAt < 0) {
      after = TransformChain.parse(specs);
      return;
    }
    before = slicerAt == 0 ? null : TransformChain.parse(specs.subList(0, slicerAt));
    slicer = TransformChain.parse(specs.subList(slicerAt, slicerAt + 1));
    // filters and/or a representation per slice (a second slicer was refused above)
    after = slicerAt + 1 == specs.size() ? null : TransformChain.parse(specs.subList(slicerAt + 1, specs.size()));
  }

  /**
   * The rows of one decoded sample: one row without a slicer, one per slice with one (possibly none). Rows carry the
   * tensor when the chain ends in a representation, else the events; {@code sensor_width/height} are the sensor
   * after the chain (crops, downsampling).
   *
   * @throws RuntimeException (usually a {@link TransformException}) when a kernel rejects the sample
   */
  public List<SampleRow> apply(SampleRow row, ShardLayout layout) {
    return rows(row, layout, false);
  }

  /** {@link #apply}; with {@code probe}, only the rows of the first and last three slices. */
  private List<SampleRow> rows(SampleRow row, ShardLayout layout, boolean probe) {
    chains();
    SensorSize sensor = new SensorSize(row.sensorWidth(), row.sensorHeight(), 2);
    long salt = row.sampleId().hashCode();
    if (slicerAt < 0) {
      return List.of(toRow(row, row.sampleId(), -1, after.apply(row.events(), sensor, salt), layout));
    }
    Events events = row.events();
    if (before != null) {
      ChainResult filtered = before.apply(events, sensor, salt);
      events = filtered.events();
      sensor = filtered.sensor();
    }
    SliceRanges ranges = slicer.apply(events, sensor, salt).slices();
    int n = ranges.count();
    List<SampleRow> out = new ArrayList<>(probe ? Math.min(n, 6) : n);
    for (int i = 0; i < n; i = probe && i == 2 ? Math.max(3, n - 3) : i + 1) {
      out.add(sliceRow(row, i, events.slice(ranges.clampedStart(i), ranges.clampedStop(i)), sensor, salt, layout));
    }
    return out;
  }

  /** The row of a chain's result; a tensor row's {@code n_events} counts the events the representation received. */
  private SampleRow toRow(SampleRow row, String id, int slice, ChainResult r, ShardLayout layout) {
    SensorSize s = r.sensor() == null ? new SensorSize(row.sensorWidth(), row.sensorHeight(), 2) : r.sensor();
    return switch (r.kind()) {
      case EVENTS -> {
        requireOnSensor(r.events(), s);
        yield new SampleRow(id, row.dataset(), row.split(), row.label(), row.labelName(), row.source(),
            s.width(), s.height(), r.events(), r.events().size(), slice, null);
      }
      case TENSOR -> {
        ShardTensor t = toShard(r.tensor());
        TensorRowLimit.check(last, t);
        if (layout != null && layout.fixedShape() != null && !Arrays.equals(layout.fixedShape(), t.shape())) {
          throw new TransformException("tensor shape " + Arrays.toString(t.shape()) + " differs from the fixed "
              + "shape " + Arrays.toString(layout.fixedShape()) + " of this run");
        }
        yield new SampleRow(id, row.dataset(), row.split(), row.label(), row.labelName(), row.source(),
            s.width(), s.height(), Events.empty(), r.inputEvents(), slice, t);
      }
      case SLICES -> throw new IllegalStateException("a slicer after the slicer");
    };
  }

  /**
   * An events row holds only events on the sensor it states, as a decoded sample does ({@link SampleChecks}): a
   * chain that moves events off it ({@code spatial_jitter} keeps them, as Tonic's default does) wrote rows whose
   * events a consumer's frame indexed out of bounds, or, for negative coordinates, wrapped to the opposite border.
   */
  private void requireOnSensor(Events e, SensorSize s) {
    short[] x = e.x();
    short[] y = e.y();
    int w = s.width();
    int h = s.height();
    for (int i = 0; i < x.length; i++) {
      if ((char) x[i] >= w | (char) y[i] >= h) { // unsigned: a negative coordinate fails the same test
        throw new TransformException("after " + specs + ", event " + i + " at (x=" + x[i] + ", y=" + y[i]
            + ") lies outside the " + w + "x" + h + " sensor of its row"
            + (specs.stream().anyMatch(t -> t.startsWith("spatial_jitter")) ? " (spatial_jitter keeps the events "
            + "it moves off the sensor, as Tonic's default does: pass clip_outliers=True to drop them)" : ""));
      }
    }
  }

  /** The kernel's tensor as a shard tensor, sharing its array. */
  static ShardTensor toShard(Tensor t) {
    return switch (t.type()) {
      case INT16 -> ShardTensor.ofInt16(t.shape(), t.shorts());
      case INT64 -> ShardTensor.ofInt64(t.shape(), t.longs());
      case FLOAT32 -> ShardTensor.ofFloat32(t.shape(), t.floats());
      case FLOAT64 -> ShardTensor.ofFloat64(t.shape(), t.doubles());
    };
  }

  /**
   * The shard layout this chain produces, found by running it on two synthetic recordings (different lengths and
   * event counts) on {@code sensor} (the dataset's fixed geometry, or null when samples differ): the events layout,
   * or a tensor of the kernel's element type, with a fixed shape when the sensor is fixed, both recordings gave
   * the same shape in every row and no step's shape follows the events
   * ({@link org.evshard.transforms.spec.TransformRegistry#shapeFollowsTheEvents}: a saturated spike_voxel grid or a
   * point_cloud with no window on the probes looked fixed, and real samples of another shape were rejected).
   */
  public ShardLayout layout(SensorGeometry sensor) {
    SensorGeometry g = sensor != null ? sensor : new SensorGeometry(64, 64);
    Set<String> shapes = new LinkedHashSet<>();
    ShardTensor.Dtype dtype = null;
    boolean tensor = false;
    RuntimeException failure = null;
    for (int[] spec : new int[][] {{2_000, 1_000_000}, {5_000, 3_300_000}, {0, 0}}) {
      if (spec[0] == 0 && failure == null) {
        break; // the empty recording is only the fallback when a random one failed
      }
      List<SampleRow> rows;
      try {
        rows = probe(synthetic(g, spec[0], spec[1]));
      } catch (RuntimeException e) {
        if (spec[0] == 0) {
          throw new IllegalArgumentException("cannot tell what the transform chain " + specs + " produces: on a "
              + "synthetic " + g + " recording it fails: " + failure.getMessage(), failure);
        }
        failure = e;
        continue;
      }
      for (SampleRow r : rows) {
        if (r.tensor() != null) {
          tensor = true;
          dtype = r.tensor().dtype();
          shapes.add(Arrays.toString(r.tensor().shape()));
        }
      }
      if (rows.isEmpty()) {
        shapes.add("none");
      }
    }
    if (!tensor) {
      return ShardLayout.events();
    }
    // a chain that fails on random data (e.g. jitter out of the sensor) may still work on real samples: its
    // shape cannot be vouched for, so the tensor column is a variable-shape list
    boolean followsTheEvents = specs.stream() // one at a time: a slicer's chain is split in three parts
        .map(text -> TransformChain.parse(text).specs().get(0))
        .anyMatch(org.evshard.transforms.spec.TransformRegistry::shapeFollowsTheEvents);
    if (sensor == null || failure != null || shapes.size() != 1 || followsTheEvents) {
      return ShardLayout.tensor(dtype, null);
    }
    String only = shapes.iterator().next();
    long[] shape = Arrays.stream(only.substring(1, only.length() - 1).split(",\\s*")).mapToLong(Long::parseLong)
        .toArray();
    return ShardLayout.tensor(dtype, shape);
  }

  /**
   * The rows {@link #apply} makes of {@code row}, but with a slicer only those of the first and last three slices:
   * enough to see the shapes a chain gives (an incomplete last slice included) without computing thousands of
   * representations when the slicer's window is small against the synthetic recordings (a 1 ms window cuts 3,300
   * slices from the 3.3 s one).
   */
  private List<SampleRow> probe(SampleRow row) {
    return rows(row, null, true);
  }

  private static SampleRow synthetic(SensorGeometry g, int n, long durationUs) {
    SplittableRandom rnd = new SplittableRandom(n);
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    for (int i = 0; i < n; i++) { // n = 0: an empty recording
      x[i] = (short) rnd.nextInt(g.width());
      y[i] = (short) rnd.nextInt(g.height());
      t[i] = durationUs * i / Math.max(1, n - 1);
      p[i] = rnd.nextBoolean();
    }
    return new SampleRow("synthetic", "synthetic", "train", 0, "0", "synthetic", g.width(), g.height(),
        n == 0 ? Events.empty() : Events.wrap(x, y, t, p));
  }
}
