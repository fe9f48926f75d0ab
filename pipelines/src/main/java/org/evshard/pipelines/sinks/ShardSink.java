package org.evshard.pipelines.sinks;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.io.FileIO;
import org.evshard.io.shard.SampleRow;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardWriteOptions;
import org.evshard.io.shard.ShardWriter;

/**
 * Plugs evshard's Parquet and Arrow shard writers into Beam's {@code FileIO}: FileIO owns temp files, naming and the
 * final rename, so a shard becomes visible only complete.
 */
public final class ShardSink implements FileIO.Sink<SampleRow> {

  private final ShardFormat format;
  private final ShardWriteOptions options;
  private transient ShardWriter writer;

  public ShardSink(ShardFormat format, ShardWriteOptions options) {
    this.format = format;
    this.options = options;
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    writer = format.newWriter(channel, "shard" + format.extension(), options);
  }

  @Override
  public void write(SampleRow row) throws IOException {
    writer.write(row);
  }

  @Override
  public void flush() throws IOException {
    // finishing the file writes its footer; the channel stays open and FileIO closes it
    writer.close();
    writer = null;
  }
}
