package org.evshard.io.shard;

import java.io.Closeable;
import java.nio.channels.WritableByteChannel;

/**
 * Writes {@link ImageRow}s into one image shard ({@link ImageShardSchema}). Not thread safe; {@link #close()}
 * completes the file. Writers never modify the rows' arrays.
 */
public interface ImageShardWriter extends Closeable {

  /** Appends one row. */
  void write(ImageRow row);

  /** Rows written so far. */
  long rowCount();

  /** Completes the shard; idempotent. Throws {@code ShardException} on I/O failure. */
  @Override
  void close();

  /** A writer of {@code format} over {@code channel} (left open: Beam's FileIO closes it). */
  static ImageShardWriter open(ShardFormat format, WritableByteChannel channel, String name,
      ShardWriteOptions options) {
    ChannelOutput out = new ChannelOutput(channel, false);
    return switch (format) {
      case PARQUET -> new ParquetImageShardWriter(out, name, options);
      case ARROW -> new ArrowImageShardWriter(out, name, options);
    };
  }

  /** A writer of the format {@code file}'s extension names, creating or replacing the file. */
  static ImageShardWriter open(java.nio.file.Path file, ShardWriteOptions options) {
    try {
      WritableByteChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE);
      ChannelOutput out = new ChannelOutput(ch, true);
      return switch (ShardFormat.ofFile(file)) {
        case PARQUET -> new ParquetImageShardWriter(out, file.toString(), options);
        case ARROW -> new ArrowImageShardWriter(out, file.toString(), options);
      };
    } catch (java.io.IOException e) {
      throw new org.evshard.io.error.ShardException(file.toString(), "cannot create image shard: " + e.getMessage(),
          e);
    }
  }
}
