package org.evshard.io.format;

import java.io.Serializable;
import java.util.Optional;
import org.evshard.io.events.SensorGeometry;

/**
 * How a reader reads: chunk size, limits checked before anything is allocated, and the sensor geometry to use when the
 * file does not state one. Immutable; change with the {@code withX} copies.
 *
 * @param chunkSize events per {@code nextChunk} call (the reusable chunk's capacity)
 * @param maxEvents most events one {@code readAll} may collect
 * @param maxHeaderBytes most bytes a text or binary header may take before the reader gives up
 * @param sensor geometry the caller knows (dataset descriptor or {@code --sensor}); null when unknown
 */
public record ReadOptions(int chunkSize, long maxEvents, int maxHeaderBytes, SensorGeometry sensor)
    implements Serializable {

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
  }

  public static ReadOptions defaults() {
    return new ReadOptions(DEFAULT_CHUNK_SIZE, DEFAULT_MAX_EVENTS, DEFAULT_MAX_HEADER_BYTES, null);
  }

  public ReadOptions withChunkSize(int n) {
    return new ReadOptions(n, maxEvents, maxHeaderBytes, sensor);
  }

  public ReadOptions withMaxEvents(long n) {
    return new ReadOptions(chunkSize, n, maxHeaderBytes, sensor);
  }

  public ReadOptions withMaxHeaderBytes(int n) {
    return new ReadOptions(chunkSize, maxEvents, n, sensor);
  }

  public ReadOptions withSensor(SensorGeometry g) {
    return new ReadOptions(chunkSize, maxEvents, maxHeaderBytes, g);
  }

  public Optional<SensorGeometry> sensorOption() {
    return Optional.ofNullable(sensor);
  }
}
