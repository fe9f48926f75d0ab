package org.evshard.io.shard;

import java.io.Closeable;

/**
 * Writes sample rows into one shard. Not thread safe. {@link #close()} completes the file (footer); a writer that
 * was not closed leaves an unreadable file. Writers never modify the rows' event arrays.
 */
public interface ShardWriter extends Closeable {

  /** Appends one row. */
  void write(SampleRow row);

  /** Rows written so far. */
  long rowCount();

  /** Completes the shard and releases memory; idempotent. Throws {@code ShardException} on I/O failure. */
  @Override
  void close();
}
