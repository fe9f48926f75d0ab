package org.evshard.transforms.spec;

import java.util.ArrayList;
import java.util.List;
import org.evshard.io.events.Events;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.TransformException;
import org.evshard.transforms.represent.Frame;
import org.evshard.transforms.slice.SliceBounds;
import org.evshard.transforms.spec.Step.EventStep;
import org.evshard.transforms.spec.Step.ImageStep;
import org.evshard.transforms.spec.Step.SliceStep;
import org.evshard.transforms.spec.Step.TensorOp;
import org.evshard.transforms.spec.Step.TensorStep;

/**
 * A parsed, validated sequence of transform specs, e.g. {@code ["denoise(filter_time=10000)",
 * "frame(n_time_bins=20)"]}: any number of event filters, then optionally one slicer or one representation, then
 * tensor operations ({@code bina_rep}). The entry point for the CLI and for pipeline DoFns; immutable and reusable.
 */
public final class TransformChain {

  private final List<TransformSpec> specs;
  private final List<Step> steps;

  private TransformChain(List<TransformSpec> specs, List<Step> steps) {
    this.specs = List.copyOf(specs);
    this.steps = List.copyOf(steps);
  }

  /**
   * Parses and validates every spec (syntax, names, parameters and values) and the order of the chain.
   *
   * @throws TransformException describing the first problem, naming the spec
   */
  public static TransformChain parse(List<String> specTexts) {
    List<TransformSpec> specs = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    String terminal = null; // the spec after which only tensor operations may follow
    TransformDef.Output produced = TransformDef.Output.EVENTS;
    for (String text : specTexts) {
      TransformSpec spec = TransformSpec.parse(text);
      TransformDef def = TransformRegistry.lookup(spec.name());
      Step step = TransformRegistry.bind(spec);
      if (step instanceof ImageStep && !steps.isEmpty()) {
        throw new TransformException("'" + text + "' takes a still image, so it can only come first in a chain");
      }
      if (step instanceof TransformRegistry.SpikeVoxelStep && produced != TransformDef.Output.EVENTS) {
        if (produced != TransformDef.Output.TENSOR || !TransformSpec.parse(terminal).name().equals("point_cloud")) {
          throw new TransformException("'" + text + "' cannot follow '" + terminal + "': spike_voxel takes events or "
              + "the points of an ungrouped point_cloud");
        }
        terminal = text;
      } else if (step instanceof TensorOp && !(step instanceof TensorStep)) {
        if (produced == TransformDef.Output.SLICES) {
          throw new TransformException("'" + text + "' needs frames but follows the slicer '" + terminal + "'");
        }
        if (produced == TransformDef.Output.EVENTS) {
          // Tonic's ToBinaRep follows ToFrame(n_time_bins=n_frames * n_bits); run that implicitly on events
          produced = TransformDef.Output.TENSOR;
        }
        terminal = text;
      } else if (produced != TransformDef.Output.EVENTS) {
        throw new TransformException("'" + text + "' cannot follow '" + terminal + "': after a slicer or a "
            + "representation only tensor operations (bina_rep) may come");
      } else if (def.output() != TransformDef.Output.EVENTS) {
        produced = def.output();
        terminal = text;
      }
      specs.add(spec);
      steps.add(step);
    }
    return new TransformChain(specs, steps);
  }

  public static TransformChain parse(String... specTexts) {
    return parse(List.of(specTexts));
  }

  public List<TransformSpec> specs() {
    return specs;
  }

  /** Applies the chain; {@code sensor} may be null when no step needs it. */
  public ChainResult apply(Events events, SensorSize sensor) {
    return apply(events, sensor, 0L);
  }

  /**
   * Applies the chain; {@code salt} (e.g. a hash of the sample key) varies the seeds of random augmentations per
   * sample, 0 keeps each spec's seed.
   */
  public ChainResult apply(Events events, SensorSize sensor, long salt) {
    if (takesImage()) {
      throw new TransformException("the chain starts with '" + specs.get(0) + "', which takes a still image, not "
          + "events");
    }
    return run(events, sensor, salt, 0);
  }

  /**
   * The slices of a time-ordered recording of {@code count} events from {@code tFirst} to {@code tLast} that a chain of
   * one slicer gives, computed from these totals alone (for a recording streamed rather than held): the same slices
   * as {@link #apply} gives on the whole recording.
   *
   * @throws TransformException when the chain is not one slicer, or its slicer cannot give its slices from totals
   */
  public SliceBounds sliceBounds(long count, long tFirst, long tLast) {
    if (steps.size() != 1 || !(steps.get(0) instanceof SliceStep slicer)) {
      throw new TransformException("the chain " + specs + " is not one slicer, so it has no slice bounds");
    }
    return slicer.boundsFromTotals(count, tFirst, tLast).orElseThrow(() -> new TransformException("'"
        + specs.get(0) + "' cannot compute its slices from a recording's totals, so it cannot slice a streamed "
        + "recording"));
  }

  /** Whether the chain starts with an image coding ({@code rate_code}, {@code latency_code}, {@code saccade}). */
  public boolean takesImage() {
    return !steps.isEmpty() && steps.get(0) instanceof ImageStep;
  }

  /**
   * Applies a chain that {@link #takesImage()} to a still image: grey levels in [0, 1], row-major, only read. The
   * events it makes live on a {@code width x height} sensor with two polarities.
   */
  public ChainResult applyToImage(float[] grey, int width, int height, long salt) {
    return applyToImage(grey, width, height, 2, salt);
  }

  /**
   * As {@link #applyToImage(float[], int, int, long)}, the events then read on a sensor of {@code polarities} channels
   * (1 merges ON and OFF in the steps after the coding, as {@code --sensor WxHx1} does for a recording).
   */
  public ChainResult applyToImage(float[] grey, int width, int height, int polarities, long salt) {
    if (!takesImage()) {
      throw new TransformException("the chain " + specs + " takes events; start it with rate_code, latency_code or "
          + "saccade to apply it to an image");
    }
    Events events = ((ImageStep) steps.get(0)).apply(grey, width, height, salt);
    return run(events, new SensorSize(width, height, polarities), salt, 1);
  }

  private ChainResult run(Events events, SensorSize sensor, long salt, int from) {
    Events e = events;
    SensorSize s = sensor;
    Tensor tensor = null;
    long represented = 0;
    for (int i = from; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step instanceof EventStep f) {
        e = f.apply(e, s, salt);
        s = f.sensorAfter(s);
      } else if (step instanceof SliceStep sl) {
        requireTimeOrder(specs.get(i), e);
        return ChainResult.ofSlices(sl.apply(e, s), s, e.size());
      } else if (step instanceof TensorStep r && tensor == null) {
        requireTimeOrder(specs.get(i), e);
        tensor = r.apply(e, s, salt);
        represented = e.size();
      } else if (step instanceof TensorOp op) {
        if (tensor == null) {
          TransformSpec spec = specs.get(i);
          requireTimeOrder(spec, e);
          long frames = longArg(spec, "n_frames", 1) * longArg(spec, "n_bits", 8);
          tensor = Frame.byTimeBins(e, s, frames, 0.0);
          represented = e.size();
        }
        tensor = op.apply(tensor);
      }
    }
    return tensor != null ? ChainResult.ofTensor(tensor, s, represented) : ChainResult.ofEvents(e, s);
  }

  /**
   * The steps the chain checks for time order: the slicers by time (on events out of order they gave empty or partial
   * slices, silently) and {@code bina_rep} when it makes its own frames (so that the error names it). The
   * representations that bin by time ({@code frame}, {@code voxel_grid}, {@code timesurface},
   * {@code averaged_timesurface}, {@code point_cloud}) check the order in their own loops over the events, with the
   * same message ({@link Require#stepBack}): a separate pass here cost them about a sixth of their time
   * ({@code point_cloud} a quarter).
   */
  private static final java.util.Set<String> BY_TIME = java.util.Set.of("slice_by_time", "slice_by_time_bins",
      "bina_rep");

  /**
   * Refuses events out of time order before the steps of {@link #BY_TIME}, naming the first step back: Tonic
   * assumes the order and gives garbage without a word (4 unsorted events made an all-zero frame,
   * {@code time_skew(coefficient=-1)} then {@code frame} counted 0 of 4,325), and {@code convert}'s streamed slicing
   * already refused what its held path wrote.
   */
  static void requireTimeOrder(TransformSpec spec, Events e) {
    if (BY_TIME.contains(spec.name())) {
      Require.timeOrdered(spec.name(), e.t(), e.size());
    }
  }

  private static long longArg(TransformSpec spec, String name, long dflt) {
    Object v = spec.args().get(name);
    return v instanceof Number n ? n.longValue() : dflt;
  }

  @Override
  public String toString() {
    return specs.toString();
  }
}
