package org.evshard.transforms.spec;

import static org.evshard.transforms.spec.ParamDef.choice;
import static org.evshard.transforms.spec.ParamDef.optional;
import static org.evshard.transforms.spec.ParamDef.required;
import static org.evshard.transforms.spec.ParamType.BOOL;
import static org.evshard.transforms.spec.ParamType.FLOAT;
import static org.evshard.transforms.spec.ParamType.INT;
import static org.evshard.transforms.spec.ParamType.INTS;
import static org.evshard.transforms.spec.ParamType.PAIRS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.evshard.io.events.Events;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.filter.Crop;
import org.evshard.transforms.filter.CropTime;
import org.evshard.transforms.filter.Decimate;
import org.evshard.transforms.filter.Denoise;
import org.evshard.transforms.filter.Downsample;
import org.evshard.transforms.filter.DropEvent;
import org.evshard.transforms.filter.DropPixels;
import org.evshard.transforms.filter.EventDownsampling;
import org.evshard.transforms.filter.Flip;
import org.evshard.transforms.filter.MergePolarities;
import org.evshard.transforms.filter.RefractoryPeriod;
import org.evshard.transforms.filter.SpatialJitter;
import org.evshard.transforms.filter.TimeAlign;
import org.evshard.transforms.filter.TimeJitter;
import org.evshard.transforms.filter.TimeReversal;
import org.evshard.transforms.filter.TimeSkew;
import org.evshard.transforms.filter.UniformNoise;
import org.evshard.transforms.points.PointCloud;
import org.evshard.transforms.points.SpikeVoxel;
import org.evshard.transforms.represent.AveragedTimeSurface;
import org.evshard.transforms.represent.BinaRep;
import org.evshard.transforms.represent.Frame;
import org.evshard.transforms.represent.TimeSurface;
import org.evshard.transforms.represent.VoxelGrid;
import org.evshard.transforms.slice.SliceBounds;
import org.evshard.transforms.slice.SliceRanges;
import org.evshard.transforms.slice.Slicer;
import org.evshard.transforms.spike.ImageCoding;
import org.evshard.transforms.spike.SaccadeParams;
import org.evshard.transforms.spike.SaccadeSimulator;
import org.evshard.transforms.spec.Step.EventStep;
import org.evshard.transforms.spec.Step.ImageStep;
import org.evshard.transforms.spec.Step.SliceStep;
import org.evshard.transforms.spec.Step.TensorOp;
import org.evshard.transforms.spec.Step.TensorStep;
import org.evshard.transforms.spec.TransformDef.Output;

/**
 * The one place that maps a transform name to its parameter schema and kernel. Names and parameters follow Tonic
 * (see {@code docs/TRANSFORMS.md}).
 */
public final class TransformRegistry {

  private static final Map<String, TransformDef> DEFS = build();

  private TransformRegistry() {}

  public static Collection<TransformDef> all() {
    return Collections.unmodifiableCollection(DEFS.values());
  }

  /** The definition of {@code name}; unknown names fail with up to three near names as suggestions. */
  public static TransformDef lookup(String name) {
    TransformDef d = DEFS.get(name);
    if (d == null) {
      List<String> near = nearest(name, DEFS.keySet());
      throw new UnknownTransformException("unknown transform '" + name + "'"
          + (near.isEmpty() ? "." : "; did you mean " + String.join(" or ", near) + "?")
          + " Known transforms: " + String.join(", ", DEFS.keySet()));
    }
    return d;
  }

  /**
   * Whether the tensor {@code spec} yields has a shape that follows the events, not only the sensor and the
   * parameters: one row per occupied voxel ({@code spike_voxel}), one cloud per time window with enough events
   * ({@code point_cloud}), one frame or surface per time window or event count ({@code frame(time_window|event_count)},
   * {@code timesurface}). A shard of such a chain cannot have a fixed tensor shape, whatever a probe on synthetic
   * recordings happened to give.
   */
  public static boolean shapeFollowsTheEvents(TransformSpec spec) {
    return switch (spec.name()) {
      case PointCloud.NAME, SpikeVoxel.NAME, TimeSurface.NAME -> true;
      case Frame.NAME -> spec.args().containsKey("time_window") || spec.args().containsKey("event_count");
      default -> false;
    };
  }

  /** Checks the spec's parameters against the schema and configures the kernel. */
  /**
   * Parameter names a Tonic recipe carries that evshard spells otherwise (Tonic's constructor arguments, or the names
   * its docstrings use), with where they went: no edit distance finds {@code delta} near {@code refractory_period}.
   */
  private static final Map<String, String> TONIC_SPELLINGS = Map.of(
      "refractory_period.delta", "Tonic's RefractoryPeriod(delta) is refractory_period(refractory_period=...)",
      "drop_pixels.hot_pixel_frequency", "Tonic's DropPixel(hot_pixel_frequency) is "
          + "drop_hot_pixels(hot_pixel_frequency=...); drop_pixels takes coordinates",
      "frame.spike_count", "ToFrame's spike_count is event_count here",
      "center_crop.size", "CenterCrop(size) is center_crop(width=..., height=...)",
      "random_crop.target_size", "RandomCrop(target_size) is random_crop(width=..., height=...)",
      "random_crop.size", "RandomCrop(target_size) is random_crop(width=..., height=...)");

  public static Step bind(TransformSpec spec) {
    TransformDef def = lookup(spec.name());
    Map<String, Object> converted = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (ParamDef p : def.params()) {
      names.add(p.name());
    }
    for (Map.Entry<String, Object> e : spec.args().entrySet()) {
      if (!names.contains(e.getKey())) {
        String tonic = TONIC_SPELLINGS.get(def.name() + "." + e.getKey());
        List<String> near = nearest(e.getKey(), names);
        throw new UnknownParameterException(def.name() + ": unknown parameter '" + e.getKey() + "'"
            + (tonic != null ? "; " + tonic : near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near)
                + "?") + " Usage: " + def.usage());
      }
      if (e.getValue() != null) {
        converted.put(e.getKey(), Args.convert(def.name(), def.param(e.getKey()), e.getValue()));
      }
    }
    for (ParamDef p : def.params()) {
      if (p.required() && !converted.containsKey(p.name())) {
        throw new MissingParameterException(def.name() + ": missing parameter '" + p.name() + "' (" + p.doc()
            + "). Usage: " + def.usage());
      }
    }
    Step step = def.factory().apply(new Args(def, converted));
    validate(step);
    return step;
  }

  /**
   * Every kernel checks its parameters before it looks at the events, so one call on an empty recording on a one-pixel
   * sensor rejects invalid values when the spec is parsed rather than at the first sample.
   */
  private static void validate(Step step) {
    Events none = Events.empty();
    SensorSize pixel = new SensorSize(1, 1, 2);
    if (step instanceof EventStep s) {
      s.apply(none, pixel, 0);
      s.sensorAfter(pixel); // a crop or resize to an impossible sensor
    } else if (step instanceof SliceStep s) {
      s.apply(none, pixel);
    } else if (step instanceof TensorStep s) {
      s.apply(none, pixel);
    } else if (step instanceof ImageStep s) {
      s.apply(new float[1], 1, 1, 0);
    }
  }

  static List<String> nearest(String name, Collection<String> candidates) {
    List<String> out = new ArrayList<>();
    int best = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(name.toLowerCase(java.util.Locale.ROOT), c);
      boolean related = c.startsWith(name) || name.startsWith(c) || c.contains(name) && name.length() >= 3;
      if (related) {
        d = Math.min(d, 1);
      }
      if (d > Math.max(2, name.length() / 3)) {
        continue;
      }
      if (d < best) {
        out.clear();
        best = d;
      }
      if (d == best && out.size() < 3) {
        out.add(c);
      }
    }
    return out;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static long seed(Args a, long salt) {
    long s = a.getLong("seed");
    return salt == 0 ? s : s ^ (salt * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
  }

  private static ParamDef chanceParam() {
    return optional("p", FLOAT, 0.5, "probability per sample; 0.5 as Tonic's Random* transforms, 1: always");
  }

  /**
   * {@code step} applied to a sample with probability {@code p}, as Tonic's {@code RandomFlipLR/UD/Polarity}
   * ({@code np.random.rand() <= p}, {@code inclusive}) and {@code RandomTimeReversal} ({@code < p}): one seeded draw
   * per sample; {@code p = 1} always applies without a draw.
   */
  private static EventStep chanceOf(String name, Args a, boolean inclusive, EventStep step) {
    double p = Require.inClosedRange(name, "p", a.getDouble("p"), 0, 1);
    return new EventStep() {
      public Events apply(Events e, SensorSize s, long salt) {
        if (step instanceof SensorFirst needs) { // a missing sensor is an error for every sample, drawn or not
          Require.sensor(needs.name(), s);
        }
        if (p < 1) {
          double u = new SplittableRandom(seed(a, salt)).nextDouble();
          if (inclusive ? u > p : u >= p) {
            return e;
          }
        }
        return step.apply(e, s, salt);
      }
    };
  }

  /** A step that needs the sensor size, so that {@link #chanceOf} asks for it before its draw. */
  private record SensorFirst(String name, EventStep step) implements EventStep {
    @Override
    public Events apply(Events e, SensorSize s, long salt) {
      return step.apply(e, s, salt);
    }
  }

  private static EventStep sensorFirst(String name, EventStep step) {
    return new SensorFirst(name, step);
  }

  private static ParamDef seedParam() {
    return optional("seed", INT, 0L, "seed of the SplittableRandom generator");
  }

  private static Map<String, TransformDef> build() {
    Map<String, TransformDef> m = new LinkedHashMap<>();
    // --- filters ---
    add(m, Denoise.NAME, Output.EVENTS, "drop events without a neighbour event within filter_time",
        List.of(required("filter_time", FLOAT, "microseconds")),
        a -> (EventStep) (e, s, salt) -> Denoise.apply(e, a.getDouble("filter_time")));
    add(m, RefractoryPeriod.NAME, Output.EVENTS, "drop events within refractory_period of the pixel's previous event",
        List.of(required("refractory_period", FLOAT, "microseconds")),
        a -> (EventStep) (e, s, salt) -> RefractoryPeriod.apply(e, a.getDouble("refractory_period")));
    add(m, Decimate.NAME, Output.EVENTS, "keep every n-th event of each pixel",
        List.of(required("n", INT, "keep 1 of n events per pixel")),
        a -> (EventStep) (e, s, salt) -> Decimate.apply(e, a.getLong("n")));
    add(m, DropPixels.HOT_NAME, Output.EVENTS, "drop pixels firing above hot_pixel_frequency Hz over the recording",
        List.of(required("hot_pixel_frequency", FLOAT, "events per second")),
        a -> (EventStep) (e, s, salt) -> DropPixels.dropHotPixels(e, s, a.getDouble("hot_pixel_frequency")));
    add(m, DropPixels.NAME, Output.EVENTS, "drop the events of the given pixels",
        List.of(required("coordinates", PAIRS, "[(x, y), ...]")),
        a -> (EventStep) (e, s, salt) -> DropPixels.apply(e, a.getPairs("coordinates")));
    add(m, Crop.NAME, Output.EVENTS, "keep the box [x, x+width) x [y, y+height), moved to the origin",
        List.of(required("x", INT, "left column"), required("y", INT, "top row"), required("width", INT, "pixels"),
            required("height", INT, "pixels")),
        a -> new EventStep() {
          public Events apply(Events e, SensorSize s, long salt) {
            return Crop.apply(e, a.getLong("x"), a.getLong("y"), a.getLong("width"), a.getLong("height"));
          }

          public SensorSize sensorAfter(SensorSize s) {
            return resized(Crop.NAME, s, a.getLong("width"), a.getLong("height"));
          }
        });
    add(m, Crop.CENTER_NAME, Output.EVENTS, "crop (or pad) to width x height around the sensor centre",
        List.of(required("width", INT, "pixels"), required("height", INT, "pixels")),
        a -> new EventStep() {
          public Events apply(Events e, SensorSize s, long salt) {
            return Crop.center(e, s, a.getLong("width"), a.getLong("height"));
          }

          public SensorSize sensorAfter(SensorSize s) {
            return resized(Crop.CENTER_NAME, s, a.getLong("width"), a.getLong("height"));
          }
        });
    add(m, Flip.LR, Output.EVENTS, "mirror left-right: x' = W - 1 - x", List.of(chanceParam(), seedParam()),
        a -> chanceOf(Flip.LR, a, true, sensorFirst(Flip.LR, (e, s, salt) -> Flip.lr(e, s))));
    add(m, Flip.UD, Output.EVENTS, "mirror up-down: y' = H - 1 - y", List.of(chanceParam(), seedParam()),
        a -> chanceOf(Flip.UD, a, true, sensorFirst(Flip.UD, (e, s, salt) -> Flip.ud(e, s))));
    add(m, Flip.POLARITY, Output.EVENTS, "swap ON and OFF", List.of(chanceParam(), seedParam()),
        a -> chanceOf(Flip.POLARITY, a, true, (e, s, salt) -> Flip.polarity(e)));
    add(m, Downsample.NAME, Output.EVENTS, "scale pixel coordinates and timestamps (truncating)",
        List.of(optional("spatial_factor", FLOAT, null, "factor on x and y (default 1)"),
            optional("time_factor", FLOAT, 1.0, "factor on t"),
            optional("target_size", INTS, null, "(width, height): factors target / sensor per axis, as Tonic's "
                + "target_size")),
        TransformRegistry::downsample);
    add(m, EventDownsampling.NAME, Output.EVENTS, "integrate-and-fire downsampling to target_size (Tonic's "
        + "EventDownsampling, Ghosh et al. 2023); dt in milliseconds",
        List.of(required("target_size", INTS, "(width, height) of the output sensor"),
            required("dt", FLOAT, "integration window in milliseconds, as Tonic"),
            required("noise_threshold", INT, "events a target pixel integrates before it fires (at least 1)"),
            choice("downsampling_method", List.of("integrator", "differentiator"), "differentiator: events where "
                + "the spike count grows from one window of dt to the next"),
            optional("differentiator_time_bins", INT, 2L, "integrator windows per window of dt (differentiator)")),
        TransformRegistry::eventDownsampling);
    add(m, MergePolarities.NAME, Output.EVENTS, "set every polarity to OFF; the sensor gets one polarity channel",
        List.of(), a -> new EventStep() {
          public Events apply(Events e, SensorSize s, long salt) {
            return MergePolarities.apply(e);
          }

          public SensorSize sensorAfter(SensorSize s) {
            return s == null ? null : s.withPolarities(1);
          }
        });
    add(m, TimeAlign.NAME, Output.EVENTS, "subtract the first (smallest) timestamp", List.of(),
        a -> (EventStep) (e, s, salt) -> TimeAlign.apply(e));
    add(m, TimeSkew.NAME, Output.EVENTS, "t' = trunc(t * coefficient + offset), in float64 as numpy",
        List.of(required("coefficient", FLOAT, "factor on t"),
            optional("offset", FLOAT, 0.0, "microseconds added after the factor")),
        a -> (EventStep) (e, s, salt) -> TimeSkew.apply(e, a.getDouble("coefficient"), a.getDouble("offset")));
    add(m, TimeReversal.NAME, Output.EVENTS, "t' = max(t) - t in reverse order; ON and OFF swapped",
        List.of(optional("flip_polarities", BOOL, Boolean.TRUE, "swap ON and OFF, as Tonic does by default"),
            chanceParam(), seedParam()),
        a -> chanceOf(TimeReversal.NAME, a, false,
            (e, s, salt) -> TimeReversal.apply(e, a.getBool("flip_polarities"))));
    add(m, CropTime.NAME, Output.EVENTS, "keep events with min <= t <= max",
        List.of(optional("min", INT, 0L, "microseconds, inclusive"),
            optional("max", INT, null, "microseconds, inclusive; None = no upper bound")),
        a -> (EventStep) (e, s, salt) -> CropTime.apply(e, a.getLong("min"),
            a.has("max") ? a.getLong("max") : Long.MAX_VALUE));
    // --- seeded augmentations ---
    add(m, SpatialJitter.NAME, Output.EVENTS, "add bivariate normal noise to x and y",
        List.of(optional("var_x", FLOAT, 1.0, "variance in x"), optional("var_y", FLOAT, 1.0, "variance in y"),
            optional("sigma_xy", FLOAT, 0.0, "covariance"),
            optional("clip_outliers", BOOL, Boolean.FALSE, "drop events jittered off the sensor"), seedParam()),
        a -> (EventStep) (e, s, salt) -> SpatialJitter.apply(e, s, a.getDouble("var_x"), a.getDouble("var_y"),
            a.getDouble("sigma_xy"), a.getBool("clip_outliers"), seed(a, salt)));
    add(m, TimeJitter.NAME, Output.EVENTS, "add normal noise to timestamps",
        List.of(required("std", FLOAT, "standard deviation in microseconds"),
            optional("clip_negative", BOOL, Boolean.TRUE, "drop events with negative timestamps"),
            optional("sort_timestamps", BOOL, Boolean.FALSE, "re-sort by time"), seedParam()),
        a -> (EventStep) (e, s, salt) -> TimeJitter.apply(e, a.getDouble("std"), a.getBool("clip_negative"),
            a.getBool("sort_timestamps"), seed(a, salt)));
    add(m, UniformNoise.NAME, Output.EVENTS, "add n events uniform over the sensor and the recording's time range",
        List.of(required("n", INT, "number of noise events"), seedParam()),
        a -> (EventStep) (e, s, salt) -> UniformNoise.apply(e, s, a.getLong("n"), seed(a, salt)));
    add(m, Crop.RANDOM_NAME, Output.EVENTS, "crop to width x height at a random place on the sensor",
        List.of(required("width", INT, "pixels"), required("height", INT, "pixels"), seedParam()),
        a -> new EventStep() {
          public Events apply(Events e, SensorSize s, long salt) {
            return Crop.random(e, s, a.getLong("width"), a.getLong("height"), seed(a, salt));
          }

          public SensorSize sensorAfter(SensorSize s) {
            return resized(Crop.RANDOM_NAME, s, a.getLong("width"), a.getLong("height"));
          }
        });
    add(m, DropEvent.NAME, Output.EVENTS, "drop round(p * N) events at random",
        List.of(required("p", FLOAT, "fraction of events to drop, 0..1"), seedParam()),
        a -> (EventStep) (e, s, salt) -> DropEvent.random(e, a.getDouble("p"), seed(a, salt)));
    add(m, DropEvent.BY_TIME, Output.EVENTS, "drop the events of a random time interval",
        List.of(optional("duration_ratio", FLOAT, 0.2, "interval length as a fraction of t_max, [0, 1)"),
            seedParam()),
        a -> (EventStep) (e, s, salt) -> DropEvent.byTime(e, a.getDouble("duration_ratio"), seed(a, salt)));
    add(m, DropEvent.BY_AREA, Output.EVENTS, "drop the events of a random box",
        List.of(optional("area_ratio", FLOAT, 0.2, "box side as a fraction of the sensor side, [0, 1)"),
            seedParam()),
        a -> (EventStep) (e, s, salt) -> DropEvent.byArea(e, s, a.getDouble("area_ratio"), seed(a, salt)));
    add(m, DropEvent.EVENT_DROP, Output.EVENTS, "one of: nothing, drop_event_by_time, drop_event_by_area, "
        + "drop_event, with Tonic's random ratios", List.of(seedParam()),
        a -> (EventStep) (e, s, salt) -> DropEvent.eventDrop(e, s, seed(a, salt)));
    add(m, DropPixels.RANDOM_NAME, Output.EVENTS, "drop every event of each pixel with probability p",
        List.of(required("p", FLOAT, "probability of dropping a pixel, 0..1"), seedParam()),
        a -> (EventStep) (e, s, salt) -> DropPixels.randomPixels(e, s, a.getDouble("p"), seed(a, salt)));
    // --- slicers ---
    add(m, Slicer.BY_TIME, Output.SLICES, "index ranges of time windows",
        List.of(required("time_window", INT, "microseconds"), optional("overlap", INT, 0L, "microseconds"),
            optional("include_incomplete", BOOL, Boolean.FALSE, "keep the last partial window")),
        a -> slicer((e, s) -> Slicer.byTime(e.t(), a.getLong("time_window"), a.getLong("overlap"),
            a.getBool("include_incomplete")), (n, first, last) -> SliceBounds.byTime(n, first, last,
            a.getLong("time_window"), a.getLong("overlap"), a.getBool("include_incomplete"))));
    add(m, Slicer.BY_EVENT_COUNT, Output.SLICES, "index ranges of event_count events",
        List.of(required("event_count", INT, "events per slice"), optional("overlap", INT, 0L, "events"),
            optional("include_incomplete", BOOL, Boolean.FALSE, "keep the last partial slice")),
        a -> slicer((e, s) -> Slicer.byEventCount(e.size(), a.getLong("event_count"), a.getLong("overlap"),
            a.getBool("include_incomplete")), (n, first, last) -> SliceBounds.byEventCount(n,
            a.getLong("event_count"), a.getLong("overlap"), a.getBool("include_incomplete"))));
    add(m, Slicer.BY_TIME_BINS, Output.SLICES, "index ranges of bin_count equal time windows",
        List.of(required("bin_count", INT, "number of slices"),
            optional("overlap", FLOAT, 0.0, "fraction of a bin, [0, 1)")),
        a -> slicer((e, s) -> Slicer.byTimeBins(e.t(), a.getLong("bin_count"), a.getDouble("overlap")),
            (n, first, last) -> SliceBounds.byTimeBins(n, first, last, a.getLong("bin_count"),
                a.getDouble("overlap"))));
    add(m, Slicer.BY_EVENT_BINS, Output.SLICES, "index ranges of bin_count equal event counts",
        List.of(required("bin_count", INT, "number of slices"),
            optional("overlap", FLOAT, 0.0, "fraction of a bin, [0, 1)")),
        a -> slicer((e, s) -> Slicer.byEventBins(e.size(), a.getLong("bin_count"), a.getDouble("overlap")),
            (n, first, last) -> SliceBounds.byEventBins(n, a.getLong("bin_count"), a.getDouble("overlap"))));
    // --- representations ---
    add(m, Frame.NAME, Output.TENSOR, "int16 event counts (T, P, H, W) per slice",
        List.of(optional("time_window", INT, null, "microseconds per frame"),
            optional("event_count", INT, null, "events per frame"),
            optional("n_time_bins", INT, null, "number of frames, equal time"),
            optional("n_event_bins", INT, null, "number of frames, equal event count"),
            optional("overlap", FLOAT, 0.0, "us (time_window), events (event_count) or fraction of a bin"),
            optional("include_incomplete", BOOL, Boolean.FALSE, "keep the last partial frame (time_window, "
                + "event_count)"),
            choice("split", List.of("tonic", "spikingjelly"), "spikingjelly: remainder folded into the last frame")),
        TransformRegistry::frame);
    add(m, Frame.IMAGE_NAME, Output.TENSOR, "int16 event counts (P, H, W) of all events, one image", List.of(),
        a -> (TensorStep) Frame::image);
    add(m, VoxelGrid.NAME, Output.TENSOR, "float64 (B, 1, H, W) bilinear-in-time voxel grid",
        List.of(required("n_time_bins", INT, "number of time bins B"),
            choice("scaling", List.of("tonic", "e2vid"), "e2vid: rpg_e2vid's (B-1) scaling")),
        a -> (TensorStep) (e, s) -> VoxelGrid.apply(e, s, a.getLong("n_time_bins"),
            a.getChoice("scaling").equals("e2vid") ? VoxelGrid.Scaling.E2VID : VoxelGrid.Scaling.TONIC));
    add(m, TimeSurface.NAME, Output.TENSOR, "float64 (T, P, H, W) global time surfaces every dt",
        List.of(required("dt", INT, "microseconds between surfaces"), required("tau", FLOAT, "decay, microseconds"),
            optional("overlap", INT, 0L, "microseconds"),
            optional("include_incomplete", BOOL, Boolean.FALSE, "keep the last partial window")),
        a -> {
          if (a.getLong("dt") <= 0) {
            throw InvalidParameterException.of(TimeSurface.NAME, "dt", "an integer > 0", a.getLong("dt"));
          }
          if (a.getLong("overlap") < 0 || a.getLong("overlap") >= a.getLong("dt")) {
            throw InvalidParameterException.of(TimeSurface.NAME, "overlap", "in [0, dt) with dt=" + a.getLong("dt"),
                a.getLong("overlap")); // named here: the slicer it delegates to would name time_window
          }
          return (TensorStep) (e, s) -> TimeSurface.apply(e, s, a.getLong("dt"), a.getDouble("tau"),
              a.getLong("overlap"), a.getBool("include_incomplete"));
        });
    add(m, AveragedTimeSurface.NAME, Output.TENSOR, "float32 HATS histograms (cells, P, S, S)",
        List.of(optional("cell_size", INT, 10L, "pixels per cell side"),
            optional("surface_size", INT, 5L, "odd, <= cell_size"),
            optional("time_window", FLOAT, 1e3, "microseconds"), optional("tau", FLOAT, 100.0, "microseconds"),
            choice("decay", List.of("exp", "lin"), "decay of past events")),
        a -> (TensorStep) (e, s) -> AveragedTimeSurface.apply(e, s, a.getLong("cell_size"),
            a.getLong("surface_size"), a.getDouble("time_window"), a.getDouble("tau"),
            a.getChoice("decay").equals("lin") ? AveragedTimeSurface.Decay.LIN : AveragedTimeSurface.Decay.EXP));
    add(m, BinaRep.NAME, Output.TENSOR, "float32 N-bit frames from n_frames * n_bits binary frames",
        List.of(optional("n_frames", INT, 1L, "output frames T"), optional("n_bits", INT, 8L, "bits N, 2..24")),
        a -> {
          BinaRep.checkParameters(a.getLong("n_frames"), a.getLong("n_bits"));
          return (TensorOp) tensor -> BinaRep.apply(tensor, a.getLong("n_frames"), a.getLong("n_bits"));
        });
    // --- point clouds and spike voxels (docs/POINTS.md) ---
    add(m, PointCloud.NAME, Output.TENSOR, "float32 (N, n_points, 3|4) point clouds per time window, or grouped "
        + "(N, n_groups, k, 6|7)",
        List.of(optional("window", INT, 500_000L, "microseconds per window"),
            optional("stride", INT, 250_000L, "microseconds between window starts, <= window"),
            optional("min_events", INT, 100L, "skip windows with fewer events"),
            optional("n_points", INT, 1024L, "points per window (with replacement when fewer events)"),
            optional("polarity", BOOL, Boolean.FALSE, "add polarity (1 ON, 0 OFF) as a 4th channel"),
            seedParam(), optional("n_groups", INT, 0L, "farthest-point centroids per window (0: no grouping)"),
            optional("k", INT, 0L, "nearest neighbours per centroid")),
        a -> new TensorStep() {
          public Tensor apply(Events e, SensorSize s) {
            return apply(e, s, 0L);
          }

          public Tensor apply(Events e, SensorSize s, long salt) {
            return PointCloud.apply(e, s, a.getLong("window"), a.getLong("stride"), a.getLong("min_events"),
                a.getLong("n_points"), a.getBool("polarity"), seed(a, salt), a.getLong("n_groups"), a.getLong("k"));
          }
        });
    add(m, SpikeVoxel.NAME, Output.TENSOR, "int64 (V, 6 + T) sparse spike voxels [ix, iy, it, count, on-off, "
        + "spikes, b_0..b_T-1]; after point_cloud (V, 7 + T) with the window index first",
        List.of(optional("grid", INTS, null, "bin counts (x, y, t)"),
            optional("grid_size", FLOAT, null, "voxel side in normalised units, (0, 1]"),
            optional("max_spikes", INT, 4L, "Multispike cap of the count"),
            optional("time_steps", INT, 0L, "binary spike steps T (0: none, else >= max_spikes)")),
        TransformRegistry::spikeVoxel);
    // --- still images to events (docs/POINTS.md); only first in a chain, on an image input ---
    add(m, ImageCoding.RATE, Output.EVENTS, "image -> ON events: Bernoulli spikes, probability I * max_rate per step",
        List.of(required("T", INT, "time steps"), optional("max_rate", FLOAT, 1.0, "spike probability per step at "
            + "full intensity, [0, 1]"), seedParam(), optional("dt", INT, ImageCoding.DEFAULT_DT, "microseconds per "
            + "step")),
        a -> (ImageStep) (img, w, h, salt) -> ImageCoding.rate(img, w, h, a.getLong("T"), a.getDouble("max_rate"),
            a.getLong("dt"), seed(a, salt)));
    add(m, ImageCoding.LATENCY, Output.EVENTS, "image -> ON events: one spike per pixel, brighter earlier (RC model)",
        List.of(required("T", INT, "time steps"), optional("tau", FLOAT, 1.0, "RC time constant in steps"),
            optional("threshold", FLOAT, 0.01, "intensities at or below never fire, [0, 1)"),
            optional("dt", INT, ImageCoding.DEFAULT_DT, "microseconds per step")),
        a -> (ImageStep) (img, w, h, salt) -> ImageCoding.latency(img, w, h, a.getLong("T"), a.getDouble("tau"),
            a.getDouble("threshold"), a.getLong("dt")));
    add(m, SaccadeSimulator.NAME, Output.EVENTS, "image -> DVS recording of three saccades (N-MNIST set-up)",
        List.of(seedParam(), optional("noise_rate", FLOAT, 0.0, "background events per pixel per second"),
            optional("threshold", FLOAT, 0.25, "log-intensity change that fires ON or OFF"),
            optional("refractory_period", INT, 1_000L, "microseconds of per-pixel dead time")),
        a -> {
          SaccadeParams base = SaccadeParams.nmnistLike(a.getLong("seed"));
          // by their spec names; SaccadeParams names its Java fields (noiseRate, refractoryMicros)
          Require.nonNegative(SaccadeSimulator.NAME, "noise_rate", a.getDouble("noise_rate"));
          Require.positive(SaccadeSimulator.NAME, "threshold", a.getDouble("threshold"));
          Require.nonNegative(SaccadeSimulator.NAME, "refractory_period", a.getLong("refractory_period"));
          SaccadeParams params;
          try {
            params = new SaccadeParams(base.saccades(), base.saccadeMicros(), base.amplitude(), base.stepMicros(),
                a.getDouble("threshold"), a.getDouble("threshold"), a.getLong("refractory_period"),
                a.getDouble("noise_rate"), base.seed());
          } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(SaccadeSimulator.NAME + ": " + e.getMessage());
          }
          return (ImageStep) (img, w, h, salt) -> SaccadeSimulator.simulate(img, w, h,
              params.withSeed(seed(a, salt)));
        });
    return Collections.unmodifiableMap(m);
  }

  /** The slice bounds of a recording from its totals (count, first and last timestamp). */
  private interface BoundsFromTotals {
    SliceBounds of(long count, long tFirst, long tLast);
  }

  /** A slicer that also gives its slices from a streamed recording's totals ({@link SliceBounds}). */
  private static SliceStep slicer(SliceStep held, BoundsFromTotals streamed) {
    return new SliceStep() {
      @Override
      public SliceRanges apply(Events e, SensorSize s) {
        return held.apply(e, s);
      }

      @Override
      public Optional<SliceBounds> boundsFromTotals(long count, long tFirst, long tLast) {
        return Optional.of(streamed.of(count, tFirst, tLast));
      }
    };
  }

  private static Step downsample(Args a) {
    if (a.has("spatial_factor") && a.has("target_size")) {
      throw new InvalidParameterException("downsample: give spatial_factor or target_size, not both (Tonic lets "
          + "target_size win silently)");
    }
    double time = a.getDouble("time_factor");
    if (!a.has("target_size")) {
      double f = a.has("spatial_factor") ? a.getDouble("spatial_factor") : 1.0;
      return new EventStep() {
        public Events apply(Events e, SensorSize s, long salt) {
          return Downsample.apply(e, f, time);
        }

        public SensorSize sensorAfter(SensorSize s) {
          return s == null ? null : Downsample.sensorAfter(s, f);
        }
      };
    }
    long[] size = a.getLongs("target_size");
    if (size.length != 2) {
      throw new InvalidParameterException("downsample: target_size is (width, height), got " + size.length
          + " numbers");
    }
    return new EventStep() {
      public Events apply(Events e, SensorSize s, long salt) {
        return Downsample.toSize(e, s, size[0], size[1], time);
      }

      public SensorSize sensorAfter(SensorSize s) {
        return resized(Downsample.NAME, s, size[0], size[1]);
      }
    };
  }

  private static Step eventDownsampling(Args a) {
    long[] size = a.getLongs("target_size");
    if (size.length != 2 || size[0] < 1 || size[1] < 1 || size[0] > Short.MAX_VALUE || size[1] > Short.MAX_VALUE) {
      throw new InvalidParameterException("event_downsampling: target_size is (width, height), each 1.."
          + Short.MAX_VALUE + ", got " + java.util.Arrays.toString(size));
    }
    int w = (int) size[0];
    int h = (int) size[1];
    double dt = a.getDouble("dt");
    long threshold = a.getLong("noise_threshold");
    boolean differentiator = a.getChoice("downsampling_method").equals("differentiator");
    long bins = a.getLong("differentiator_time_bins");
    double windowUs = differentiator ? dt * 1000 / bins : dt * 1000;
    if (dt > 0 && bins > 0 && windowUs < 1) { // timestamps are whole microseconds: such windows hold nothing
      throw new InvalidParameterException("event_downsampling: windows of " + windowUs + " us (dt * 1000"
          + (differentiator ? " / differentiator_time_bins" : "") + ") are shorter than the timestamps' 1 us: "
          + "give dt >= " + (differentiator ? bins / 1000.0 : 0.001) + " ms");
    }
    return new EventStep() {
      public Events apply(Events e, SensorSize s, long salt) {
        return differentiator ? EventDownsampling.differentiator(e, s, w, h, dt, threshold, bins)
            : EventDownsampling.integrator(e, s, w, h, dt, threshold);
      }

      public SensorSize sensorAfter(SensorSize s) {
        return s == null ? null : new SensorSize(w, h, 2); // ON and OFF spikes whatever the input's channels
      }
    };
  }

  private static Step spikeVoxel(Args a) {
    if (a.has("grid") == a.has("grid_size")) {
      throw new InvalidParameterException("spike_voxel: give exactly one of grid=(x, y, t) and grid_size");
    }
    long maxSpikes = a.getLong("max_spikes");
    long steps = a.getLong("time_steps");
    long[] grid = a.has("grid") ? a.getLongs("grid") : null;
    double size = grid == null ? a.getDouble("grid_size") : 0;
    // on events a representation; after an ungrouped point_cloud an operation on its points
    return new SpikeVoxelStep() {
      public Tensor apply(Events e, SensorSize s) {
        return grid != null ? SpikeVoxel.byBins(e, s, grid, maxSpikes, steps)
            : SpikeVoxel.bySize(e, s, size, maxSpikes, steps);
      }

      public Tensor apply(Tensor points) {
        return grid != null ? SpikeVoxel.pointsByBins(points, grid, maxSpikes, steps)
            : SpikeVoxel.pointsBySize(points, size, maxSpikes, steps);
      }
    };
  }

  /** A step that is a representation on events and an operation on the points of {@code point_cloud}. */
  interface SpikeVoxelStep extends TensorStep, TensorOp {}

  private static Step frame(Args a) {
    String[] modes = {"time_window", "event_count", "n_time_bins", "n_event_bins"};
    String mode = null;
    for (String k : modes) {
      if (a.has(k)) {
        if (mode != null) {
          throw new InvalidParameterException("frame: give exactly one of time_window, event_count, n_time_bins, "
              + "n_event_bins; got " + mode + " and " + k);
        }
        mode = k;
      }
    }
    if (mode == null) {
      throw new MissingParameterException("frame: give exactly one of time_window, event_count, n_time_bins, "
          + "n_event_bins");
    }
    double overlap = a.getDouble("overlap");
    boolean incomplete = a.getBool("include_incomplete");
    boolean jelly = a.getChoice("split").equals("spikingjelly");
    String m = mode;
    if (a.getLong(m) <= 0) { // checked here, so that the message names frame, not the slicer it delegates to
      throw InvalidParameterException.of(Frame.NAME, m, "an integer > 0", a.getLong(m));
    }
    if (m.equals("time_window") || m.equals("event_count")) {
      if (overlap != Math.rint(overlap)) {
        throw InvalidParameterException.of(Frame.NAME, "overlap", "an integer with " + m + " (it counts "
            + (m.equals("time_window") ? "microseconds" : "events") + ")", overlap);
      }
      if (jelly) {
        throw new InvalidParameterException("frame: split=spikingjelly applies to n_time_bins and n_event_bins only");
      }
      long ov = (long) overlap;
      long v = a.getLong(m);
      if (ov < 0 || ov >= v) { // here, so that the message names frame and its parameters, not the slicer's
        throw InvalidParameterException.of(Frame.NAME, "overlap", "in [0, " + m + ") with " + m + "=" + v, ov);
      }
      return m.equals("time_window")
          ? (TensorStep) (e, s) -> Frame.byTimeWindow(e, s, v, ov, incomplete)
          : (TensorStep) (e, s) -> Frame.byEventCount(e, s, v, ov, incomplete);
    }
    long bins = a.getLong(m);
    if (bins > Slicer.MAX_SLICES) {
      throw InvalidParameterException.of(Frame.NAME, m, "at most " + Slicer.MAX_SLICES, bins);
    }
    org.evshard.transforms.Require.inRange(Frame.NAME, "overlap", overlap, 0.0, 1.0); // a fraction of a bin
    if (jelly) {
      if (overlap != 0) {
        throw new InvalidParameterException("frame: split=spikingjelly has no overlap, got overlap=" + overlap);
      }
      return m.equals("n_time_bins")
          ? (TensorStep) (e, s) -> Frame.spikingJellyTimeBins(e, s, bins)
          : (TensorStep) (e, s) -> Frame.spikingJellyEventBins(e, s, bins);
    }
    return m.equals("n_time_bins")
        ? (TensorStep) (e, s) -> Frame.byTimeBins(e, s, bins, overlap)
        : (TensorStep) (e, s) -> Frame.byEventBins(e, s, bins, overlap);
  }

  private static SensorSize resized(String transform, SensorSize s, long width, long height) {
    return s == null ? null : SensorSize.madeBy(transform, width, height, s.polarities());
  }

  private static void add(Map<String, TransformDef> m, String name, Output output, String summary,
      List<ParamDef> params, Function<Args, Step> factory) {
    m.put(name, new TransformDef(name, output, summary, params, factory));
  }
}
