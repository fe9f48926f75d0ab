package org.evshard.transforms.filter;

import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;

/**
 * Tonic's EventDrop augmentations: {@code drop_event(p)}, {@code drop_event_by_time(duration_ratio)},
 * {@code drop_event_by_area(area_ratio)} and {@code event_drop}, which picks one of them (or none) at random. Seeded
 * with {@link SplittableRandom}: deterministic per seed with Tonic's distributions, but not numpy's draws.
 */
public final class DropEvent {

  public static final String NAME = "drop_event";
  public static final String BY_TIME = "drop_event_by_time";
  public static final String BY_AREA = "drop_event_by_area";
  public static final String EVENT_DROP = "event_drop";

  private DropEvent() {}

  /** Drops exactly {@code floor(p * N + 0.5)} events chosen uniformly without replacement; keeps the order. */
  public static Events random(Events events, double p, long seed) {
    Require.inClosedRange(NAME, "p", p, 0.0, 1.0);
    int n = events.size();
    int drop = (int) (p * n + 0.5);
    SplittableRandom rng = new SplittableRandom(seed);
    int[] keep = new int[n];
    int kept = 0;
    // selection sampling (Knuth's algorithm S): each subset of `drop` indices is equally likely
    int needed = drop;
    for (int i = 0; i < n; i++) {
      if (needed > 0 && rng.nextInt(n - i) < needed) {
        needed--;
      } else {
        keep[kept++] = i;
      }
    }
    return Select.gather(events, keep, kept);
  }

  /**
   * Drops the events of one time interval of length {@code duration_ratio * t_max} starting uniformly in
   * {@code [0, t_max - length)}, both ends inclusive. As in Tonic the interval is measured from time 0, not from the
   * first event (align time first for recordings that do not start near 0).
   */
  public static Events byTime(Events events, double durationRatio, long seed) {
    Require.inRange(BY_TIME, "duration_ratio", durationRatio, 0.0, 1.0);
    int n = events.size();
    if (n == 0) {
      return events;
    }
    long[] ts = events.t();
    long tEnd = Long.MIN_VALUE;
    for (long t : ts) {
      tEnd = Math.max(tEnd, t);
    }
    double duration = tEnd * durationRatio;
    double span = tEnd - duration;
    SplittableRandom rng = new SplittableRandom(seed);
    double start = span > 0 ? rng.nextDouble(span) : span;
    double end = start + duration;
    int[] keep = new int[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      double t = ts[i];
      if (!(t >= start && t <= end)) {
        keep[kept++] = i;
      }
    }
    return Select.gather(events, keep, kept);
  }

  /**
   * Drops the events inside a box of {@code trunc(W * area_ratio)} by {@code trunc(H * area_ratio)} pixels whose top
   * left corner is uniform over the positions that keep the box on the sensor.
   */
  public static Events byArea(Events events, SensorSize sensor, double areaRatio, long seed) {
    Require.inRange(BY_AREA, "area_ratio", areaRatio, 0.0, 1.0);
    Require.sensor(BY_AREA, sensor);
    int cutW = (int) (sensor.width() * areaRatio);
    int cutH = (int) (sensor.height() * areaRatio);
    SplittableRandom rng = new SplittableRandom(seed);
    int x1 = rng.nextInt(sensor.width() - cutW);
    int y1 = rng.nextInt(sensor.height() - cutH);
    int x2 = x1 + cutW - 1;
    int y2 = y1 + cutH - 1;
    short[] xs = events.x();
    short[] ys = events.y();
    int n = events.size();
    int[] keep = new int[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      int x = xs[i];
      int y = ys[i];
      if (!(x >= x1 && y >= y1 && x <= x2 && y <= y2)) {
        keep[kept++] = i;
      }
    }
    return Select.gather(events, keep, kept);
  }

  /**
   * Tonic's {@code EventDrop(sensor_size)} (Gu et al., "EventDrop: data augmentation for event-based learning", IJCAI
   * 2021): one of four choices, equally likely: keep every event; {@link #byTime} with a ratio of k / 10; {@link #byArea}
   * with a ratio of k / 20; {@link #random} with a ratio of k / 10 (k uniform in 1..9, 1..5 and 1..9, as Tonic's
   * {@code randint(1, 10)}, {@code randint(1, 6)}, {@code randint(1, 10)}). One {@link SplittableRandom} draws the
   * choice, the ratio and the seed of the chosen kernel.
   */
  public static Events eventDrop(Events events, SensorSize sensor, long seed) {
    Require.sensor(EVENT_DROP, sensor);
    SplittableRandom rng = new SplittableRandom(seed);
    int choice = rng.nextInt(4);
    return switch (choice) {
      case 0 -> events;
      case 1 -> byTime(events, rng.nextInt(1, 10) / 10.0, rng.nextLong());
      case 2 -> byArea(events, sensor, rng.nextInt(1, 6) / 20.0, rng.nextLong());
      default -> random(events, rng.nextInt(1, 10) / 10.0, rng.nextLong());
    };
  }
}
