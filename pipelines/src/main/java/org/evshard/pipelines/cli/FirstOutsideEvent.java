package org.evshard.pipelines.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;

/**
 * Where the first event outside a sensor lies in a recording: its index, coordinates, timestamp and the byte offset
 * the reader had reached once it had decoded that event (the end of its record, or of the packet holding it). Found
 * with two more passes, made only when {@code evshard inspect} has seen such an event: one in the reader's chunks to
 * count the events before the chunk that holds it, then one that reads those same chunks again and the rest one event
 * at a time, so that the reader's position is that of the event.
 */
record FirstOutsideEvent(long index, int x, int y, long t, long byteOffset) {

  static Optional<FirstOutsideEvent> find(Path file, String format, ReadOptions options, SensorGeometry g)
      throws IOException {
    long before = -1; // events before the chunk that holds the first event outside
    try (EventReader reader = EventFormats.defaults().open(file, format, options)) {
      EventChunk chunk = new EventChunk(options.chunkSize());
      long seen = 0;
      while (before < 0 && reader.nextChunk(chunk)) {
        if (firstOutside(chunk, g) >= 0) {
          before = seen;
        }
        seen += chunk.size();
      }
    }
    if (before < 0) {
      return Optional.empty();
    }
    try (EventReader reader = EventFormats.defaults().open(file, format, options)) {
      EventChunk chunk = new EventChunk(options.chunkSize());
      long seen = 0;
      // the same chunks as the first pass: a reader splits a file the same way for the same chunk capacity
      while (seen < before && reader.nextChunk(chunk)) {
        seen += chunk.size();
      }
      EventChunk one = new EventChunk(1);
      while (reader.nextChunk(one)) {
        if (firstOutside(one, g) == 0) {
          return Optional.of(new FirstOutsideEvent(seen, one.x[0], one.y[0], one.t[0], reader.bytePosition()));
        }
        seen++;
      }
    }
    return Optional.empty();
  }

  /** Index in the chunk of its first event outside {@code g}, or -1. */
  private static int firstOutside(EventChunk c, SensorGeometry g) {
    for (int i = 0; i < c.size(); i++) {
      if (!g.contains(c.x[i], c.y[i])) {
        return i;
      }
    }
    return -1;
  }

  String describe() {
    return "event " + index + " (x=" + x + ", y=" + y + ", t=" + t + " us), decoded from the bytes before offset "
        + byteOffset;
  }
}
