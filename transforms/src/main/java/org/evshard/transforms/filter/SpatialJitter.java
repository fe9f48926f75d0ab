package org.evshard.transforms.filter;

import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;

/**
 * Tonic's {@code spatial_jitter(var_x, var_y, sigma_xy, clip_outliers)}: adds a draw of a zero-mean bivariate normal
 * with covariance {@code [[var_x, sigma_xy], [sigma_xy, var_y]]} to each (x, y) and truncates toward zero as numpy's
 * cast to int16 does (so on the sensor, where coordinates are positive, the jitter is floored: a mean shift of
 * -1/2 pixel, exactly as in Tonic). With {@code clip_outliers} events that land outside the sensor are dropped; without it,
 * coordinates saturate at the int16 range instead of wrapping.
 *
 * <p>Seeded with {@link SplittableRandom}: the same seed gives the same output, but the draws cannot match numpy's
 * generator, so only the distribution is Tonic's.
 */
public final class SpatialJitter {

  public static final String NAME = "spatial_jitter";

  private SpatialJitter() {}

  public static Events apply(Events events, SensorSize sensor, double varX, double varY, double sigmaXy,
      boolean clipOutliers, long seed) {
    Require.nonNegative(NAME, "var_x", varX);
    Require.nonNegative(NAME, "var_y", varY);
    Require.finite(NAME, "sigma_xy", sigmaXy);
    if (sigmaXy * sigmaXy > varX * varY) {
      throw new InvalidParameterException(NAME + ": covariance [[var_x, sigma_xy], [sigma_xy, var_y]] must be positive "
          + "semi-definite (sigma_xy^2 <= var_x * var_y), got var_x=" + varX + " var_y=" + varY + " sigma_xy=" + sigmaXy);
    }
    if (clipOutliers) {
      Require.sensor(NAME, sensor);
    }
    // Cholesky factor of the covariance: (a 0; b c)
    double a = Math.sqrt(varX);
    double b = a == 0 ? 0 : sigmaXy / a;
    double c = Math.sqrt(Math.max(0, varY - b * b));
    SplittableRandom rng = new SplittableRandom(seed);
    int n = events.size();
    short[] xs = events.x();
    short[] ys = events.y();
    short[] ox = new short[n];
    short[] oy = new short[n];
    int[] keep = new int[n];
    int kept = 0;
    int w = clipOutliers ? sensor.width() : 0;
    int h = clipOutliers ? sensor.height() : 0;
    for (int i = 0; i < n; i++) {
      double z1 = rng.nextGaussian();
      double z2 = rng.nextGaussian();
      long x = (long) (xs[i] + a * z1);
      long y = (long) (ys[i] + b * z1 + c * z2);
      if (clipOutliers && (x < 0 || x >= w || y < 0 || y >= h)) {
        continue;
      }
      ox[kept] = saturate(x);
      oy[kept] = saturate(y);
      keep[kept++] = i;
    }
    long[] ts = events.t();
    boolean[] ps = events.p();
    long[] ot = new long[kept];
    boolean[] op = new boolean[kept];
    for (int k = 0; k < kept; k++) {
      ot[k] = ts[keep[k]];
      op[k] = ps[keep[k]];
    }
    return Events.wrap(java.util.Arrays.copyOf(ox, kept), java.util.Arrays.copyOf(oy, kept), ot, op);
  }

  private static short saturate(long v) {
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
  }
}
