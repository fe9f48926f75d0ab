package org.evshard.io.shard;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.evshard.io.error.ShardException;

/**
 * Writes a Parquet shard with parquet-mr's low-level API: ZSTD, standard 3-level lists, dictionary encoding only for
 * the string columns, row groups of {@link ShardWriteOptions#parquetRowGroupBytes()}.
 */
public final class ParquetShardWriter implements ShardWriter {

  private final String name;
  private final ParquetWriter<SampleRow> writer;
  private long rows;
  private boolean closed;

  /** Writes to {@code channel}, which stays open after {@link #close()} (Beam's FileIO closes it). */
  public ParquetShardWriter(WritableByteChannel channel, String name, ShardWriteOptions options) {
    this(new ChannelOutput(channel, false), name, options);
  }

  ParquetShardWriter(ChannelOutput out, String name, ShardWriteOptions options) {
    this.name = name;
    try {
      this.writer = new Builder(ChannelOutput.asOutputFile(out, name), options.toolVersion())
          .withConf(new PlainParquetConfiguration())
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .withCompressionCodec(CompressionCodecName.ZSTD)
          .withRowGroupSize(options.parquetRowGroupBytes())
          .withDictionaryEncoding(true)
          .withDictionaryEncoding(ShardSchema.elementPath(ShardSchema.X), false)
          .withDictionaryEncoding(ShardSchema.elementPath(ShardSchema.Y), false)
          .withDictionaryEncoding(ShardSchema.elementPath(ShardSchema.T), false)
          .withDictionaryEncoding(ShardSchema.elementPath(ShardSchema.P), false)
          .withValidation(false)
          .build();
    } catch (IOException | RuntimeException e) {
      throw new ShardException(name, "cannot start Parquet shard: " + e.getMessage(), e);
    }
  }

  @Override
  public void write(SampleRow row) {
    if (closed) {
      throw new ShardException(name, "write after close");
    }
    try {
      writer.write(row);
    } catch (IOException | RuntimeException e) {
      throw new ShardException(name, "cannot write sample " + row.sampleId() + ": " + e.getMessage(), e);
    }
    rows++;
  }

  @Override
  public long rowCount() {
    return rows;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.close();
    } catch (IOException | RuntimeException e) {
      throw new ShardException(name, "cannot complete Parquet shard: " + e.getMessage(), e);
    }
  }

  private static final class Builder extends ParquetWriter.Builder<SampleRow, Builder> {
    private final String toolVersion;

    Builder(OutputFile file, String toolVersion) {
      super(file);
      this.toolVersion = toolVersion;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<SampleRow> getWriteSupport(Configuration conf) {
      return new SampleRowWriteSupport(toolVersion);
    }

    @Override
    protected WriteSupport<SampleRow> getWriteSupport(ParquetConfiguration conf) {
      return new SampleRowWriteSupport(toolVersion);
    }
  }
}
