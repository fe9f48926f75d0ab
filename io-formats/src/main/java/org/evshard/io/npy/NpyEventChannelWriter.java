package org.evshard.io.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import org.evshard.io.format.EventWriter;

/**
 * Writes events as a Tonic structured NPY array into a seekable channel, streamed: records go out as they come, after
 * a header of the one size every count gives ({@link #HEADER_BYTES}), and {@link #close()} writes the header with the
 * count in front. The file is byte-identical to {@code np.save}'s; memory stays at one block whatever the count. The
 * channel is not closed. (For a plain stream, {@link NpyEventWriter} collects the events instead.)
 */
public final class NpyEventChannelWriter implements EventWriter {

  /**
   * Bytes of the header of a Tonic event array, whatever its length: {@code np.save} pads the header to a multiple of
   * 64 bytes, and a count of 1 to 19 digits fits in the same 128.
   */
  static final int HEADER_BYTES = NpyHeader.of(NpyDtype.TONIC_EVENTS, new long[] {0}).toBytes().length;

  private static final int BLOCK_RECORDS = 1 << 14;

  private final FileChannel channel;
  private final long start;
  private final ByteBuffer block = ByteBuffer.allocate(BLOCK_RECORDS * NpyEvents.RECORD);
  private long count;
  private boolean closed;

  /** Starts the array at the channel's current position. */
  public NpyEventChannelWriter(FileChannel channel) throws IOException {
    this.channel = Objects.requireNonNull(channel);
    this.start = channel.position();
    channel.position(start + HEADER_BYTES);
  }

  @Override
  public void write(short[] x, short[] y, long[] t, boolean[] p, int offset, int length) throws IOException {
    if (closed) {
      throw new IllegalStateException("NPY writer is closed");
    }
    Objects.checkFromIndexSize(offset, length, t.length);
    for (int from = 0; from < length; from += BLOCK_RECORDS) {
      int n = Math.min(BLOCK_RECORDS, length - from);
      NpyEvents.encode(x, y, t, p, offset + from, n, block.array());
      block.clear().limit(n * NpyEvents.RECORD);
      while (block.hasRemaining()) {
        channel.write(block);
      }
    }
    count += length;
  }

  /** Events written so far. */
  public long count() {
    return count;
  }

  /** Writes the header with the count in front of the records. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    ByteBuffer header = ByteBuffer.wrap(NpyHeader.of(NpyDtype.TONIC_EVENTS, new long[] {count}).toBytes());
    if (header.remaining() != HEADER_BYTES) {
      throw new IllegalStateException("the NPY header for " + count + " events is " + header.remaining()
          + " bytes, not " + HEADER_BYTES);
    }
    for (long at = start; header.hasRemaining(); ) {
      at += channel.write(header, at);
    }
  }
}
