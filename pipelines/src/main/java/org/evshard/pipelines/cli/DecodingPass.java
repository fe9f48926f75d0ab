package org.evshard.pipelines.cli;

import java.io.IOException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventReader;

/**
 * One streaming pass of {@code evshard inspect} over a reader (a whole recording, or one split of it): statistics,
 * trigger count and, when a geometry is given, ON and OFF counts per pixel for the preview.
 */
final class DecodingPass {

  final StreamingStatistics stats = new StreamingStatistics();
  long triggers;
  final int[] on;
  final int[] off;
  private final SensorGeometry pixels;

  /** {@code pixels}: count events per pixel of this geometry, or null. */
  DecodingPass(SensorGeometry pixels) {
    this.pixels = pixels;
    this.on = pixels == null ? null : new int[pixels.width() * pixels.height()];
    this.off = on == null ? null : new int[on.length];
  }

  /** Reads {@code reader} to its end in chunks of {@code chunkSize}. */
  DecodingPass read(EventReader reader, int chunkSize) throws IOException {
    return read(reader, chunkSize, null);
  }

  /** Reads {@code reader} to its end in chunks of {@code chunkSize}, reporting its byte position to {@code progress}. */
  DecodingPass read(EventReader reader, int chunkSize, FileProgress progress) throws IOException {
    EventChunk chunk = new EventChunk(chunkSize);
    boolean more;
    long events = 0;
    try {
      do {
        more = reader.nextChunk(chunk);
        if (progress != null) {
          progress.update(reader.bytePosition());
        }
        triggers += reader.triggers().size();
        stats.add(chunk);
        events += chunk.size();
        if (on != null) {
          InspectCommand.accumulate(chunk, pixels, on, off);
        }
      } while (more);
    } catch (InternalError e) { // a mapped file cut while read: the fault can surface here, after nextChunk returned
      if (!org.evshard.io.error.MappedFileFault.is(e)) {
        throw e;
      }
      throw org.evshard.io.error.MappedFileFault.of(reader.sourceName(), events, e);
    }
    return this;
  }
}
