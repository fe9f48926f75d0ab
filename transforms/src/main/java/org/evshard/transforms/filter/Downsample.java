package org.evshard.transforms.filter;

import org.evshard.io.events.Events;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;

/**
 * Tonic's {@code Downsample(spatial_factor, time_factor)}: {@code x' = trunc(x * spatial_factor)}, same for y, and
 * {@code t' = trunc(t * time_factor)} (numpy's float-to-integer cast truncates toward zero). No event is dropped.
 */
public final class Downsample {

  public static final String NAME = "downsample";

  private Downsample() {}

  public static Events apply(Events events, double spatialFactor, double timeFactor) {
    Require.positive(NAME, "spatial_factor", spatialFactor);
    Require.positive(NAME, "time_factor", timeFactor);
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    int n = events.size();
    short[] ox = spatialFactor == 1.0 ? xs : new short[n];
    short[] oy = spatialFactor == 1.0 ? ys : new short[n];
    long[] ot = timeFactor == 1.0 ? ts : new long[n];
    if (spatialFactor != 1.0) {
      for (int i = 0; i < n; i++) {
        ox[i] = (short) (long) (xs[i] * spatialFactor);
        oy[i] = (short) (long) (ys[i] * spatialFactor);
      }
    }
    if (timeFactor != 1.0) {
      for (int i = 0; i < n; i++) {
        ot[i] = (long) (ts[i] * timeFactor);
      }
    }
    return Events.wrap(ox, oy, ot, events.p());
  }

  /**
   * The sensor after downsampling: just large enough for the last pixel, {@code trunc((W - 1) * f) + 1} (Tonic leaves
   * this to the user).
   */
  public static SensorSize sensorAfter(SensorSize s, double spatialFactor) {
    return new SensorSize((int) ((s.width() - 1) * spatialFactor) + 1, (int) ((s.height() - 1) * spatialFactor) + 1,
        s.polarities());
  }
}
