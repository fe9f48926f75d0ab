package org.evshard.transforms.frame;

import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;

/**
 * Accumulated event image for people to look at: per pixel, ON events tint one colour and OFF events another, each
 * scaled against a high percentile of its counts so that a few hot pixels do not wash the picture out. Returns packed
 * {@code 0xRRGGBB} pixels, row-major, {@code width * height}, on a white background (ON blue-ish, OFF red-ish).
 */
public final class PreviewImage {

  private PreviewImage() {}

  public static int[] render(Events events, SensorGeometry sensor) {
    int w = sensor.width();
    int h = sensor.height();
    int[] on = new int[w * h];
    int[] off = new int[w * h];
    short[] x = events.x();
    short[] y = events.y();
    boolean[] p = events.p();
    for (int i = 0; i < events.size(); i++) {
      int xi = x[i];
      int yi = y[i];
      if (xi < 0 || yi < 0 || xi >= w || yi >= h) {
        continue;
      }
      if (p[i]) {
        on[yi * w + xi]++;
      } else {
        off[yi * w + xi]++;
      }
    }
    return render(on, off, sensor);
  }

  /**
   * The same picture from per-pixel counts ({@code y * width + x}, ON and OFF), e.g. accumulated chunk by chunk over a
   * recording too long to hold in memory.
   */
  public static int[] render(int[] on, int[] off, SensorGeometry sensor) {
    int w = sensor.width();
    int h = sensor.height();
    if (on.length != w * h || off.length != w * h) {
      throw new IllegalArgumentException("count arrays must hold " + w * h + " pixels, got " + on.length + " and "
          + off.length);
    }
    double onScale = percentile(on, 0.99);
    double offScale = percentile(off, 0.99);
    int[] rgb = new int[w * h];
    for (int i = 0; i < rgb.length; i++) {
      double a = TensorPreview.depth(on[i] / onScale, TensorPreview.COUNT_FLOOR); // one event stays visible
      double b = TensorPreview.depth(off[i] / offScale, TensorPreview.COUNT_FLOOR);
      // start from white, remove red+green for ON (-> blue), green+blue for OFF (-> red)
      double r = 1.0 - a;
      double g = 1.0 - Math.max(a, b);
      double bl = 1.0 - b;
      rgb[i] = (to8(r) << 16) | (to8(g) << 8) | to8(bl);
    }
    return rgb;
  }

  private static int to8(double v) {
    return (int) Math.round(Math.max(0.0, Math.min(1.0, v)) * 255);
  }

  /** The q-quantile of the non-zero counts, at least 1. */
  private static double percentile(int[] counts, double q) {
    int max = 0;
    int nonZero = 0;
    for (int c : counts) {
      if (c > 0) {
        nonZero++;
        max = Math.max(max, c);
      }
    }
    if (nonZero == 0) {
      return 1.0;
    }
    int[] histogram = new int[max + 1];
    for (int c : counts) {
      if (c > 0) {
        histogram[c]++;
      }
    }
    long target = (long) Math.ceil(q * nonZero);
    long seen = 0;
    for (int v = 1; v <= max; v++) {
      seen += histogram[v];
      if (seen >= target) {
        return Math.max(1.0, v);
      }
    }
    return Math.max(1.0, max);
  }
}
