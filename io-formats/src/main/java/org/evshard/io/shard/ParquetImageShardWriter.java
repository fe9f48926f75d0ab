package org.evshard.io.shard;

import java.io.IOException;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.evshard.io.error.ShardException;

/**
 * Writes an image shard as Parquet through parquet-mr's {@link Group} writer ({@link GroupRowsWriteSupport}): ZSTD,
 * v2 pages, dictionary for the string columns only (never for the image and tensor bytes), row groups of about
 * {@link ShardWriteOptions#parquetRowGroupBytesInThisJvm()}. Per-row objects are fine here: a row carries kilobytes of
 * image.
 */
final class ParquetImageShardWriter implements ImageShardWriter {

  private final String name;
  private final ParquetWriter<Group> writer;
  private final SimpleGroupFactory groups = new SimpleGroupFactory(ImageShardSchema.parquet());
  private long rows;
  private boolean closed;

  ParquetImageShardWriter(ChannelOutput out, String name, ShardWriteOptions options) {
    this.name = name;
    try {
      this.writer = new GroupRowsWriteSupport.Builder(ChannelOutput.asOutputFile(out, name),
          new GroupRowsWriteSupport(ImageShardSchema.parquet(), ImageShardSchema.metadata(options.toolVersion())))
          .withCompressionCodec(CompressionCodecName.ZSTD)
          .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
          .withRowGroupSize(options.parquetRowGroupBytesInThisJvm())
          .withDictionaryEncoding(true)
          .withDictionaryEncoding(ImageShardSchema.IMAGE, false)
          .withDictionaryEncoding(ImageShardSchema.TENSOR, false)
          .withDictionaryEncoding(ImageShardSchema.SHA256, false)
          // unique per row: a dictionary would only be built and dropped again
          .withDictionaryEncoding(ImageShardSchema.SAMPLE_ID, false)
          .withDictionaryEncoding(ImageShardSchema.SOURCE, false)
          // min/max of encoded images or raw pixels help no reader; they cost a byte compare per row and page
          .withStatisticsEnabled(ImageShardSchema.IMAGE, false)
          .withStatisticsEnabled(ImageShardSchema.TENSOR, false)
          .withSizeStatisticsEnabled(ImageShardSchema.IMAGE, false)
          .withSizeStatisticsEnabled(ImageShardSchema.TENSOR, false)
          .withConf(new org.apache.parquet.conf.PlainParquetConfiguration())
          .build();
    } catch (IOException | RuntimeException e) {
      throw new ShardException(name, "cannot start Parquet image shard: " + e.getMessage(), e);
    }
  }

  @Override
  public void write(ImageRow row) {
    if (closed) {
      throw new ShardException(name, "write after close");
    }
    Group g = groups.newGroup()
        .append(ImageShardSchema.SAMPLE_ID, row.sampleId())
        .append(ImageShardSchema.DATASET, row.dataset())
        .append(ImageShardSchema.SPLIT, row.split());
    if (row.label() != null) {
      g.append(ImageShardSchema.LABEL, row.label().intValue());
      g.append(ImageShardSchema.LABEL_NAME, row.labelName());
    }
    g.append(ImageShardSchema.SOURCE, row.source());
    if (row.caption() != null) {
      g.append(ImageShardSchema.CAPTION, row.caption());
    }
    g.append(ImageShardSchema.WIDTH, row.width())
        .append(ImageShardSchema.HEIGHT, row.height())
        .append(ImageShardSchema.ORIGINAL_WIDTH, row.originalWidth())
        .append(ImageShardSchema.ORIGINAL_HEIGHT, row.originalHeight())
        .append(ImageShardSchema.SHA256, row.sha256())
        .append(ImageShardSchema.IMAGE_FORMAT, row.imageFormat())
        .append(ImageShardSchema.IMAGE, Binary.fromConstantByteArray(row.image()));
    Group attributes = g.addGroup(ImageShardSchema.ATTRIBUTES);
    for (Map.Entry<String, String> e : row.attributes().entrySet()) {
      attributes.addGroup(ImageShardSchema.KEY_VALUE)
          .append(ImageShardSchema.KEY, e.getKey())
          .append(ImageShardSchema.VALUE, e.getValue());
    }
    if (row.tensor() != null) {
      g.append(ImageShardSchema.TENSOR, Binary.fromConstantByteArray(row.tensor()));
      Group shape = g.addGroup(ImageShardSchema.TENSOR_SHAPE);
      for (int d : row.tensorShape()) {
        shape.addGroup(ShardSchema.LIST).append(ShardSchema.ELEMENT, d);
      }
    }
    try {
      writer.write(g);
      rows++;
    } catch (IOException | RuntimeException e) {
      throw new ShardException(name, "cannot write image " + row.sampleId() + ": " + e.getMessage(), e);
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
      writer.close();
    } catch (IOException | RuntimeException e) {
      throw new ShardException(name, "cannot complete Parquet image shard: " + e.getMessage(), e);
    }
  }
}
