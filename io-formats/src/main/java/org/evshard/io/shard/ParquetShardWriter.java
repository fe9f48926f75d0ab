package org.evshard.io.shard;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.Map;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.schema.MessageType;
import org.evshard.io.error.ShardException;

/**
 * Writes a Parquet shard with parquet-mr's low-level column API: ZSTD (level 3, one frame per page), standard
 * 3-level lists, v2 data pages with DELTA_BINARY_PACKED event lists (dictionary only for the scalar columns), row
 * groups of about {@link ShardWriteOptions#parquetRowGroupBytes()} buffered bytes.
 *
 * <p>Rows go straight into parquet-mr's {@link ColumnWriteStore} (see {@link SampleRowColumns}): what
 * {@code ParquetWriter} with a {@code WriteSupport} does, without the per-value bookkeeping of its record
 * consumer, which made writing 40 M events take 12-19 s instead of 3-5 s. v2 pages make the file 23 % smaller
 * than v1 (delta-coded timestamps) and the write 30 % faster.
 */
public final class ParquetShardWriter implements ShardWriter {

  private final String name;
  private final long rowGroupBytes;
  private final Map<String, String> metadata;
  private final MessageType schema = ShardSchema.parquet();
  private final ParquetProperties props;
  private final BytesInputCompressor compressor;
  private final ParquetFileWriter file;
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore columns;
  private SampleRowColumns rowWriter;
  private int rowGroups;
  private long groupRows;
  private long rows;
  private boolean closed;

  /** Writes to {@code channel}, which stays open after {@link #close()} (Beam's FileIO closes it). */
  public ParquetShardWriter(WritableByteChannel channel, String name, ShardWriteOptions options) {
    this(new ChannelOutput(channel, false), name, options);
  }

  ParquetShardWriter(ChannelOutput out, String name, ShardWriteOptions options) {
    this.name = name;
    this.rowGroupBytes = options.parquetRowGroupBytes();
    this.metadata = ShardSchema.metadata(options.toolVersion());
    this.props = ParquetProperties.builder()
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
        .withDictionaryEncoding(true)
        .withDictionaryEncoding(ShardSchema.elementPath(ShardSchema.X), false)
        .withDictionaryEncoding(ShardSchema.elementPath(ShardSchema.Y), false)
        .withDictionaryEncoding(ShardSchema.elementPath(ShardSchema.T), false)
        .withDictionaryEncoding(ShardSchema.elementPath(ShardSchema.P), false)
        // level histograms cost 20 % of the write time and no reader we target uses them; min/max stay on
        .withSizeStatisticsEnabled(false)
        .build();
    try {
      this.compressor = new ZstdPageCompressor(ZstdPageCompressor.DEFAULT_LEVEL);
      this.file = new ParquetFileWriter(ChannelOutput.asOutputFile(out, name), schema,
          ParquetFileWriter.Mode.OVERWRITE, rowGroupBytes, 0, null, props);
      file.start();
    } catch (IOException | RuntimeException e) {
      throw new ShardException(name, "cannot start Parquet shard: " + e.getMessage(), e);
    }
    startRowGroup();
  }

  @Override
  public void write(SampleRow row) {
    if (closed) {
      throw new ShardException(name, "write after close");
    }
    try {
      rowWriter.write(row);
      columns.endRecord();
      groupRows++;
      rows++;
      if (columns.getBufferedSize() >= rowGroupBytes) {
        flushRowGroup();
        startRowGroup();
      }
    } catch (IOException | RuntimeException e) {
      throw new ShardException(name, "cannot write sample " + row.sampleId() + ": " + e.getMessage(), e);
    }
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
      flushRowGroup();
      file.end(metadata);
    } catch (IOException | RuntimeException e) {
      throw new ShardException(name, "cannot complete Parquet shard: " + e.getMessage(), e);
    } finally {
      compressor.release();
    }
  }

  private void startRowGroup() {
    pages = new ColumnChunkPageWriteStore(compressor, schema, props.getAllocator(),
        props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled(), null, rowGroups);
    columns = props.newColumnWriteStore(schema, pages, pages);
    rowWriter = new SampleRowColumns(columns, schema.getColumns());
  }

  private void flushRowGroup() throws IOException {
    if (groupRows > 0) {
      file.startBlock(groupRows);
      columns.flush();
      pages.flushToFileWriter(file);
      file.endBlock();
      rowGroups++;
      groupRows = 0;
    }
    columns.close();
    pages.close();
  }
}
