package org.evshard.transforms.filter;

import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.TransformException;

/**
 * {@code crop(x, y, width, height)}, Tonic's {@code center_crop(width, height)} and its {@code RandomCrop} as the
 * seeded {@code random_crop(width, height)}.
 */
public final class Crop {

  public static final String NAME = "crop";
  public static final String CENTER_NAME = "center_crop";
  public static final String RANDOM_NAME = "random_crop";

  private Crop() {}

  /**
   * Keeps the events with {@code x0 <= x < x0 + width} and {@code y0 <= y < y0 + height} and moves them so the box
   * starts at (0, 0). The output sensor is {@code (width, height, P)}.
   */
  public static Events apply(Events events, long x0, long y0, long width, long height) {
    Require.nonNegative(NAME, "x", x0);
    Require.nonNegative(NAME, "y", y0);
    Require.positive(NAME, "width", width);
    Require.positive(NAME, "height", height);
    return cropAndShift(events, x0, y0, x0 + width, y0 + height, x0, y0);
  }

  /**
   * Tonic's {@code CenterCrop}: offsets {@code (W - width) // 2} and {@code (H - height) // 2} (floor division). A crop
   * larger than the sensor keeps every event of that axis and shifts it by the (negative) offset, i.e. pads. The
   * output sensor is {@code (width, height, P)}.
   */
  public static Events center(Events events, SensorSize sensor, long width, long height) {
    Require.sensor(CENTER_NAME, sensor);
    Require.positive(CENTER_NAME, "width", width);
    Require.positive(CENTER_NAME, "height", height);
    long ox = Math.floorDiv(sensor.width() - width, 2);
    long oy = Math.floorDiv(sensor.height() - height, 2);
    long sx = Math.max(ox, 0);
    long sy = Math.max(oy, 0);
    return cropAndShift(events, sx, sy, sx + width, sy + height, ox, oy);
  }

  /**
   * Tonic's {@code RandomCrop(sensor_size, target_size)}: the box's corner is {@code trunc(u * (W - width))},
   * {@code trunc(v * (H - height))} with {@code u, v} uniform in [0, 1) (Tonic's {@code int(np.random.rand() * ...)},
   * so a box narrower than the sensor never touches its right or bottom edge); seeded with {@link SplittableRandom}
   * (the same distribution as Tonic, another draw). The box must fit on the sensor; the output sensor is
   * {@code (width, height, P)}.
   */
  public static Events random(Events events, SensorSize sensor, long width, long height, long seed) {
    Require.sensor(RANDOM_NAME, sensor);
    Require.positive(RANDOM_NAME, "width", width);
    Require.positive(RANDOM_NAME, "height", height);
    if (events.isEmpty()) {
      return events; // checked first: parsing a spec runs each kernel on no events and a 1 x 1 sensor
    }
    if (width > sensor.width() || height > sensor.height()) {
      throw new TransformException(RANDOM_NAME + ": a " + width + "x" + height + " box does not fit on the "
          + sensor.width() + "x" + sensor.height() + " sensor");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    long x0 = (long) (rng.nextDouble() * (sensor.width() - width));
    long y0 = (long) (rng.nextDouble() * (sensor.height() - height));
    return cropAndShift(events, x0, y0, x0 + width, y0 + height, x0, y0);
  }

  private static Events cropAndShift(Events events, long x0, long y0, long x1, long y1, long dx, long dy) {
    short[] xs = events.x();
    short[] ys = events.y();
    int n = events.size();
    int[] keep = new int[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      int x = xs[i];
      int y = ys[i];
      if (x >= x0 && x < x1 && y >= y0 && y < y1) {
        keep[kept++] = i;
      }
    }
    long[] t = events.t();
    boolean[] p = events.p();
    short[] ox = new short[kept];
    short[] oy = new short[kept];
    long[] ot = new long[kept];
    boolean[] op = new boolean[kept];
    for (int k = 0; k < kept; k++) {
      int i = keep[k];
      ox[k] = (short) (xs[i] - dx); // in [0, width) after the shift, so within short range for width <= 32768
      oy[k] = (short) (ys[i] - dy);
      ot[k] = t[i];
      op[k] = p[i];
    }
    return Events.wrap(ox, oy, ot, op);
  }
}
