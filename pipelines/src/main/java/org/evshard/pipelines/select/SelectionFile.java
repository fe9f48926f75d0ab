package org.evshard.pipelines.select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * {@code selection.parquet}: one row per chosen sample, ordered by group then rank, with the columns
 * {@code sample_id}, {@code group}, {@code rank} (0 = chosen first within its group), {@code method} and
 * {@code score} (the score or marginal gain the method gave the sample when it chose it; NaN where the method
 * defines none).
 */
final class SelectionFile {

  static final MessageType SCHEMA = Types.buildMessage()
      .addField(Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("sample_id"))
      .addField(Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("group"))
      .addField(Types.required(PrimitiveTypeName.INT32).named("rank"))
      .addField(Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("method"))
      .addField(Types.required(PrimitiveTypeName.DOUBLE).named("score"))
      .named("evshard_selection");

  private SelectionFile() {
  }

  static void write(Path file, List<SelectedRow> rows) throws IOException {
    Files.deleteIfExists(file);
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    // which tool, version and schema version wrote it, as the shards say; no parquet-mr example model name
    java.util.Map<String, String> metadata = new java.util.LinkedHashMap<>();
    metadata.put(org.evshard.io.shard.ShardSchema.KEY_SCHEMA_VERSION, org.evshard.io.shard.ShardSchema.SCHEMA_VERSION);
    metadata.put(org.evshard.io.shard.ShardSchema.KEY_TOOL_VERSION, org.evshard.pipelines.EvshardVersion.get());
    metadata.put(org.evshard.io.shard.ShardSchema.KEY_LAYOUT, "selection");
    try (ParquetWriter<Group> w = org.evshard.io.shard.GroupRowsWriteSupport.builder(new LocalOutputFile(file), SCHEMA,
        metadata).withCompressionCodec(CompressionCodecName.ZSTD).withConf(new PlainParquetConfiguration())
        .build()) {
      for (SelectedRow r : rows) {
        w.write(groups.newGroup().append("sample_id", r.sampleId()).append("group", r.group())
            .append("rank", r.rank()).append("method", r.method()).append("score", r.score()));
      }
    }
  }
}
