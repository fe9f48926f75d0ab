package org.evshard.io.shard;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;

/**
 * Checks the lengths a Parquet file declares before parquet-mr allocates by them. parquet-mr reads a column chunk into
 * one buffer of the size the footer gives, and a page into one buffer of the uncompressed size its header gives, and
 * trusts both: a 1 KB file could ask for gigabytes. Every column chunk must lie inside the file; every page header
 * inside its chunk must declare a compressed size that fits in the chunk, an uncompressed size of at most
 * {@link #MAX_PAGE_BYTES}, at most {@link #MAX_PAGE_VALUES} values for a data page, and, for a dictionary page, no
 * more entries than its bytes can hold. Reads only the page headers (the bodies are skipped). Lengths inside a page's
 * encoded values (a DELTA_BINARY_PACKED header's value count) are not seen here: the readers also turn an
 * {@link OutOfMemoryError} of parquet-mr's decoding into a typed error.
 */
public final class ParquetChunks {

  /** Largest uncompressed page accepted (Parquet writers aim at pages of about 1 MiB). */
  public static final int MAX_PAGE_BYTES = 1 << 28;
  /** Most values a data page may declare (parquet-mr sizes some decoder buffers by it). */
  public static final int MAX_PAGE_VALUES = 1 << 26;

  private ParquetChunks() {}

  /**
   * Checks the chunks of every row group in {@code footer}, the footer of {@code file}: those of the columns in
   * {@code requested} (what the reader will read), or all with null.
   */
  public static void check(Path file, ParquetMetadata footer, MessageType requested) throws IOException {
    String source = file.toString();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long length = ch.size();
      int group = 0;
      for (BlockMetaData block : footer.getBlocks()) {
        for (ColumnChunkMetaData column : block.getColumns()) {
          if (requested != null && !requested.containsPath(column.getPath().toArray())) {
            continue;
          }
          long start = column.getStartingPos();
          long size = column.getTotalSize();
          String what = "column " + column.getPath().toDotString() + " of row group " + group;
          if (start < 0 || size < 0 || start > length || size > length - start) {
            throw new CorruptInputException(source, Math.max(0, start), "a column chunk inside the file's " + length
                + " bytes", what + " at " + start + " with " + size + " bytes");
          }
          checkPages(source, ch, start, size, what);
        }
        group++;
      }
    }
  }

  /**
   * Checks that no row group of {@code footer} (the footer of {@code file}) holds more than {@code maxBytes} in the
   * column chunks of {@code requested}: parquet-mr reads a row group's chunks of the columns it reads whole, so one
   * row group of large images is in memory at once. {@code why}, if not null, says where the limit comes from.
   */
  public static void checkRowGroups(Path file, ParquetMetadata footer, MessageType requested, long maxBytes,
      String why) {
    int group = 0;
    for (BlockMetaData block : footer.getBlocks()) {
      long bytes = 0;
      long offset = Long.MAX_VALUE;
      for (ColumnChunkMetaData column : block.getColumns()) {
        if (requested == null || requested.containsPath(column.getPath().toArray())) {
          bytes += Math.max(0, column.getTotalSize());
          offset = Math.min(offset, Math.max(0, column.getStartingPos()));
        }
      }
      if (bytes > maxBytes) {
        throw new LimitExceededException(file.toString(), offset == Long.MAX_VALUE ? -1 : offset,
            "bytes of the columns read in row group " + group + " (read whole)", bytes, maxBytes, why);
      }
      group++;
    }
  }

  /**
   * The reason given with a row group limit that is {@code share} of this JVM's maximum heap ("a quarter"), where
   * {@code held} says what parquet-mr holds while the rows are read.
   */
  static String heapLimitWhy(String share, String held) {
    return String.format(java.util.Locale.ROOT, "the limit is %s of this JVM's maximum heap (%.1f MiB), as parquet-mr "
        + "holds %s: give the JVM more heap (-Xmx; scripts/evshard reads EVSHARD_JAVA_OPTS)", share,
        Runtime.getRuntime().maxMemory() / 1048576.0, held);
  }

  private static void checkPages(String source, FileChannel ch, long start, long size, String what)
      throws IOException {
    long end = start + size;
    long at = start;
    while (at < end) {
      ch.position(at);
      CountingStream in = new CountingStream(new BufferedInputStream(Channels.newInputStream(ch), 1 << 12),
          end - at);
      PageHeader h;
      try {
        h = Util.readPageHeader(in);
      } catch (IOException | RuntimeException e) {
        throw new CorruptInputException(source, at, "a page header of " + what + ": " + e.getMessage(), e);
      }
      long body = at + in.count;
      int compressed = h.getCompressed_page_size();
      int uncompressed = h.getUncompressed_page_size();
      if (compressed < 0 || compressed > end - body) {
        throw new CorruptInputException(source, at, "a page of at most " + (end - body) + " bytes in " + what,
            "a compressed page size of " + compressed);
      }
      if (uncompressed < 0) {
        throw new CorruptInputException(source, at, "an uncompressed page size >= 0 in " + what, "" + uncompressed);
      }
      if (uncompressed > MAX_PAGE_BYTES) {
        throw new LimitExceededException(source, at, "uncompressed page size", uncompressed, MAX_PAGE_BYTES);
      }
      long values = h.isSetData_page_header() ? h.getData_page_header().getNum_values()
          : h.isSetData_page_header_v2() ? h.getData_page_header_v2().getNum_values() : 0;
      if (values < 0) {
        throw new CorruptInputException(source, at, "a value count >= 0 in a data page of " + what, "" + values);
      }
      if (values > MAX_PAGE_VALUES) {
        throw new LimitExceededException(source, at, "values in a data page", values, MAX_PAGE_VALUES);
      }
      if (h.isSetDictionary_page_header()) {
        long entries = h.getDictionary_page_header().getNum_values();
        if (entries < 0 || entries > 8L * uncompressed) { // a value takes at least one bit
          throw new CorruptInputException(source, at, "a dictionary of at most " + 8L * uncompressed + " entries in "
              + uncompressed + " bytes (" + what + ")", entries + " entries");
        }
      }
      at = body + compressed;
    }
  }

  /** Counts the bytes a page header takes, and reads no further than the chunk's end. */
  private static final class CountingStream extends InputStream {
    private final InputStream in;
    private final long limit;
    private long count;

    CountingStream(InputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      if (count >= limit) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (count >= limit) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, limit - count));
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
