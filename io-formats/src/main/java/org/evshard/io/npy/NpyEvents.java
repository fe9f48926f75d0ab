package org.evshard.io.npy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.evshard.io.events.Events;
import org.evshard.io.format.ReadOptions;

/** Whole-file helpers for event arrays in Tonic's structured NPY dtype. */
public final class NpyEvents {

  /** Bytes per event record: x int16, y int16, t int64, p bool, packed. */
  static final int RECORD = 13;
  private static final int BLOCK_RECORDS = 1 << 14;

  private NpyEvents() {}

  /** Reads every event of an NPY event file with the default limits. */
  public static Events read(Path file) throws IOException {
    return read(file, ReadOptions.defaults());
  }

  public static Events read(Path file, ReadOptions options) throws IOException {
    try (NpyEventReader r = new NpyEventReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
        file.toString(), options)) {
      return r.readAll(options);
    }
  }

  /** Writes {@code events} as {@code np.save} writes a Tonic event array; byte-identical to numpy's output. */
  public static void write(Path file, Events events) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      write(out, events.x(), events.y(), events.t(), events.p(), 0, events.size());
    }
  }

  /** Writes the header and {@code length} records of the given columns to {@code out} (not closed). */
  public static void write(OutputStream out, short[] x, short[] y, long[] t, boolean[] p, int offset, int length)
      throws IOException {
    out.write(NpyHeader.of(NpyDtype.TONIC_EVENTS, new long[] {length}).toBytes());
    byte[] block = new byte[Math.min(length, BLOCK_RECORDS) * RECORD];
    for (int from = 0; from < length; from += BLOCK_RECORDS) {
      int n = Math.min(BLOCK_RECORDS, length - from);
      encode(x, y, t, p, offset + from, n, block);
      out.write(block, 0, n * RECORD);
    }
  }

  /** Encodes {@code n} events from index {@code from} as Tonic records into {@code block}. */
  static void encode(short[] x, short[] y, long[] t, boolean[] p, int from, int n, byte[] block) {
    for (int i = 0; i < n; i++) {
      int r = i * RECORD;
      int e = from + i;
      NpyCodec.writeShortLe(block, r, x[e]);
      NpyCodec.writeShortLe(block, r + 2, y[e]);
      NpyCodec.writeLongLe(block, r + 4, t[e]);
      block[r + 12] = (byte) (p[e] ? 1 : 0);
    }
  }
}
