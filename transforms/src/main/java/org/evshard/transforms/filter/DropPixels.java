package org.evshard.transforms.filter;

import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;

/**
 * Tonic's {@code drop_pixels(coordinates)} and {@code drop_hot_pixels(hot_pixel_frequency)} (Tonic's
 * {@code DropPixel} with coordinates or with {@code identify_hot_pixel}), and its seeded augmentation
 * {@code random_drop_pixel(p)} ({@code RandomDropPixel}).
 */
public final class DropPixels {

  public static final String NAME = "drop_pixels";
  public static final String HOT_NAME = "drop_hot_pixels";
  public static final String RANDOM_NAME = "random_drop_pixel";

  private DropPixels() {}

  /** Drops every event whose {@code (x, y)} is one of {@code coordinates} (pairs {@code {x, y}}). */
  public static Events apply(Events events, int[][] coordinates) {
    for (int[] c : coordinates) {
      if (c == null || c.length != 2 || c[0] < 0 || c[1] < 0) {
        throw InvalidParameterException.of(NAME, "coordinates", "a list of (x, y) pairs with x, y >= 0",
            c == null ? "null" : java.util.Arrays.toString(c));
      }
    }
    int n = events.size();
    if (n == 0 || coordinates.length == 0) {
      return events;
    }
    int[] max = Select.maxXy(NAME, events);
    int w = max[0] + 1;
    int h = max[1] + 1;
    boolean[] drop = new boolean[w * h];
    for (int[] c : coordinates) {
      if (c[0] < w && c[1] < h) {
        drop[c[1] * w + c[0]] = true; // pixels beyond the events' extent cannot match anything
      }
    }
    return dropMarked(events, drop, w);
  }

  /**
   * Drops the events of pixels that fired more than {@code hotPixelFrequency} times per second on average over the
   * recording ({@code count > hz * (t_last - t_first) * 1e-6}, Tonic's {@code identify_hot_pixel}). Events outside
   * the sensor are neither counted nor dropped.
   */
  public static Events dropHotPixels(Events events, SensorSize sensor, double hotPixelFrequency) {
    int[][] hot = hotPixels(events, sensor, hotPixelFrequency);
    if (hot.length == 0) {
      return events;
    }
    boolean[] drop = new boolean[sensor.pixels()];
    for (int[] c : hot) {
      drop[c[1] * sensor.width() + c[0]] = true;
    }
    return dropMarkedInSensor(events, drop, sensor);
  }

  /** The {@code {x, y}} pixels that {@link #dropHotPixels} drops, in x-major order as Tonic lists them. */
  public static int[][] hotPixels(Events events, SensorSize sensor, double hotPixelFrequency) {
    Require.nonNegative(HOT_NAME, "hot_pixel_frequency", hotPixelFrequency);
    Require.sensor(HOT_NAME, sensor);
    int n = events.size();
    if (n == 0) {
      return new int[0][];
    }
    int w = sensor.width();
    int h = sensor.height();
    int[] count = new int[w * h];
    short[] xs = events.x();
    short[] ys = events.y();
    for (int i = 0; i < n; i++) {
      int x = xs[i];
      int y = ys[i];
      if (x >= 0 && y >= 0 && x < w && y < h) {
        count[y * w + x]++;
      }
    }
    long[] ts = events.t();
    double totalTime = Require.span(HOT_NAME, ts[0], ts[n - 1]);
    double maxOccur = hotPixelFrequency * totalTime * 1e-6;
    int hot = 0;
    for (int c : count) {
      if (c > maxOccur) {
        hot++;
      }
    }
    int[][] out = new int[hot][];
    int k = 0;
    for (int x = 0; x < w; x++) {
      for (int y = 0; y < h; y++) {
        if (count[y * w + x] > maxOccur) {
          out[k++] = new int[] {x, y};
        }
      }
    }
    return out;
  }

  /**
   * Tonic's {@code RandomDropPixel(p, sensor_size)}: every pixel of the sensor is dropped, with all its events, with
   * probability {@code p} ({@code np.random.rand(W, H) < p}); seeded with {@link SplittableRandom}, one draw
   * per pixel in the same x-major order (Tonic's distribution, another draw). Events outside the sensor are kept.
   */
  public static Events randomPixels(Events events, SensorSize sensor, double p, long seed) {
    Require.inClosedRange(RANDOM_NAME, "p", p, 0.0, 1.0);
    Require.sensor(RANDOM_NAME, sensor);
    if (events.isEmpty()) {
      return events;
    }
    int w = sensor.width();
    int h = sensor.height();
    boolean[] drop = new boolean[w * h];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int x = 0; x < w; x++) {
      for (int y = 0; y < h; y++) {
        drop[y * w + x] = rng.nextDouble() < p;
      }
    }
    return dropMarkedInSensor(events, drop, sensor);
  }

  private static Events dropMarked(Events events, boolean[] drop, int w) {
    short[] xs = events.x();
    short[] ys = events.y();
    int n = events.size();
    int[] keep = new int[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (!drop[ys[i] * w + xs[i]]) {
        keep[kept++] = i;
      }
    }
    return Select.gather(events, keep, kept);
  }

  private static Events dropMarkedInSensor(Events events, boolean[] drop, SensorSize s) {
    short[] xs = events.x();
    short[] ys = events.y();
    int n = events.size();
    int w = s.width();
    int h = s.height();
    int[] keep = new int[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      int x = xs[i];
      int y = ys[i];
      if (x < 0 || y < 0 || x >= w || y >= h || !drop[y * w + x]) {
        keep[kept++] = i;
      }
    }
    return Select.gather(events, keep, kept);
  }
}
