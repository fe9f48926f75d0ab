package org.evshard.transforms;

/** Parameter checks shared by the kernels; each failure is an {@link InvalidParameterException} naming the kernel. */
public final class Require {

  private Require() {}

  public static double finite(String transform, String name, double v) {
    if (!Double.isFinite(v)) {
      throw InvalidParameterException.of(transform, name, "a finite number", v);
    }
    return v;
  }

  public static double nonNegative(String transform, String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw InvalidParameterException.of(transform, name, "a finite number >= 0", v);
    }
    return v;
  }

  public static double positive(String transform, String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw InvalidParameterException.of(transform, name, "a finite number > 0", v);
    }
    return v;
  }

  public static long nonNegative(String transform, String name, long v) {
    if (v < 0) {
      throw InvalidParameterException.of(transform, name, "an integer >= 0", v);
    }
    return v;
  }

  public static long positive(String transform, String name, long v) {
    if (v <= 0) {
      throw InvalidParameterException.of(transform, name, "an integer > 0", v);
    }
    return v;
  }

  /** {@code lo <= v < hi}. */
  public static double inRange(String transform, String name, double v, double lo, double hi) {
    if (!(v >= lo && v < hi)) {
      throw InvalidParameterException.of(transform, name, "in [" + lo + ", " + hi + ")", v);
    }
    return v;
  }

  /** {@code lo <= v <= hi}. */
  public static double inClosedRange(String transform, String name, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi)) {
      throw InvalidParameterException.of(transform, name, "in [" + lo + ", " + hi + "]", v);
    }
    return v;
  }

  /**
   * {@code tLast - tFirst}, the span Tonic's time slicers and representations divide; past the int64 range (only for
   * timestamps of both signs near the int64 limits, which a corrupt file can hold) a {@link TransformException}
   * naming the transform, where a wrapped difference would give a wrong slicing silently.
   */
  public static long span(String transform, long tFirst, long tLast) {
    long d = tLast - tFirst;
    if (((tLast ^ tFirst) & (tLast ^ d)) < 0) { // Math.subtractExact's overflow test
      throw new TransformException(transform + ": the span from t=" + tFirst + " to t=" + tLast
          + " exceeds the int64 range");
    }
    return d;
  }

  public static <T> T sensor(String transform, T sensorSize) {
    if (sensorSize == null) {
      throw new InvalidParameterException(transform + ": needs the sensor size (width, height, polarities)");
    }
    return sensorSize;
  }

  /**
   * Throws unless {@code t[0..n)} is non-decreasing, naming the transform and the first step back: the steps that cut
   * or bin by time give empty or partial output on events out of order, as Tonic does without a word. A plain loop
   * whose branch is never taken on valid input: as fast here as a branch-free OR of the differences (about 0.4 ns per
   * event, session 30), and exact where a difference wraps past int64 (the OR missed such a step back).
   */
  public static void timeOrdered(String transform, long[] t, int n) {
    for (int i = 1; i < n; i++) {
      if (t[i] < t[i - 1]) {
        throw stepBack(transform, i, t[i], t[i - 1]);
      }
    }
  }

  /** The error of {@link #timeOrdered}, for a kernel that checks the order in a loop of its own. */
  public static TransformException stepBack(String transform, int index, long t, long before) {
    return new TransformException(transform + ": needs time-ordered events, as Tonic assumes: event " + index
        + " at t = " + t + " comes after t = " + before + " (sort them first: time_jitter(..., "
        + "sort_timestamps=True) after a jitter, or check the recording)");
  }

  /** Throws for an event with a negative coordinate (kernels that index per-pixel memory need x, y >= 0). */
  public static TransformException negativeCoordinate(String transform, int index, int x, int y) {
    return new TransformException(transform + ": event " + index + " has a negative pixel address (x=" + x + ", y="
        + y + ")");
  }

  /** Throws for an event outside the sensor. */
  public static TransformException outsideSensor(String transform, int index, int x, int y, SensorSize s) {
    return new TransformException(transform + ": event " + index + " at (x=" + x + ", y=" + y
        + ") lies outside the sensor " + s.width() + "x" + s.height());
  }
}
