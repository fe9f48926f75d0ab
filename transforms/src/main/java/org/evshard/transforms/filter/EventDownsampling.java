package org.evshard.transforms.filter;

import java.util.Arrays;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.slice.Slicer;

/**
 * Tonic's {@code EventDownsampling} (Ghosh et al. 2023, "Insect-inspired spatio-temporal downsampling of event-based
 * input"; {@code tonic/functional/event_downsampling.py}): spatial downsampling by integrate-and-fire neurons, one per
 * target pixel, optionally followed by a differentiator. {@code dt} is in milliseconds, as in Tonic; timestamps are
 * microseconds.
 *
 * <p>{@link #integrator}: coordinates scale as {@code trunc(x * width / W)}, {@code trunc(y * height / H)}; the
 * recording is cut into windows of {@code dt * 1000} µs exactly as Tonic's {@code slice_by_time} (float64 window
 * starts {@code i * window + t0}, a last incomplete window dropped). At window {@code i} each target pixel adds its ON
 * minus OFF count to its potential; a potential {@code >= noise_threshold} emits an ON event, one {@code <=
 * -noise_threshold} an OFF event, both at {@code t = trunc(i * window)} (relative to the first event, as Tonic), and
 * the potential resets to 0. Per window the ON events come first, then the OFF events, each in row-major pixel order.
 *
 * <p>{@link #differentiator}: the integrator with windows of {@code dt / differentiator_time_bins}; per window of
 * {@code dt} each pixel counts its ON and OFF spikes; an event is emitted where a count grows from one window of
 * {@code dt} to the next, at the earlier window's time {@code trunc(j * dt * 1000)}; order by window, row, column,
 * then OFF before ON (numpy's {@code nonzero} order over {@code (T, H, W, 2)}).
 *
 * <p>Deviations, each where Tonic is degenerate or wrong: {@code noise_threshold} must be at least 1 (with 0 Tonic's
 * {@code >= 0} test makes every pixel fire ON, and every resting pixel OFF as well, at every window); the
 * differentiator counts OFF spikes (Tonic's {@code np.minimum(bool_array, 0)} is always 0, so its differentiator
 * never emits an OFF event); empty input, or no spike at all, gives no events (Tonic fails on both); events outside
 * the sensor fail (Tonic may truncate a negative coordinate to 0). Tonic's assertion that the window is shorter than
 * the last timestamp is not repeated.
 */
public final class EventDownsampling {

  public static final String NAME = "event_downsampling";

  private EventDownsampling() {}

  public static Events integrator(Events events, SensorSize sensor, int width, int height, double dtMillis,
      long noiseThreshold) {
    check(sensor, width, height, dtMillis, noiseThreshold);
    EventsBuilder out = new EventsBuilder();
    integrate(events, sensor, width, height, dtMillis * 1000, noiseThreshold, (window, x, y, on) ->
        out.add((short) x, (short) y, (long) (window * (dtMillis * 1000)), on));
    return out.size() == 0 ? Events.empty() : out.take();
  }

  public static Events differentiator(Events events, SensorSize sensor, int width, int height, double dtMillis,
      long noiseThreshold, long timeBins) {
    check(sensor, width, height, dtMillis, noiseThreshold);
    Require.positive(NAME, "differentiator_time_bins", timeBins);
    double small = dtMillis / timeBins * 1000; // Tonic divides in ms, then scales
    SpikeCounts counts = new SpikeCounts(width, height, dtMillis * 1000);
    integrate(events, sensor, width, height, small, noiseThreshold,
        (window, x, y, on) -> counts.add((long) floorDivide(window * small, counts.big), x, y, on));
    counts.close();
    return counts.out.size() == 0 ? Events.empty() : counts.out.take();
  }

  /**
   * Spike counts per pixel and polarity in the current window of {@code dt} (Tonic's {@code frame_histogram}, of which
   * only the current and the previous window are kept); a window is compared with the one before it when it closes.
   */
  private static final class SpikeCounts {
    final double big;
    final int width;
    final EventsBuilder out = new EventsBuilder();
    int[] previous; // counts of window previousIndex
    int[] current; // (H, W, 2): OFF then ON per pixel, numpy's order
    long index = -1; // the window current counts; -1 before the first spike
    long previousIndex = -1;

    SpikeCounts(int width, int height, double big) {
      this.big = big;
      this.width = width;
      previous = new int[2 * width * height];
      current = new int[2 * width * height];
    }

    void add(long window, int x, int y, boolean on) {
      if (window != index) {
        close();
        index = window;
      }
      current[2 * (y * width + x) + (on ? 1 : 0)]++;
    }

    /**
     * Emits where the current window's counts exceed the previous window's (zeros unless it is the window right
     * before), at the previous window's time, then makes the current window the previous one.
     */
    void close() {
      if (index < 0) {
        return;
      }
      if (index >= 1) {
        long t = (long) ((index - 1) * big);
        boolean adjacent = previousIndex == index - 1;
        for (int c = 0; c < current.length; c++) {
          if (current[c] > (adjacent ? previous[c] : 0)) {
            int pixel = c >>> 1;
            out.add((short) (pixel % width), (short) (pixel / width), t, (c & 1) == 1);
          }
        }
      }
      int[] swap = previous;
      previous = current;
      current = swap;
      Arrays.fill(current, 0);
      previousIndex = index;
      index = -1;
    }
  }

  /** Receives the spikes of the integrator in emission order. */
  private interface Spikes {
    void spike(long window, int x, int y, boolean on);
  }

  private static void integrate(Events events, SensorSize sensor, int width, int height, double window,
      long threshold, Spikes spikes) {
    int n = events.size();
    if (n == 0) {
      return;
    }
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    boolean[] ps = events.p();
    double fx = (double) width / sensor.width(); // np.asarray(target_size) / sensor_size[:-1]
    double fy = (double) height / sensor.height();
    long t0 = ts[0];
    double windows = Math.floor(((double) Require.span(NAME, t0, ts[n - 1]) - window) / window) + 1;
    if (windows > Integer.MAX_VALUE) {
      throw new InvalidParameterException(NAME + ": dt=" + window / 1000 + " ms cuts this recording into "
          + (long) windows + " windows, more than " + Integer.MAX_VALUE);
    }
    int count = Math.max((int) windows, 1);
    int[] columnOf = new int[sensor.width()]; // trunc(x * fx), as numpy's cast of the float64 product
    for (int x = 0; x < columnOf.length; x++) {
      columnOf[x] = (int) (long) (x * fx);
    }
    int[] rowOf = new int[sensor.height()]; // trunc(y * fy) * width
    for (int y = 0; y < rowOf.length; y++) {
      rowOf[y] = (int) (long) (y * fy) * width;
    }
    int cells = width * height;
    long[] potential = new long[cells];
    int[] touched = new int[cells + 1]; // + 1: the branchless walk writes one past the last touched pixel
    boolean[] isTouched = new boolean[cells];
    int[] off = new int[touched.length];
    for (int i = 0; i < count; i++) {
      double start = i * window + t0;
      int from = Slicer.lowerBound(ts, 0, n, start); // numpy's searchsorted, compared in float64
      int to = Slicer.lowerBound(ts, 0, n, start + window);
      int nTouched = 0;
      for (int k = from; k < to; k++) {
        int x = (char) xs[k]; // unsigned: a negative coordinate fails the same test as one past the edge
        int y = (char) ys[k];
        if (x >= sensor.width() | y >= sensor.height()) {
          throw Require.outsideSensor(NAME, k, xs[k], ys[k], sensor);
        }
        int at = rowOf[y] + columnOf[x];
        potential[at] += ps[k] ? 1 : -1;
        if (!isTouched[at]) {
          isTouched[at] = true;
          touched[nTouched++] = at;
        }
      }
      // only a touched pixel can reach the threshold: every potential is reset below it after each window;
      // row-major order by sorting the touched pixels, or, when they are many, by walking all pixels
      if (nTouched > cells >>> 4) {
        nTouched = 0;
        for (int at = 0; at < cells; at++) {
          touched[nTouched] = at;
          nTouched += isTouched[at] ? 1 : 0;
        }
      } else {
        Arrays.sort(touched, 0, nTouched);
      }
      int nOff = 0;
      for (int k = 0; k < nTouched; k++) {
        int at = touched[k];
        isTouched[at] = false;
        long v = potential[at];
        if (v >= threshold) {
          potential[at] = 0;
          spikes.spike(i, at % width, at / width, true);
        } else if (-v >= threshold) {
          potential[at] = 0;
          off[nOff++] = at;
        }
      }
      for (int k = 0; k < nOff; k++) {
        spikes.spike(i, off[k] % width, off[k] / width, false);
      }
    }
  }

  /** Python's float floor division {@code a // b} (CPython's {@code float_floor_div}), not {@code floor(a / b)}. */
  static double floorDivide(double a, double b) {
    double mod = a % b; // C's fmod
    double div = (a - mod) / b;
    if (mod != 0 && (b < 0) != (mod < 0)) {
      div -= 1.0;
    }
    if (div == 0) {
      return Math.copySign(0.0, a / b);
    }
    double floor = Math.floor(div);
    return div - floor > 0.5 ? floor + 1.0 : floor;
  }

  private static void check(SensorSize sensor, int width, int height, double dtMillis, long noiseThreshold) {
    Require.sensor(NAME, sensor);
    Require.positive(NAME, "target width", width);
    Require.positive(NAME, "target height", height);
    Require.positive(NAME, "dt", dtMillis);
    if (noiseThreshold < 1) {
      throw new InvalidParameterException(NAME + ": noise_threshold must be at least 1, got " + noiseThreshold
          + " (with 0 Tonic fires every pixel at every window)");
    }
  }
}
