package org.evshard.transforms.filter;

import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.transforms.Require;
import org.evshard.transforms.TransformException;

/**
 * Tonic's {@code time_jitter(std, clip_negative, sort_timestamps)}: adds a normal draw with standard deviation
 * {@code std} to each timestamp, truncating toward zero (numpy's cast to int64). {@code clip_negative} drops events
 * whose timestamp became negative; {@code sort_timestamps} re-sorts by time, stably (numpy's default argsort is not
 * stable, so Tonic's order among equal timestamps is unspecified).
 *
 * <p>Seeded with {@link SplittableRandom}: deterministic per seed, same distribution as Tonic, different draws.
 */
public final class TimeJitter {

  public static final String NAME = "time_jitter";

  private static final double INT64_LIMIT = 0x1p63;

  private TimeJitter() {}

  public static Events apply(Events events, double std, boolean clipNegative, boolean sortTimestamps, long seed) {
    Require.nonNegative(NAME, "std", std);
    SplittableRandom rng = new SplittableRandom(seed);
    int n = events.size();
    long[] ts = events.t();
    long[] jittered = new long[n];
    int[] keep = new int[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      double v = ts[i] + std * rng.nextGaussian();
      if (!(v < INT64_LIMIT && v >= -INT64_LIMIT)) { // a Java cast would saturate silently, numpy's is undefined
        throw new TransformException(NAME + ": event " + i + " at t=" + ts[i] + " jittered with std=" + std + " is "
            + v + ", outside the int64 timestamp range");
      }
      long t = (long) v;
      if (clipNegative && t < 0) {
        continue;
      }
      jittered[kept] = t;
      keep[kept++] = i;
    }
    Integer[] order = null;
    if (sortTimestamps) {
      order = new Integer[kept];
      for (int k = 0; k < kept; k++) {
        order[k] = k;
      }
      long[] key = jittered;
      java.util.Arrays.sort(order, (u, v) -> Long.compare(key[u], key[v])); // stable merge sort
    }
    short[] xs = events.x();
    short[] ys = events.y();
    boolean[] ps = events.p();
    short[] ox = new short[kept];
    short[] oy = new short[kept];
    long[] ot = new long[kept];
    boolean[] op = new boolean[kept];
    for (int k = 0; k < kept; k++) {
      int j = order == null ? k : order[k];
      int i = keep[j];
      ox[k] = xs[i];
      oy[k] = ys[i];
      ot[k] = jittered[j];
      op[k] = ps[i];
    }
    return Events.wrap(ox, oy, ot, op);
  }
}
