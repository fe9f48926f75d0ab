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

  /** {@code requested} is a projection of the shard schema, or null for every column of the file. */
  SampleRowReadSupport(String name, MessageType requested) {
    this.name = name;
    this.requested = requested;
  }

  @Override
  public ReadContext init(InitContext context) {
    Map<String, Set<String>> meta = context.getKeyValueMetadata();
    Set<String> versions = meta.get(ShardSchema.KEY_SCHEMA_VERSION);
    boolean v1 = versions != null && versions.equals(Set.of(ShardSchema.SCHEMA_VERSION_1));
    if (!v1 && (versions == null || !versions.equals(Set.of(ShardSchema.SCHEMA_VERSION)))) {
      throw new ShardException(name, "expected " + ShardSchema.KEY_SCHEMA_VERSION + " = "
          + ShardSchema.SCHEMA_VERSION + " (or " + ShardSchema.SCHEMA_VERSION_1 + "), found " + versions);
    }
    MessageType file = context.getFileSchema();
    MessageType expected = v1 ? ShardSchema.parquetV1() : ShardSchema.parquet(layoutOf(meta));
    MessageType want = requested;
    if (want == null) {
      want = expected;
    } else {
      // a projection: the columns the file has (a version 1 file has no slice_index)
      org.apache.parquet.schema.Types.GroupBuilder<MessageType> b =
          org.apache.parquet.schema.Types.buildMessage();
      for (org.apache.parquet.schema.Type t : requested.getFields()) {
        if (expected.containsField(t.getName())) {
          b.addField(expected.getType(t.getName()));
        }
      }
      want = b.named(expected.getName());
    }
    try {
      file.checkContains(want);
    } catch (RuntimeException e) {
      throw new ShardException(name, "file schema does not contain the shard columns: " + e.getMessage(), e);
    }
    return new ReadContext(want, Map.of(ShardSchema.KEY_LAYOUT, layoutOf(meta).name()));
  }

  private ShardLayout layoutOf(Map<String, Set<String>> meta) {
    Map<String, String> single = new java.util.HashMap<>();
    meta.forEach((k, v) -> {
      if (v.size() == 1) {
        single.put(k, v.iterator().next());
      }
    });
    return ShardSchema.layoutOf(single, name);
  }

  @Override
  public RecordMaterializer<SampleRow> prepareForRead(Configuration conf, Map<String, String> meta, MessageType file,
      ReadContext context) {
    return new SampleRowMaterializer(name, context.getRequestedSchema(), ShardSchema.layoutOf(meta, name));
  }

  @Override
  public RecordMaterializer<SampleRow> prepareForRead(ParquetConfiguration conf, Map<String, String> meta,
      MessageType file, ReadContext context) {
    return new SampleRowMaterializer(name, context.getRequestedSchema(), ShardSchema.layoutOf(meta, name));
  }
}
