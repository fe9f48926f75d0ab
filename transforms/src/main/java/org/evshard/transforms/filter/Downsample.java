package org.evshard.transforms.filter;

import org.evshard.io.events.Events;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.TransformException;

/**
 * Tonic's {@code Downsample(spatial_factor, time_factor)}: {@code x' = trunc(x * spatial_factor)}, same for y, and
 * {@code t' = trunc(t * time_factor)} (numpy's float-to-integer cast truncates toward zero). No event is dropped.
 * Tonic's {@code Downsample(sensor_size, target_size)} form is {@link #toSize}: one factor per axis,
 * {@code target / sensor}.
 */
public final class Downsample {

  public static final String NAME = "downsample";

  private static final double INT64_LIMIT = 0x1p63;

  private Downsample() {}

  public static Events apply(Events events, double spatialFactor, double timeFactor) {
    Require.positive(NAME, "spatial_factor", spatialFactor);
    Require.positive(NAME, "time_factor", timeFactor);
    return scale(events, spatialFactor, spatialFactor, timeFactor);
  }

  /**
   * Tonic's {@code Downsample(sensor_size, target_size)}: {@code x' = trunc(x * (width / W))},
   * {@code y' = trunc(y * (height / H))} (the factors in float64, as {@code np.asarray(target_size) /
   * sensor_size[:-1]}), time as in {@link #apply}. The output sensor is {@code (width, height, P)}.
   */
  public static Events toSize(Events events, SensorSize sensor, long width, long height, double timeFactor) {
    Require.sensor(NAME, sensor);
    Require.positive(NAME, "target width", width);
    Require.positive(NAME, "target height", height);
    Require.positive(NAME, "time_factor", timeFactor);
    return scale(events, (double) width / sensor.width(), (double) height / sensor.height(), timeFactor);
  }

  private static Events scale(Events events, double fx, double fy, double timeFactor) {
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    int n = events.size();
    short[] ox = fx == 1.0 ? xs : new short[n];
    short[] oy = fy == 1.0 ? ys : new short[n];
    long[] ot = timeFactor == 1.0 ? ts : new long[n];
    if (fx != 1.0) {
      for (int i = 0; i < n; i++) {
        ox[i] = (short) (long) (xs[i] * fx);
      }
    }
    if (fy != 1.0) {
      for (int i = 0; i < n; i++) {
        oy[i] = (short) (long) (ys[i] * fy);
      }
    }
    if (timeFactor != 1.0) {
      for (int i = 0; i < n; i++) {
        double v = ts[i] * timeFactor;
        if (!(v < INT64_LIMIT && v >= -INT64_LIMIT)) { // a Java cast would saturate silently, numpy's wraps
          throw new TransformException(NAME + ": event " + i + " at t=" + ts[i] + " times time_factor=" + timeFactor
              + " is " + v + ", outside the int64 timestamp range");
        }
        ot[i] = (long) v;
      }
    }
    return Events.wrap(ox, oy, ot, events.p());
  }

  /**
   * The sensor after downsampling: just large enough for the last pixel, {@code trunc((W - 1) * f) + 1} (Tonic leaves
   * this to the user).
   */
  public static SensorSize sensorAfter(SensorSize s, double spatialFactor) {
    return SensorSize.madeBy(NAME, Math.floor((s.width() - 1) * spatialFactor) + 1,
        Math.floor((s.height() - 1) * spatialFactor) + 1, s.polarities());
  }
}
