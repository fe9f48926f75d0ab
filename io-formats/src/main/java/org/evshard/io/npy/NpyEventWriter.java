package org.evshard.io.npy;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.format.EventWriter;

/**
 * Writes events as a Tonic structured NPY array. The header must state the event count, so events are collected in
 * memory and the file is written on {@link #close()}.
 */
public final class NpyEventWriter implements EventWriter {

  private final OutputStream out;
  private EventsBuilder events = new EventsBuilder();

  public NpyEventWriter(OutputStream out) {
    this.out = Objects.requireNonNull(out);
  }

  @Override
  public void write(short[] x, short[] y, long[] t, boolean[] p, int offset, int length) {
    if (events == null) {
      throw new IllegalStateException("NPY writer is closed");
    }
    Objects.checkFromIndexSize(offset, length, t.length);
    events.add(x, y, t, p, offset, length);
  }

  @Override
  public void close() throws IOException {
    if (events == null) {
      return;
    }
    var all = events.take();
    events = null;
    try (out) {
      NpyEvents.write(out, all.x(), all.y(), all.t(), all.p(), 0, all.size());
    }
  }
}
