package org.evshard.pipelines.sinks;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.io.FileIO;
import org.evshard.io.shard.SampleRow;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardWriter;

/**
 * Plugs evshard's Parquet and Arrow shard writers into Beam's {@code FileIO}: FileIO owns temp files, naming and the
 * final rename, so a shard becomes visible only complete.
 */
public final class ShardSink implements FileIO.Sink<SampleRow> {

  private final ShardFormat format;
  private final String toolVersion;
  private transient ShardWriter writer;

  public ShardSink(ShardFormat format, String toolVersion) {
    this.format = format;
    this.toolVersion = toolVersion;
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    writer = format.newWriter(channel, toolVersion);
  }

  @Override
  public void write(SampleRow row) throws IOException {
    writer.write(row);
  }

  @Override
  public void flush() throws IOException {
    // finishing the file writes its footer; FileIO closes the channel afterwards
    writer.close();
  }
}
