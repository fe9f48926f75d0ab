package org.evshard.io.img2dataset;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.EvshardIoException;

/**
 * Streams the rows of a local Parquet file (as pyarrow writes them for img2dataset and DataComp) with parquet-mr's
 * example {@link Group} model, reading only the columns of a projection. One row in memory at a time; a file that
 * parquet-mr cannot decode raises {@link CorruptInputException} naming the file and the row.
 */
public final class ParquetGroupReader implements Closeable {

  private final String source;
  private final ParquetReader<Group> reader;
  private long rows;

  /** Opens {@code file}, reading the columns of {@code projection} (a subset of {@link #schema(Path)}). */
  public ParquetGroupReader(Path file, MessageType projection) {
    this(file, projection, Long.MAX_VALUE, null);
  }

  /**
   * Opens {@code file}, reading the columns of {@code projection}, when none of its row groups holds more than
   * {@code maxRowGroupBytes} in those columns (parquet-mr reads them whole); otherwise raises
   * {@link org.evshard.io.error.LimitExceededException} with {@code why} (where the limit comes from; may be null).
   */
  public ParquetGroupReader(Path file, MessageType projection, long maxRowGroupBytes, String why) {
    this.source = file.toString();
    try (ParquetFileReader footer = org.evshard.io.shard.ParquetFooters.open(file)) {
      // lengths checked before parquet-mr allocates by them
      org.evshard.io.shard.ParquetChunks.check(file, footer.getFooter(), projection);
      org.evshard.io.shard.ParquetChunks.checkRowGroups(file, footer.getFooter(), projection, maxRowGroupBytes, why);
    } catch (EvshardIoException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new CorruptInputException(source, -1, "cannot read the Parquet footer: " + e.getMessage(), e);
    }
    try {
      this.reader = new Builder(file, projection).build();
    } catch (IOException | RuntimeException e) {
      throw new CorruptInputException(source, -1, "cannot open as Parquet: " + e.getMessage(), e);
    }
  }

  /** The file's schema, from the footer only. */
  public static MessageType schema(Path file) {
    try (ParquetFileReader footer = org.evshard.io.shard.ParquetFooters.open(file)) {
      return footer.getFooter().getFileMetaData().getSchema();
    } catch (IOException | RuntimeException e) {
      throw new CorruptInputException(file.toString(), -1, "cannot read the Parquet footer: " + e.getMessage(), e);
    }
  }

  /** The next row, or null after the last. */
  public Group next() {
    try {
      Group g = reader.read();
      if (g != null) {
        rows++;
      }
      return g;
    } catch (IOException | RuntimeException e) {
      if (e instanceof EvshardIoException ex) {
        throw ex;
      }
      throw new CorruptInputException(source, -1, "cannot decode row " + rows + ": " + e.getMessage(), e);
    } catch (OutOfMemoryError e) { // one allocation by a length inside a page (ParquetChunks cannot see those)
      throw new CorruptInputException(source, -1, "cannot decode row " + rows + ": decoding a page ran out of memory"
          + " (a corrupt length in the file, or a heap too small for it): " + e.getMessage(), e);
    }
  }

  /** Rows returned so far; the last row returned has index {@code rowsRead() - 1}. */
  public long rowsRead() {
    return rows;
  }

  public String source() {
    return source;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  private static final class Projected extends ReadSupport<Group> {
    private final MessageType projection;

    Projected(MessageType projection) {
      this.projection = projection;
    }

    @Override
    public ReadContext init(InitContext context) {
      return new ReadContext(projection);
    }

    @Override
    public RecordMaterializer<Group> prepareForRead(Configuration conf, Map<String, String> meta, MessageType file,
        ReadContext context) {
      return new GroupRecordConverter(context.getRequestedSchema());
    }

    @Override
    public RecordMaterializer<Group> prepareForRead(ParquetConfiguration conf, Map<String, String> meta,
        MessageType file, ReadContext context) {
      return new GroupRecordConverter(context.getRequestedSchema());
    }
  }

  private static final class Builder extends ParquetReader.Builder<Group> {
    private final MessageType projection;

    Builder(Path file, MessageType projection) {
      super(new LocalInputFile(file), new PlainParquetConfiguration());
      this.projection = projection;
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new Projected(projection);
    }
  }
}
