package org.evshard.io.shard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;
import org.evshard.io.error.ShardException;

/**
 * Reads a Parquet shard with parquet-mr into {@link SampleRow}s. parquet-mr reads the column chunks of a row group
 * whole before its first row, so a row group holding more than a limit in the columns read (by default
 * {@link #heapRowGroupBytes}) is refused, naming it, before any of it is read.
 */
public final class ParquetShardReader implements ShardReader {

  private final String name;
  private final ParquetReader<SampleRow> reader;
  private SampleRow next;
  private boolean closed;
  /** Rows handed out so far: the index of the row being read. */
  private long rowsRead;

  /** Opens {@code file}, refusing a row group of more than {@link #heapRowGroupBytes} bytes. */
  public ParquetShardReader(Path file) {
    this(file, null, heapRowGroupBytes(), heapLimitWhy());
  }

  /** Opens {@code file}, refusing a row group of more than {@code maxRowGroupBytes} bytes. */
  public ParquetShardReader(Path file, long maxRowGroupBytes) {
    this(file, null, maxRowGroupBytes, null);
  }

  private ParquetShardReader(Path file, MessageType requested, long maxRowGroupBytes, String why) {
    this.name = file.toString();
    try (ParquetFileReader footer = ParquetFooters.open(file)) {
      ParquetChunks.check(file, footer.getFooter(), requested); // lengths checked before parquet-mr allocates
      ParquetChunks.checkRowGroups(file, footer.getFooter(), requested, maxRowGroupBytes, why);
    } catch (org.evshard.io.error.EvshardIoException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw wrap("cannot read the Parquet footer", e);
    }
    try {
      this.reader = new Builder(new LocalInputFile(file), new SampleRowReadSupport(name, requested)).build();
    } catch (IOException | RuntimeException e) {
      throw wrap("cannot open Parquet shard", e);
    }
  }

  /**
   * A quarter of this JVM's maximum heap: the most a row group may hold in the columns read by default. While a row
   * group is read, parquet-mr holds its column chunks, besides a decompressed page, the row being built (about 13
   * bytes per event, in buffers kept for the next row) and whatever the caller does with the row, and a pipeline
   * worker may read another shard beside it. The check refuses only the row group; a single row too large for what
   * is left still ends in the {@link OutOfMemoryError} that {@link #hasNext} reports as a {@link ShardException}.
   */
  public static long heapRowGroupBytes() {
    return Runtime.getRuntime().maxMemory() / 4;
  }

  private static String heapLimitWhy() {
    return ParquetChunks.heapLimitWhy("a quarter", "a row group's column chunks in memory while its rows are read");
  }

  /** The number of rows, from the footer only. */
  public static long rowCount(Path file) {
    try (ParquetFileReader footer = ParquetFooters.open(file)) {
      long rows = 0;
      for (BlockMetaData block : footer.getFooter().getBlocks()) {
        rows += block.getRowCount();
      }
      return rows;
    } catch (IOException | RuntimeException e) {
      throw new ShardException(file.toString(), "cannot read Parquet footer: " + e.getMessage(), e);
    }
  }

  /**
   * Rows and samples per (split, label, label_name), reading only those columns and {@code slice_index} (a sample
   * is a row with {@code slice_index <= 0}: unsliced, or the first slice of its recording).
   */
  public static List<LabelCount> readLabels(Path file) {
    MessageType full = ShardSchema.parquet();
    MessageType projection = Types.buildMessage()
        .addField(full.getType(ShardSchema.SPLIT))
        .addField(full.getType(ShardSchema.LABEL))
        .addField(full.getType(ShardSchema.LABEL_NAME))
        .addField(full.getType(ShardSchema.SLICE_INDEX))
        .named(full.getName());
    LabelCounter counter = new LabelCounter();
    try (ParquetShardReader reader = new ParquetShardReader(file, projection, heapRowGroupBytes(), heapLimitWhy())) {
      while (reader.hasNext()) {
        counter.add(reader.next());
      }
    }
    return counter.counts();
  }

  @Override
  public boolean hasNext() {
    if (next == null && !closed) {
      try {
        next = reader.read();
      } catch (IOException | RuntimeException e) {
        throw wrap("cannot read Parquet shard", e);
      } catch (OutOfMemoryError e) { // one allocation by a length inside a page (ParquetChunks cannot see those)
        throw new ShardException(name, "cannot read Parquet shard: decoding a page ran out of memory (a corrupt "
            + "length in the file, or a heap too small for it): " + e.getMessage(), e);
      }
    }
    return next != null;
  }

  @Override
  public SampleRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException(name + ": no more rows");
    }
    SampleRow row = next;
    next = null;
    rowsRead++;
    return row;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      reader.close();
    } catch (IOException e) {
      throw wrap("cannot close Parquet shard", e);
    }
  }

  /**
   * {@code e} as a {@link ShardException} naming the shard; a row the schema check refused is named by its index with
   * the check's own reason (parquet-mr wraps it as "Can not read value at 1 in block 0 in file LocalInputFile@5c24333c",
   * which named neither the row nor the reason).
   */
  private ShardException wrap(String what, Exception e) {
    if (e instanceof ShardException s) {
      return s;
    }
    Throwable reason = e;
    while (reason instanceof org.apache.parquet.io.ParquetDecodingException && reason.getCause() != null) {
      reason = reason.getCause();
    }
    if (reason == e) {
      return new ShardException(name, what + ": " + e.getMessage(), e);
    }
    String why = reason instanceof org.evshard.io.error.EvshardIoException io ? io.reason() : reason.getMessage();
    return new ShardException(name, what + ": row " + rowsRead + ": " + why, e);
  }

  private static final class Builder extends ParquetReader.Builder<SampleRow> {
    private final ReadSupport<SampleRow> readSupport;

    Builder(InputFile file, ReadSupport<SampleRow> readSupport) {
      super(file, new PlainParquetConfiguration());
      this.readSupport = readSupport;
    }

    @Override
    protected ReadSupport<SampleRow> getReadSupport() {
      return readSupport;
    }
  }
}
