package org.evshard.io.events;

import java.io.Serializable;

/**
 * Size of the pixel array that produced a recording: {@code width} columns by {@code height} rows, origin top-left.
 * Polarity is always two-valued (ON/OFF), so Tonic's {@code sensor_size} is {@code (width, height, 2)}.
 */
public record SensorGeometry(int width, int height) implements Serializable {

  /** Largest side the event model can address with its {@code short} coordinates. */
  public static final int MAX_SIDE = Short.MAX_VALUE + 1;

  public SensorGeometry {
    if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
      throw new IllegalArgumentException(
          "sensor geometry must be 1.." + MAX_SIDE + " on each side, got " + width + "x" + height);
    }
  }

  /** Parses {@code WxH} or {@code WxHx2} (Tonic's sensor_size with the polarity count). */
  public static SensorGeometry parse(String text) {
    String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("sensor geometry '" + text + "': expected WxH or WxHxP, e.g. 34x34");
    }
    try {
      int w = Integer.parseInt(parts[0].trim());
      int h = Integer.parseInt(parts[1].trim());
      if (parts.length == 3 && Integer.parseInt(parts[2].trim()) != 2) {
        throw new IllegalArgumentException("sensor geometry '" + text + "': polarity count must be 2");
      }
      return new SensorGeometry(w, h);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("sensor geometry '" + text + "': expected WxH with integers, e.g. 34x34", e);
    }
  }

  /** True when (x, y) addresses a pixel of this sensor. */
  public boolean contains(int x, int y) {
    return x >= 0 && y >= 0 && x < width && y < height;
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
