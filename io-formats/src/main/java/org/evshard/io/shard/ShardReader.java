package org.evshard.io.shard;

import java.io.Closeable;
import java.util.Iterator;

/** Reads the rows of one shard in file order. Not thread safe. Errors are {@code ShardException}s naming the file. */
public interface ShardReader extends Iterator<SampleRow>, Closeable {

  @Override
  void close();
}
