package org.evshard.transforms;

import org.evshard.io.events.SensorGeometry;

/**
 * Tonic's {@code sensor_size}: {@code (width, height, polarities)}. {@code polarities} is 2 (ON and OFF kept apart) or 1
 * (all polarities merged into one channel, as Tonic does when {@code sensor_size[2] == 1}).
 */
public record SensorSize(int width, int height, int polarities) {

  public SensorSize {
    if (width <= 0 || height <= 0 || width > SensorGeometry.MAX_SIDE || height > SensorGeometry.MAX_SIDE) {
      throw new InvalidParameterException("sensor size must be 1.." + SensorGeometry.MAX_SIDE
          + " pixels on each side, got " + width + "x" + height);
    }
    if (polarities != 1 && polarities != 2) {
      throw new InvalidParameterException("sensor size polarity count must be 1 or 2, got " + polarities);
    }
  }

  /**
   * The output sensor of {@code transform} (a crop, a resize): a side outside 1..{@link SensorGeometry#MAX_SIDE}
   * fails naming the transform and the size it asked for, not a clamped one.
   */
  public static SensorSize madeBy(String transform, long width, long height, int polarities) {
    if (width < 1 || height < 1 || width > SensorGeometry.MAX_SIDE || height > SensorGeometry.MAX_SIDE) {
      throw tooLarge(transform, Long.toString(width), Long.toString(height));
    }
    return new SensorSize((int) width, (int) height, polarities);
  }

  /** {@link #madeBy(String, long, long, int)} for sides computed by a factor, which may be past the int64 range. */
  public static SensorSize madeBy(String transform, double width, double height, int polarities) {
    if (!(width >= 1 && height >= 1 && width <= SensorGeometry.MAX_SIDE && height <= SensorGeometry.MAX_SIDE)) {
      throw tooLarge(transform, side(width), side(height));
    }
    return new SensorSize((int) width, (int) height, polarities);
  }

  private static InvalidParameterException tooLarge(String transform, String width, String height) {
    return new InvalidParameterException(transform + ": the output sensor would be " + width + "x" + height
        + " pixels; each side must be 1.." + SensorGeometry.MAX_SIDE);
  }

  private static String side(double v) {
    return v == Math.rint(v) && Math.abs(v) < 0x1p53 ? Long.toString((long) v) : Double.toString(v);
  }

  public static SensorSize of(SensorGeometry geometry) {
    return new SensorSize(geometry.width(), geometry.height(), 2);
  }

  /** Pixels in one polarity plane. */
  public int pixels() {
    return width * height;
  }

  public SensorSize withPolarities(int p) {
    return new SensorSize(width, height, p);
  }

  @Override
  public String toString() {
    return "(" + width + ", " + height + ", " + polarities + ")";
  }
}
