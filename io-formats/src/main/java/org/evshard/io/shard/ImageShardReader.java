package org.evshard.io.shard;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.util.ValueVectorUtility;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.error.ShardException;

/**
 * Reads an image shard (Parquet or Arrow IPC, by extension) row by row into {@link ImageRow}s. Rejects a file whose
 * {@code evshard.layout} is not {@code image}. Arrow batches are checked with {@code validateFull} and read off-heap
 * (within the allocator's limit), one row copied at a time; a Parquet row group holding more than a limit (by default
 * {@link #heapRowGroupBytes}) is refused, naming it, before any of it is read.
 */
public final class ImageShardReader implements Closeable {

  private final String name;
  private final ParquetReader<Group> parquet;
  private final BufferAllocator allocator;
  private final FileChannel channel;
  private final ArrowFileReader arrow;
  private VectorSchemaRoot root;
  private int batchRow;
  private int batchRows;

  /** Opens {@code file}, refusing a Parquet row group of more than {@link #heapRowGroupBytes} bytes. */
  public ImageShardReader(Path file) {
    this(file, heapRowGroupBytes(), ParquetChunks.heapLimitWhy("an eighth",
        "a row group's column chunks in memory while each image is copied out of them"));
  }

  /**
   * Opens {@code file}, refusing a Parquet row group of more than {@code maxRowGroupBytes} bytes; {@code why}, if not
   * null, says where the limit comes from.
   */
  public ImageShardReader(Path file, long maxRowGroupBytes, String why) {
    this.name = file.toString();
    ShardFormat format = ShardFormat.ofFile(file);
    try {
      if (format == ShardFormat.PARQUET) {
        try (ParquetFileReader footer = ParquetFooters.open(file)) {
          checkLayout(footer.getFooter().getFileMetaData().getKeyValueMetaData());
          ParquetChunks.check(file, footer.getFooter(), null); // lengths checked before parquet-mr allocates
          ParquetChunks.checkRowGroups(file, footer.getFooter(), null, maxRowGroupBytes, why);
        }
        parquet = new Builder(new LocalInputFile(file)).build();
        allocator = null;
        channel = null;
        arrow = null;
      } else {
        parquet = null;
        allocator = new RootAllocator(ShardWriteOptions.DEFAULT_ALLOCATOR_LIMIT);
        channel = FileChannel.open(file, StandardOpenOption.READ);
        arrow = openArrow(channel, allocator);
      }
    } catch (IOException | RuntimeException e) {
      throw e instanceof EvshardIoException x ? x
          : new ShardException(name, "cannot open image shard: " + e.getMessage(), e);
    }
  }

  /**
   * An eighth of this JVM's maximum heap: the most a Parquet row group may hold by default. parquet-mr holds the
   * row group's column chunks while its rows are read, each image is copied out of them into its row, and the caller
   * decodes it; a pipeline worker may read another shard beside it.
   */
  public static long heapRowGroupBytes() {
    return Runtime.getRuntime().maxMemory() / 8;
  }

  /**
   * An Arrow reader over {@code ch} whose layout and footer blocks (inside the file, within the allocator's limit)
   * were checked; on a failed check the channel and the allocator are closed.
   */
  private ArrowFileReader openArrow(FileChannel ch, BufferAllocator allocator) throws IOException {
    try {
      ArrowFileReader reader = new ArrowFileReader(ch, allocator);
      checkLayout(reader.getVectorSchemaRoot().getSchema().getCustomMetadata());
      ArrowBlocks.check(name, reader, ch, ShardWriteOptions.DEFAULT_ALLOCATOR_LIMIT);
      return reader;
    } catch (IOException | RuntimeException e) {
      try {
        ch.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      allocator.close();
      throw e;
    }
  }

  /** The {@code evshard.layout} a shard's file metadata names ({@code events} when absent, as readers assume). */
  public static String layoutOf(Path file) {
    String layout = ShardFormat.ofFile(file).readMetadata(file).get(ShardSchema.KEY_LAYOUT);
    return layout == null ? "events" : layout;
  }

  /** Reads every row of {@code file}. */
  public static List<ImageRow> readAll(Path file) {
    try (ImageShardReader r = new ImageShardReader(file)) {
      List<ImageRow> rows = new java.util.ArrayList<>();
      for (ImageRow row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
      return rows;
    }
  }

  /** The next row, or null at the end. */
  public ImageRow next() {
    try {
      if (parquet != null) {
        Group g = parquet.read();
        return g == null ? null : fromGroup(g);
      }
      while (batchRow == batchRows) {
        if (!arrow.loadNextBatch()) {
          return null;
        }
        root = arrow.getVectorSchemaRoot();
        validate(root);
        batchRow = 0;
        batchRows = root.getRowCount();
      }
      return fromArrow(root, batchRow++);
    } catch (IOException | RuntimeException e) {
      throw e instanceof ShardException s ? s : new ShardException(name, "cannot read image shard: "
          + e.getMessage(), e);
    } catch (OutOfMemoryError e) { // one allocation by a length inside a page (ParquetChunks cannot see those)
      throw new ShardException(name, "cannot read image shard: decoding ran out of memory (a corrupt length in the "
          + "file, or a heap too small for it): " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      if (parquet != null) {
        parquet.close();
      } else {
        arrow.close();
        channel.close();
        allocator.close();
      }
    } catch (IOException e) {
      throw new ShardException(name, "cannot close image shard: " + e.getMessage(), e);
    }
  }

  /**
   * {@code validateFull} on every column. Arrow Java 19's type visitor rejects every {@link MapVector} ("Incorrect
   * arrow type ... Map"), so the map column is checked through its entries plus its offsets by hand.
   */
  private void validate(VectorSchemaRoot root) {
    for (org.apache.arrow.vector.FieldVector v : root.getFieldVectors()) {
      if (v instanceof MapVector map) {
        ValueVectorUtility.validateFull(map.getDataVector());
        int entries = map.getDataVector().getValueCount();
        int previous = 0;
        for (int i = 0; i < map.getValueCount(); i++) {
          int start = map.getElementStartIndex(i);
          int end = map.getElementEndIndex(i);
          if (start != previous || end < start || end > entries) {
            throw new ShardException(name, "column " + v.getName() + ": bad map offsets " + start + ".." + end
                + " at row " + i + " of a batch with " + entries + " entries");
          }
          previous = end;
        }
      } else {
        ValueVectorUtility.validateFull(v);
      }
    }
  }

  private void checkLayout(Map<String, String> meta) {
    String layout = meta == null ? null : meta.get(ShardSchema.KEY_LAYOUT);
    if (!ImageShardSchema.LAYOUT.equals(layout)) {
      throw new ShardException(name, "expected " + ShardSchema.KEY_LAYOUT + " '" + ImageShardSchema.LAYOUT
          + "', found " + (layout == null ? "none" : "'" + layout + "'"));
    }
  }

  private static ImageRow fromGroup(Group g) {
    boolean labelled = g.getFieldRepetitionCount(ImageShardSchema.LABEL) > 0;
    Map<String, String> attributes = new TreeMap<>();
    Group map = g.getGroup(ImageShardSchema.ATTRIBUTES, 0);
    for (int i = 0; i < map.getFieldRepetitionCount(ImageShardSchema.KEY_VALUE); i++) {
      Group kv = map.getGroup(ImageShardSchema.KEY_VALUE, i);
      attributes.put(kv.getString(ImageShardSchema.KEY, 0), kv.getString(ImageShardSchema.VALUE, 0));
    }
    byte[] tensor = null;
    int[] shape = null;
    if (g.getFieldRepetitionCount(ImageShardSchema.TENSOR) > 0) {
      tensor = g.getBinary(ImageShardSchema.TENSOR, 0).getBytes();
      Group list = g.getGroup(ImageShardSchema.TENSOR_SHAPE, 0);
      shape = new int[list.getFieldRepetitionCount(ShardSchema.LIST)];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = list.getGroup(ShardSchema.LIST, i).getInteger(ShardSchema.ELEMENT, 0);
      }
    }
    return new ImageRow(g.getString(ImageShardSchema.SAMPLE_ID, 0), g.getString(ImageShardSchema.DATASET, 0),
        g.getString(ImageShardSchema.SPLIT, 0), labelled ? g.getInteger(ImageShardSchema.LABEL, 0) : null,
        labelled ? g.getString(ImageShardSchema.LABEL_NAME, 0) : null, g.getString(ImageShardSchema.SOURCE, 0),
        g.getFieldRepetitionCount(ImageShardSchema.CAPTION) > 0 ? g.getString(ImageShardSchema.CAPTION, 0) : null,
        g.getInteger(ImageShardSchema.WIDTH, 0), g.getInteger(ImageShardSchema.HEIGHT, 0),
        g.getInteger(ImageShardSchema.ORIGINAL_WIDTH, 0), g.getInteger(ImageShardSchema.ORIGINAL_HEIGHT, 0),
        g.getString(ImageShardSchema.SHA256, 0), g.getString(ImageShardSchema.IMAGE_FORMAT, 0),
        g.getBinary(ImageShardSchema.IMAGE, 0).getBytes(), attributes, tensor, shape);
  }

  private static ImageRow fromArrow(VectorSchemaRoot root, int i) {
    IntVector label = (IntVector) root.getVector(ImageShardSchema.LABEL);
    VarCharVector caption = (VarCharVector) root.getVector(ImageShardSchema.CAPTION);
    MapVector attributes = (MapVector) root.getVector(ImageShardSchema.ATTRIBUTES);
    StructVector entries = (StructVector) attributes.getDataVector();
    VarCharVector keys = (VarCharVector) entries.getChild(ImageShardSchema.KEY);
    VarCharVector values = (VarCharVector) entries.getChild(ImageShardSchema.VALUE);
    Map<String, String> attrs = new TreeMap<>();
    for (int e = attributes.getElementStartIndex(i); e < attributes.getElementEndIndex(i); e++) {
      attrs.put(string(keys, e), string(values, e));
    }
    VarBinaryVector tensor = (VarBinaryVector) root.getVector(ImageShardSchema.TENSOR);
    ListVector shapes = (ListVector) root.getVector(ImageShardSchema.TENSOR_SHAPE);
    int[] shape = null;
    if (!shapes.isNull(i)) {
      IntVector dims = (IntVector) shapes.getDataVector();
      int from = shapes.getElementStartIndex(i);
      shape = new int[shapes.getElementEndIndex(i) - from];
      for (int d = 0; d < shape.length; d++) {
        shape[d] = dims.get(from + d);
      }
    }
    return new ImageRow(string(root, ImageShardSchema.SAMPLE_ID, i), string(root, ImageShardSchema.DATASET, i),
        string(root, ImageShardSchema.SPLIT, i), label.isNull(i) ? null : label.get(i),
        label.isNull(i) ? null : string(root, ImageShardSchema.LABEL_NAME, i),
        string(root, ImageShardSchema.SOURCE, i), caption.isNull(i) ? null : string(caption, i),
        integer(root, ImageShardSchema.WIDTH, i), integer(root, ImageShardSchema.HEIGHT, i),
        integer(root, ImageShardSchema.ORIGINAL_WIDTH, i), integer(root, ImageShardSchema.ORIGINAL_HEIGHT, i),
        string(root, ImageShardSchema.SHA256, i), string(root, ImageShardSchema.IMAGE_FORMAT, i),
        ((VarBinaryVector) root.getVector(ImageShardSchema.IMAGE)).get(i), attrs,
        tensor.isNull(i) ? null : tensor.get(i), shape);
  }

  private static String string(VectorSchemaRoot root, String column, int i) {
    return string((VarCharVector) root.getVector(column), i);
  }

  private static String string(VarCharVector v, int i) {
    return new String(v.get(i), StandardCharsets.UTF_8);
  }

  private static int integer(VectorSchemaRoot root, String column, int i) {
    return ((IntVector) root.getVector(column)).get(i);
  }

  private static final class Builder extends ParquetReader.Builder<Group> {

    Builder(InputFile file) {
      super(file, new PlainParquetConfiguration());
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }
}
