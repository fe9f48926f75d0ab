package org.evshard.io.format;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.evshard.io.events.SensorGeometry;

/**
 * How a reader reads: chunk size, limits checked before anything is allocated, the sensor geometry to use when the
 * file does not state one, and format-specific options. Immutable; change with the {@code withX} copies.
 *
 * @param chunkSize events per {@code nextChunk} call (the reusable chunk's capacity)
 * @param maxEvents most events one {@code readAll} may collect
 * @param maxHeaderBytes most bytes a text or binary header may take before the reader gives up
 * @param sensor geometry the caller knows (dataset descriptor or {@code --sensor}); null when unknown
 * @param formatOptions reader options beyond the format name, e.g. {@code axes=spikingjelly-cifar10dvs} for the AEDAT
 *     2.0 reader (a dataset's {@code SampleRef.formatOptions()}); sorted by key, never null. A format ignores keys it
 *     does not know.
 */
public record ReadOptions(int chunkSize, long maxEvents, int maxHeaderBytes, SensorGeometry sensor,
    Map<String, String> formatOptions) implements Serializable {

  public static final int DEFAULT_CHUNK_SIZE = 1 << 16;
  public static final long DEFAULT_MAX_EVENTS = 200_000_000L;
  public static final int DEFAULT_MAX_HEADER_BYTES = 1 << 20;

  public ReadOptions {
    if (chunkSize <= 0) {
      throw new IllegalArgumentException("chunkSize must be positive, got " + chunkSize);
    }
    if (maxEvents <= 0) {
      throw new IllegalArgumentException("maxEvents must be positive, got " + maxEvents);
    }
    if (maxHeaderBytes <= 0) {
      throw new IllegalArgumentException("maxHeaderBytes must be positive, got " + maxHeaderBytes);
    }
    formatOptions = sortedCopy(formatOptions);
  }

  /** Without format options (the original four-field form). */
  public ReadOptions(int chunkSize, long maxEvents, int maxHeaderBytes, SensorGeometry sensor) {
    this(chunkSize, maxEvents, maxHeaderBytes, sensor, Map.of());
  }

  public static ReadOptions defaults() {
    return new ReadOptions(DEFAULT_CHUNK_SIZE, DEFAULT_MAX_EVENTS, DEFAULT_MAX_HEADER_BYTES, null, Map.of());
  }

  public ReadOptions withChunkSize(int n) {
    return new ReadOptions(n, maxEvents, maxHeaderBytes, sensor, formatOptions);
  }

  public ReadOptions withMaxEvents(long n) {
    return new ReadOptions(chunkSize, n, maxHeaderBytes, sensor, formatOptions);
  }

  public ReadOptions withMaxHeaderBytes(int n) {
    return new ReadOptions(chunkSize, maxEvents, n, sensor, formatOptions);
  }

  public ReadOptions withSensor(SensorGeometry g) {
    return new ReadOptions(chunkSize, maxEvents, maxHeaderBytes, g, formatOptions);
  }

  /** A copy with these format options (replacing the current ones). */
  public ReadOptions withFormatOptions(Map<String, String> options) {
    return new ReadOptions(chunkSize, maxEvents, maxHeaderBytes, sensor, options);
  }

  public Optional<SensorGeometry> sensorOption() {
    return Optional.ofNullable(sensor);
  }

  /** The format option {@code key}, or null when not given. */
  public String formatOption(String key) {
    return formatOptions.get(key);
  }

  private static Map<String, String> sortedCopy(Map<String, String> m) {
    if (m == null || m.isEmpty()) {
      return Collections.emptyMap();
    }
    TreeMap<String, String> copy = new TreeMap<>();
    m.forEach((k, v) -> {
      if (k == null || v == null) {
        throw new IllegalArgumentException("format options must not hold null keys or values, got " + k + "=" + v);
      }
      copy.put(k, v);
    });
    return Collections.unmodifiableMap(copy);
  }
}
