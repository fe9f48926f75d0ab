package org.evshard.transforms.filter;

import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.transforms.OutputBudget;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;

/**
 * Tonic's {@code uniform_noise(n)}: adds {@code n} events uniform over the sensor ({@code 0 <= x < W},
 * {@code 0 <= y < H}), over {@code [t_min, t_max)} of the recording, then orders all events by time. Ties keep the
 * recording's events first (a stable merge; numpy's argsort is not stable).
 *
 * <p>Deviation: Tonic draws the polarity as a float in {@code [0, P)} and casts it to bool, which makes almost every
 * noise event ON; evshard draws ON/OFF with equal probability for {@code P = 2} and OFF for {@code P = 1}. An empty
 * recording has no time range, so nothing is added to it. Seeded with {@link SplittableRandom} (deterministic per
 * seed; numpy's draws cannot be reproduced).
 */
public final class UniformNoise {

  public static final String NAME = "uniform_noise";

  private UniformNoise() {}

  public static Events apply(Events events, SensorSize sensor, long n, long seed) {
    Require.nonNegative(NAME, "n", n);
    Require.sensor(NAME, sensor);
    int size = events.size();
    if (size == 0 || n == 0) {
      return events;
    }
    if (n > Integer.MAX_VALUE - 8 - size) {
      throw org.evshard.transforms.InvalidParameterException.of(NAME, "n", "at most " + (Integer.MAX_VALUE - 8 - size)
          + " for a recording of " + size + " events", n);
    }
    // the noise's own columns (13 bytes an event) and the merged recording (13 more for each event)
    OutputBudget.check(NAME, n + " noise events added to " + size, ((long) size + 2 * n) * OutputBudget.EVENT_BYTES);
    int m = (int) n;
    long[] ts = events.t();
    long tMin = Long.MAX_VALUE;
    long tMax = Long.MIN_VALUE;
    for (long t : ts) {
      tMin = Math.min(tMin, t);
      tMax = Math.max(tMax, t);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    long[] nt = new long[m];
    double lo = tMin;
    double hi = tMax;
    for (int k = 0; k < m; k++) {
      // in float64 as numpy draws; timestamps 2^53 apart or more may round to one double (nextDouble then refused
      // its empty range) or just outside [tMin, tMax]: kept inside
      nt[k] = hi > lo ? Math.min(Math.max((long) rng.nextDouble(lo, hi), tMin), tMax) : tMin;
    }
    java.util.Arrays.sort(nt);
    short[] nx = new short[m];
    short[] ny = new short[m];
    boolean[] np = new boolean[m];
    for (int k = 0; k < m; k++) {
      nx[k] = (short) rng.nextInt(sensor.width());
      ny[k] = (short) rng.nextInt(sensor.height());
      np[k] = sensor.polarities() == 2 && rng.nextBoolean();
    }
    // sort the recording's events by time (stable) if needed, then merge
    int[] order = StableOrder.byTime(ts);
    short[] xs = events.x();
    short[] ys = events.y();
    boolean[] ps = events.p();
    int total = size + m;
    short[] ox = new short[total];
    short[] oy = new short[total];
    long[] ot = new long[total];
    boolean[] op = new boolean[total];
    int a = 0;
    int b = 0;
    for (int k = 0; k < total; k++) {
      if (b >= m || (a < size && ts[order == null ? a : order[a]] <= nt[b])) {
        int i = order == null ? a : order[a];
        ox[k] = xs[i];
        oy[k] = ys[i];
        ot[k] = ts[i];
        op[k] = ps[i];
        a++;
      } else {
        ox[k] = nx[b];
        oy[k] = ny[b];
        ot[k] = nt[b];
        op[k] = np[b];
        b++;
      }
    }
    return Events.wrap(ox, oy, ot, op);
  }
}
