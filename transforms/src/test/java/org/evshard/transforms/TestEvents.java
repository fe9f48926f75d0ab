package org.evshard.transforms;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.evshard.io.events.Events;

/** Small event recordings for kernel tests. */
public final class TestEvents {

  private TestEvents() {}

  /** {@code n} events uniform over the sensor and {@code [0, duration)}, sorted by time. */
  public static Events random(int n, SensorSize s, long duration, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    for (int i = 0; i < n; i++) {
      t[i] = rng.nextLong(duration);
      x[i] = (short) rng.nextInt(s.width());
      y[i] = (short) rng.nextInt(s.height());
      p[i] = rng.nextBoolean();
    }
    Arrays.sort(t);
    return Events.wrap(x, y, t, p);
  }

  public static Events of(int[] x, int[] y, long[] t, boolean[] p) {
    short[] xs = new short[x.length];
    short[] ys = new short[y.length];
    for (int i = 0; i < x.length; i++) {
      xs[i] = (short) x[i];
      ys[i] = (short) y[i];
    }
    return Events.wrap(xs, ys, t.clone(), p.clone());
  }

  public static Events single(int x, int y, long t, boolean p) {
    return of(new int[] {x}, new int[] {y}, new long[] {t}, new boolean[] {p});
  }

  /** A deep copy, to compare an input against after a kernel ran. */
  public static Events copy(Events e) {
    return Events.copyOf(e.x(), e.y(), e.t(), e.p(), e.size());
  }
}
