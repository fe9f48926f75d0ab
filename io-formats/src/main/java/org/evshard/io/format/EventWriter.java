package org.evshard.io.format;

import java.io.Closeable;
import java.io.IOException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;

/** Writes events to one file in a given format; closing finishes the file. */
public interface EventWriter extends Closeable {

  /** Writes {@code length} events starting at {@code offset} of the given columns. */
  void write(short[] x, short[] y, long[] t, boolean[] p, int offset, int length) throws IOException;

  default void write(Events events) throws IOException {
    write(events.x(), events.y(), events.t(), events.p(), 0, events.size());
  }

  default void write(EventChunk chunk) throws IOException {
    write(chunk.x, chunk.y, chunk.t, chunk.p, 0, chunk.size());
  }
}
