package org.evshard.io.shard;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.schema.MessageType;
import org.evshard.io.error.ShardException;
import org.evshard.io.events.Events;

/**
 * Writes a Parquet shard with parquet-mr's low-level column API: ZSTD (level 3, one frame per page), standard
 * 3-level lists, v2 data pages with DELTA_BINARY_PACKED event lists (dictionary only for the scalar columns), row
 * groups of about {@link ShardWriteOptions#parquetRowGroupBytesInThisJvm()} buffered bytes.
 *
 * <p>The scalar columns go through parquet-mr's {@link ColumnWriteStore} (see {@link SampleRowColumns}); the event
 * lists, which hold nearly all the values, are encoded in bulk by {@link EventListColumn} and handed to the same
 * page store as finished v2 pages (parquet-mr's per-value writers ran at about 8 M events/s per thread). parquet-mr's
 * {@link ParquetFileWriter} lays out the file, footer, statistics and page indexes.
 */
public final class ParquetShardWriter implements ShardWriter {

  /** Encoded event bytes after which the event list pages end (at a row boundary), as parquet-mr's 1 MiB pages. */
  static final long PAGE_BYTES = 1L << 20;

  private final String name;
  private final long rowGroupBytes;
  private final Map<String, String> metadata;
  private final ShardLayout layout;
  private final MessageType schema;
  private final ParquetProperties props;
  private final BytesInputCompressor compressor;
  private final ParquetFileWriter file;
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore columns;
  private SampleRowColumns rowWriter;
  private final EventListColumn[] lists;
  private final List<ColumnDescriptor> listDescriptors;
  private final MessageType scalarSchema;
  private int rowGroups;
  private long groupRows;
  private long rows;
  private long groupBytes;
  private boolean closed;

  /** Writes to {@code channel}, which stays open after {@link #close()} (Beam's FileIO closes it). */
  public ParquetShardWriter(WritableByteChannel channel, String name, ShardWriteOptions options) {
    this(new ChannelOutput(channel, false), name, options);
  }

  ParquetShardWriter(ChannelOutput out, String name, ShardWriteOptions options) {
    this.name = name;
    this.rowGroupBytes = options.parquetRowGroupBytesInThisJvm();
    this.layout = options.layout();
    this.schema = ShardSchema.parquet(layout);
    this.metadata = ShardSchema.metadata(options.toolVersion(), layout, options.transforms());
    List<ColumnDescriptor> all = schema.getColumns();
    this.lists = new EventListColumn[layout.isTensor() ? 2 : 4];
    int scalars = ShardSchema.scalarCount(layout);
    this.listDescriptors = all.subList(scalars, all.size());
    this.scalarSchema = new MessageType(schema.getName(), schema.getFields().subList(0, scalars));
    for (int i = 0; i < lists.length; i++) {
      lists[i] = new EventListColumn(listDescriptors.get(i));
    }
    ParquetProperties.Builder pb = ParquetProperties.builder()
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
        .withDictionaryEncoding(true)
        // level histograms cost 20 % of the write time and no reader we target uses them; min/max stay on
        .withSizeStatisticsEnabled(false);
    if (layout.staticPartner()) {
      pb.withDictionaryEncoding(ShardSchema.STATIC_PIXELS, false).withStatisticsEnabled(ShardSchema.STATIC_PIXELS,
          false);
    }
    for (String list : layout.isTensor() ? List.of(ShardSchema.TENSOR, ShardSchema.TENSOR_SHAPE)
        : List.of(ShardSchema.X, ShardSchema.Y, ShardSchema.T, ShardSchema.P)) {
      pb.withDictionaryEncoding(ShardSchema.elementPath(list), false);
    }
    this.props = pb.build();
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
    if (row.partner() != null && !layout.staticPartner()) {
      throw new ShardException(name, "sample " + row.sampleId() + ": the shard has no static images, the row has one");
    }
    if (row.metadata() != null && !layout.sampleMetadata()) {
      throw new ShardException(name, "sample " + row.sampleId() + ": the shard has no metadata column, the row has "
          + "metadata");
    }
    try {
      writeLists(row);
      rowWriter.write(row);
      columns.endRecord();
      groupRows++;
      rows++;
      long pending = 0;
      for (EventListColumn c : lists) {
        pending += c.bufferedBytes();
      }
      if (pending >= PAGE_BYTES) {
        flushPages();
      }
      if (columns.getBufferedSize() + groupBytes + pending >= rowGroupBytes) {
        flushRowGroup();
        startRowGroup();
      }
    } catch (IOException | RuntimeException e) {
      throw new ShardException(name, "cannot write sample " + row.sampleId() + ": " + e.getMessage(), e);
    }
  }

  private void writeLists(SampleRow row) {
    if (layout.isTensor()) {
      ShardTensor t = row.tensor();
      if (t == null) {
        throw new IllegalArgumentException("the shard holds tensors (" + layout + "), the row has none");
      }
      if (t.dtype() != layout.dtype()) {
        throw new IllegalArgumentException("tensor " + t + " in a shard of " + layout.dtype().numpyName());
      }
      if (layout.fixedShape() != null && !java.util.Arrays.equals(layout.fixedShape(), t.shape())) {
        throw new IllegalArgumentException("tensor " + t + " differs from the shard's fixed shape "
            + java.util.Arrays.toString(layout.fixedShape()));
      }
      switch (t.dtype()) {
        case INT16 -> lists[0].write((short[]) t.data());
        case INT64 -> lists[0].write((long[]) t.data());
        case FLOAT32 -> lists[0].write((float[]) t.data());
        case FLOAT64 -> lists[0].write((double[]) t.data());
      }
      lists[1].write(t.shape());
      return;
    }
    Events e = row.events();
    if (row.tensor() != null || e.size() != row.nEvents()) {
      throw new IllegalArgumentException("the shard holds event lists; the row has "
          + (row.tensor() != null ? "a tensor" : e.size() + " events but n_events " + row.nEvents()));
    }
    lists[0].write(e.x());
    lists[1].write(e.y());
    lists[2].write(e.t());
    lists[3].write(e.p());
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
    columns = props.newColumnWriteStore(scalarSchema, pages, pages);
    rowWriter = new SampleRowColumns(columns, scalarSchema.getColumns());
    groupBytes = 0;
  }

  /** Ends the event list pages at this row boundary. */
  private void flushPages() throws IOException {
    for (int i = 0; i < lists.length; i++) {
      groupBytes += lists[i].bufferedBytes();
      lists[i].flushPage(pages.getPageWriter(listDescriptors.get(i)));
    }
  }

  private void flushRowGroup() throws IOException {
    if (groupRows > 0) {
      flushPages();
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
