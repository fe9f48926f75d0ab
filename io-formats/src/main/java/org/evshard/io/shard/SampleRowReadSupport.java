package org.evshard.io.shard;

import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.evshard.io.error.ShardException;

/** Reads shard rows (optionally only some columns) after checking the file's schema version and columns. */
final class SampleRowReadSupport extends ReadSupport<SampleRow> {

  private final String name;
  private final MessageType requested;

  /** {@code requested} is {@link ShardSchema#parquet()} or a projection of it. */
  SampleRowReadSupport(String name, MessageType requested) {
    this.name = name;
    this.requested = requested;
  }

  @Override
  public ReadContext init(InitContext context) {
    Map<String, Set<String>> meta = context.getKeyValueMetadata();
    Set<String> versions = meta.get(ShardSchema.KEY_SCHEMA_VERSION);
    if (versions == null || !versions.equals(Set.of(ShardSchema.SCHEMA_VERSION))) {
      throw new ShardException(name, "expected " + ShardSchema.KEY_SCHEMA_VERSION + " = "
          + ShardSchema.SCHEMA_VERSION + ", found " + versions);
    }
    MessageType file = context.getFileSchema();
    try {
      file.checkContains(requested);
    } catch (RuntimeException e) {
      throw new ShardException(name, "file schema does not contain the shard columns: " + e.getMessage(), e);
    }
    return new ReadContext(requested);
  }

  @Override
  public RecordMaterializer<SampleRow> prepareForRead(Configuration conf, Map<String, String> meta, MessageType file,
      ReadContext context) {
    return new SampleRowMaterializer(name, context.getRequestedSchema());
  }

  @Override
  public RecordMaterializer<SampleRow> prepareForRead(ParquetConfiguration conf, Map<String, String> meta,
      MessageType file, ReadContext context) {
    return new SampleRowMaterializer(name, context.getRequestedSchema());
  }
}
