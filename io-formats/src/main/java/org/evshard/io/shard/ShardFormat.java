package org.evshard.io.shard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.evshard.io.error.ShardException;

/** The two shard file formats, with factories for their writers and readers. */
public enum ShardFormat {

  PARQUET(".parquet"),
  ARROW(".arrow");

  private final String extension;

  ShardFormat(String extension) {
    this.extension = extension;
  }

  /** File name extension with the dot, e.g. {@code .parquet}. */
  public String extension() {
    return extension;
  }

  /** The format named {@code parquet} or {@code arrow} (case-insensitive). */
  public static ShardFormat fromName(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "parquet" -> PARQUET;
      case "arrow" -> ARROW;
      default -> throw new IllegalArgumentException(
          "unknown shard format '" + name + "': expected 'parquet' or 'arrow'");
    };
  }

  /** The format of a shard file, by its extension. */
  public static ShardFormat ofFile(Path file) {
    String name = file.getFileName().toString();
    for (ShardFormat f : values()) {
      if (name.endsWith(f.extension)) {
        return f;
      }
    }
    throw new ShardException(file.toString(), "not a shard file: expected a name ending in .parquet or .arrow");
  }

  /** A writer over the caller's channel, which stays open after the writer is closed. */
  public ShardWriter newWriter(WritableByteChannel channel, String name, ShardWriteOptions options) {
    return newWriter(new ChannelOutput(channel, false), name, options);
  }

  /** A writer over the caller's stream, which stays open after the writer is closed. */
  public ShardWriter newWriter(OutputStream out, String name, ShardWriteOptions options) {
    return newWriter(new ChannelOutput(Channels.newChannel(out), false), name, options);
  }

  /** A writer that creates (or replaces) {@code file} and closes it when the writer is closed. */
  public ShardWriter newWriter(Path file, ShardWriteOptions options) {
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new ShardException(file.toString(), "cannot create shard: " + e.getMessage(), e);
    }
    try {
      return newWriter(new ChannelOutput(ch, true), file.toString(), options);
    } catch (RuntimeException e) {
      try {
        ch.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private ShardWriter newWriter(ChannelOutput out, String name, ShardWriteOptions options) {
    return switch (this) {
      case PARQUET -> new ParquetShardWriter(out, name, options);
      case ARROW -> new ArrowShardWriter(out, name, options);
    };
  }

  /** A reader over {@code file} (an Arrow file's batches pass Arrow's {@code validateFull} before they are read). */
  public ShardReader openReader(Path file) {
    return switch (this) {
      case PARQUET -> new ParquetShardReader(file);
      case ARROW -> new ArrowShardReader(file);
    };
  }

  /** Rows in {@code file}, from its footer. */
  public long rowCount(Path file) {
    return switch (this) {
      case PARQUET -> ParquetShardReader.rowCount(file);
      case ARROW -> ArrowShardReader.rowCount(file);
    };
  }

  /** Rows per (split, label, label_name) in {@code file}, sorted. */
  public List<LabelCount> readLabels(Path file) {
    return switch (this) {
      case PARQUET -> ParquetShardReader.readLabels(file);
      case ARROW -> ArrowShardReader.readLabels(file);
    };
  }

  /** The file metadata of a shard (Parquet key-value metadata, Arrow schema custom metadata); never null. */
  public Map<String, String> readMetadata(Path file) {
    try {
      Map<String, String> meta;
      if (this == PARQUET) {
        try (org.apache.parquet.hadoop.ParquetFileReader footer = ParquetFooters.open(file)) {
          meta = footer.getFooter().getFileMetaData().getKeyValueMetaData();
        }
      } else {
        try (org.apache.arrow.memory.BufferAllocator a = new org.apache.arrow.memory.RootAllocator(
                ShardWriteOptions.DEFAULT_ALLOCATOR_LIMIT);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            org.apache.arrow.vector.ipc.ArrowFileReader r = new org.apache.arrow.vector.ipc.ArrowFileReader(ch, a)) {
          meta = r.getVectorSchemaRoot().getSchema().getCustomMetadata();
        }
      }
      return meta == null ? Map.of() : Map.copyOf(meta);
    } catch (IOException | RuntimeException e) {
      throw e instanceof ShardException s ? s
          : new ShardException(file.toString(), "cannot read shard metadata: " + e.getMessage(), e);
    }
  }
}
