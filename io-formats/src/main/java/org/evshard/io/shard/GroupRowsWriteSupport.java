package org.evshard.io.shard;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.GroupWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes {@link Group} rows of one schema with the file metadata given, and no object-model name: parquet-mr's
 * example writer put {@code writer.model.name = example} into every image shard and into {@code select}'s
 * {@code selection.parquet}, a key no reader of evshard's files needs and docs/SHARDS.md does not list.
 */
public final class GroupRowsWriteSupport extends WriteSupport<Group> {

  private final MessageType schema;
  private final Map<String, String> metadata;
  private GroupWriter writer;

  /** A writer builder for rows of {@code schema} into {@code file}, with {@code metadata} as the file's key-values. */
  public static Builder builder(OutputFile file, MessageType schema, Map<String, String> metadata) {
    return new Builder(file, new GroupRowsWriteSupport(schema, metadata));
  }

  GroupRowsWriteSupport(MessageType schema, Map<String, String> metadata) {
    this.schema = schema;
    this.metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(schema, metadata);
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(schema, metadata);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    writer = new GroupWriter(recordConsumer, schema);
  }

  @Override
  public void write(Group record) {
    writer.write(record);
  }

  /** A {@link ParquetWriter} builder for this write support. */
  public static final class Builder extends ParquetWriter.Builder<Group, Builder> {

    private final GroupRowsWriteSupport support;

    Builder(OutputFile file, GroupRowsWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Group> getWriteSupport(Configuration conf) {
      return support;
    }

    @Override
    protected WriteSupport<Group> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }
  }
}
