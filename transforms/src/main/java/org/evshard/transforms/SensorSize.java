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
