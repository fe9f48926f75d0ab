package org.evshard.io.shard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A buffered stream over a caller's {@link WritableByteChannel} that counts the bytes written (Parquet's
 * {@link PositionOutputStream}). {@link #close()} flushes but leaves the channel open unless this stream owns it:
 * Beam's {@code FileIO} closes the channel it hands to a sink itself.
 */
final class ChannelOutput extends PositionOutputStream {

  private static final int BUFFER = 1 << 16;

  private final WritableByteChannel channel;
  private final boolean ownsChannel;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
  private long position;
  private boolean closed;

  ChannelOutput(WritableByteChannel channel, boolean ownsChannel) {
    this.channel = channel;
    this.ownsChannel = ownsChannel;
  }

  @Override
  public long getPos() {
    return position;
  }

  @Override
  public void write(int b) throws IOException {
    if (!buffer.hasRemaining()) {
      drain();
    }
    buffer.put((byte) b);
    position++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (len <= buffer.remaining()) {
      buffer.put(b, off, len);
    } else {
      drain();
      if (len < BUFFER) {
        buffer.put(b, off, len);
      } else {
        writeFully(ByteBuffer.wrap(b, off, len));
      }
    }
    position += len;
  }

  @Override
  public void flush() throws IOException {
    drain();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      drain();
    } finally {
      if (ownsChannel) {
        channel.close();
      }
    }
  }

  private void drain() throws IOException {
    buffer.flip();
    writeFully(buffer);
    buffer.clear();
  }

  private void writeFully(ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      channel.write(src);
    }
  }

  /** A Parquet {@link org.apache.parquet.io.OutputFile} that can be created once, over this stream. */
  static org.apache.parquet.io.OutputFile asOutputFile(ChannelOutput out, String name) {
    return new org.apache.parquet.io.OutputFile() {
      private boolean created;

      @Override
      public PositionOutputStream create(long blockSizeHint) {
        if (created) {
          throw new IllegalStateException(name + ": output already created");
        }
        created = true;
        return out;
      }

      @Override
      public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        return create(blockSizeHint);
      }

      @Override
      public boolean supportsBlockSize() {
        return false;
      }

      @Override
      public long defaultBlockSize() {
        return 0;
      }

      @Override
      public String getPath() {
        return name;
      }
    };
  }

  /** This stream as a channel, for Arrow's writers; closing the channel closes this stream. */
  static WritableByteChannel asChannel(OutputStream out) {
    return java.nio.channels.Channels.newChannel(out);
  }
}
