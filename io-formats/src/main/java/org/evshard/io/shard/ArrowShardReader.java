package org.evshard.io.shard;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.util.ValueVectorUtility;
import org.evshard.io.error.ShardException;
import org.evshard.io.events.Events;

/**
 * Reads an Arrow IPC shard batch by batch with {@link ArrowFileReader}. The footer's batch lengths are checked
 * against the file size and the allocator limit before a batch is loaded, and every batch passes
 * {@link ValueVectorUtility#validateFull} before a row of it is read. Owns its allocator.
 */
public final class ArrowShardReader implements ShardReader {

  public static final long DEFAULT_ALLOCATOR_LIMIT = 1L << 30;

  private final String name;
  private final BufferAllocator allocator;
  private final FileChannel channel;
  private final ArrowFileReader reader;
  private VectorSchemaRoot root;
  private ShardLayout layout = ShardLayout.events();
  private boolean v1;
  private int batch = -1;
  private int batchRow;
  private int batchRows;
  private boolean closed;

  public ArrowShardReader(Path file) {
    this(file, DEFAULT_ALLOCATOR_LIMIT);
  }

  /**
   * Opens {@code file}: the footer's record batches must lie inside the file, and none may need more than
   * {@code allocatorLimit} bytes, before anything is read from them.
   */
  public ArrowShardReader(Path file, long allocatorLimit) {
    this.name = file.toString();
    this.allocator = new RootAllocator(allocatorLimit);
    FileChannel ch = null;
    ArrowFileReader r = null;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ);
      r = new ArrowFileReader(ch, allocator);
      this.root = r.getVectorSchemaRoot();
      ArrowBlocks.check(name, r, ch, allocatorLimit);
      checkSchema(root);
    } catch (IOException | RuntimeException e) {
      closeAll(r, ch, allocator);
      throw e instanceof ShardException s ? s : new ShardException(name, "cannot open Arrow shard: " + e.getMessage(), e);
    }
    this.channel = ch;
    this.reader = r;
  }

  /** The number of rows: the lengths of the record batches the footer lists, reading only their metadata. */
  public static long rowCount(Path file) {
    String name = file.toString();
    try (BufferAllocator allocator = new RootAllocator(1 << 24);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ArrowFileReader reader = new ArrowFileReader(ch, allocator)) {
      return ArrowBlocks.check(name, reader, ch, Long.MAX_VALUE);
    } catch (IOException | RuntimeException e) {
      throw e instanceof ShardException s ? s : new ShardException(name, "cannot read Arrow footer: " + e.getMessage(), e);
    }
  }

  /** Rows per (split, label, label_name). Arrow IPC batches load whole, so this reads every batch. */
  public static List<LabelCount> readLabels(Path file) {
    LabelCounter counter = new LabelCounter();
    try (ArrowShardReader r = new ArrowShardReader(file)) {
      while (r.loadNextBatch()) {
        VarCharVector split = (VarCharVector) r.root.getVector(ShardSchema.SPLIT);
        IntVector label = (IntVector) r.root.getVector(ShardSchema.LABEL);
        VarCharVector labelName = (VarCharVector) r.root.getVector(ShardSchema.LABEL_NAME);
        IntVector slice = r.v1 ? null : (IntVector) r.root.getVector(ShardSchema.SLICE_INDEX);
        for (int i = 0; i < r.batchRows; i++) {
          counter.add(string(split, i), label.get(i), string(labelName, i), slice == null ? -1 : slice.get(i));
        }
      }
    }
    return counter.counts();
  }

  @Override
  public boolean hasNext() {
    while (batchRow >= batchRows) {
      if (closed || !loadNextBatch()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public SampleRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException(name + ": no more rows");
    }
    int i = batchRow++;
    try {
      return layout.isTensor() ? tensorRow(i) : eventRow(i);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      // values no sample can have (SampleRow's own checks), or offsets validateFull lets through (Arrow Java 19 does
      // not check that a list's first offset is non-negative): ArrowBuf's bounds checks stop the read
      throw new ShardException(name, "record batch " + batch + ", row " + i + ": " + e.getMessage(), e);
    }
  }

  private SampleRow eventRow(int i) {
    ListVector xs = (ListVector) root.getVector(ShardSchema.X);
    int from = xs.getOffsetBuffer().getInt((long) i * ListVector.OFFSET_WIDTH);
    int to = xs.getOffsetBuffer().getInt((long) (i + 1) * ListVector.OFFSET_WIDTH);
    int n = to - from;
    if (from < 0 || n < 0) {
      throw new ShardException(name, "record batch " + batch + ", row " + i + ": column x has offsets " + from + ".."
          + to);
    }
    short[] x = shorts(xs, i, from, n);
    short[] y = shorts((ListVector) root.getVector(ShardSchema.Y), i, from, n);
    long[] t = longs((ListVector) root.getVector(ShardSchema.T), i, from, n);
    boolean[] p = booleans((ListVector) root.getVector(ShardSchema.P), i, from, n);
    long nEvents = ((BigIntVector) root.getVector(ShardSchema.N_EVENTS)).get(i);
    String sampleId = string((VarCharVector) root.getVector(ShardSchema.SAMPLE_ID), i);
    if (nEvents != n) {
      throw new ShardException(name, "sample " + sampleId + ": n_events is " + nEvents + " but the lists hold " + n);
    }
    return new SampleRow(sampleId, string((VarCharVector) root.getVector(ShardSchema.DATASET), i),
        string((VarCharVector) root.getVector(ShardSchema.SPLIT), i),
        ((IntVector) root.getVector(ShardSchema.LABEL)).get(i),
        string((VarCharVector) root.getVector(ShardSchema.LABEL_NAME), i),
        string((VarCharVector) root.getVector(ShardSchema.SOURCE), i),
        ((IntVector) root.getVector(ShardSchema.SENSOR_WIDTH)).get(i),
        ((IntVector) root.getVector(ShardSchema.SENSOR_HEIGHT)).get(i),
        n == 0 ? Events.empty() : Events.wrap(x, y, t, p), n,
        v1 ? -1 : ((IntVector) root.getVector(ShardSchema.SLICE_INDEX)).get(i), null, partner(i, sampleId),
        metadata(i));
  }

  /** The row's metadata (JSON), or null when the shard has none. */
  private String metadata(int i) {
    return layout.sampleMetadata() ? string((VarCharVector) root.getVector(ShardSchema.METADATA), i) : null;
  }

  /** The row's static image, or null when the shard has none. */
  private StaticImage partner(int i, String sampleId) {
    if (!layout.staticPartner()) {
      return null;
    }
    try {
      return new StaticImage(string((VarCharVector) root.getVector(ShardSchema.STATIC_SOURCE), i),
          string((VarCharVector) root.getVector(ShardSchema.STATIC_LABEL_NAME), i),
          ((IntVector) root.getVector(ShardSchema.STATIC_WIDTH)).get(i),
          ((IntVector) root.getVector(ShardSchema.STATIC_HEIGHT)).get(i),
          ((IntVector) root.getVector(ShardSchema.STATIC_CHANNELS)).get(i),
          ((org.apache.arrow.vector.VarBinaryVector) root.getVector(ShardSchema.STATIC_PIXELS)).get(i));
    } catch (IllegalArgumentException e) {
      throw new ShardException(name, "sample " + sampleId + ": " + e.getMessage(), e);
    }
  }

  private SampleRow tensorRow(int i) {
    ListVector shapes = (ListVector) root.getVector(ShardSchema.TENSOR_SHAPE);
    int sFrom = shapes.getOffsetBuffer().getInt((long) i * ListVector.OFFSET_WIDTH);
    int sTo = shapes.getOffsetBuffer().getInt((long) (i + 1) * ListVector.OFFSET_WIDTH);
    if (sFrom < 0 || sTo < sFrom) {
      throw new ShardException(name, "record batch " + batch + ", row " + i + ": column tensor_shape has offsets "
          + sFrom + ".." + sTo);
    }
    long[] shape = new long[sTo - sFrom];
    for (int d = 0; d < shape.length; d++) {
      shape[d] = ((BigIntVector) shapes.getDataVector()).get(sFrom + d);
    }
    FieldVector tv = root.getVector(ShardSchema.TENSOR);
    int from;
    int n;
    ArrowBuf data;
    if (tv instanceof FixedSizeListVector f) {
      n = f.getListSize();
      from = i * n;
      data = f.getDataVector().getDataBuffer();
    } else {
      ListVector l = (ListVector) tv;
      from = l.getOffsetBuffer().getInt((long) i * ListVector.OFFSET_WIDTH);
      n = l.getOffsetBuffer().getInt((long) (i + 1) * ListVector.OFFSET_WIDTH) - from;
      data = l.getDataVector().getDataBuffer();
    }
    if (from < 0 || n < 0) {
      throw new ShardException(name, "record batch " + batch + ", row " + i + ": column tensor has values " + from
          + ".." + ((long) from + n));
    }
    String sampleId = string((VarCharVector) root.getVector(ShardSchema.SAMPLE_ID), i);
    ShardTensor tensor;
    try {
      tensor = switch (layout.dtype()) {
        case INT16 -> {
          short[] a = new short[n];
          data.nioBuffer((long) from * 2, n * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(a);
          yield ShardTensor.ofInt16(shape, a);
        }
        case INT64 -> {
          long[] a = new long[n];
          data.nioBuffer((long) from * 8, n * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(a);
          yield ShardTensor.ofInt64(shape, a);
        }
        case FLOAT32 -> {
          float[] a = new float[n];
          data.nioBuffer((long) from * 4, n * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(a);
          yield ShardTensor.ofFloat32(shape, a);
        }
        case FLOAT64 -> {
          double[] a = new double[n];
          data.nioBuffer((long) from * 8, n * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(a);
          yield ShardTensor.ofFloat64(shape, a);
        }
      };
    } catch (IllegalArgumentException e) {
      throw new ShardException(name, "sample " + sampleId + ": tensor_shape does not match the tensor: "
          + e.getMessage(), e);
    }
    return new SampleRow(sampleId, string((VarCharVector) root.getVector(ShardSchema.DATASET), i),
        string((VarCharVector) root.getVector(ShardSchema.SPLIT), i),
        ((IntVector) root.getVector(ShardSchema.LABEL)).get(i),
        string((VarCharVector) root.getVector(ShardSchema.LABEL_NAME), i),
        string((VarCharVector) root.getVector(ShardSchema.SOURCE), i),
        ((IntVector) root.getVector(ShardSchema.SENSOR_WIDTH)).get(i),
        ((IntVector) root.getVector(ShardSchema.SENSOR_HEIGHT)).get(i),
        Events.empty(), ((BigIntVector) root.getVector(ShardSchema.N_EVENTS)).get(i),
        ((IntVector) root.getVector(ShardSchema.SLICE_INDEX)).get(i), tensor, partner(i, sampleId), metadata(i));
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      closeAll(reader, channel, allocator);
    }
  }

  /**
   * Loads the next record batch and checks it with {@link #validateFull} (offsets monotonic and inside their
   * children, buffers as long as the value counts need: a few microseconds per batch) and for nulls, so that every
   * offset {@link #next} reads is known good.
   */
  private boolean loadNextBatch() {
    batch++;
    try {
      if (!reader.loadNextBatch()) {
        batchRows = 0;
        batchRow = 0;
        return false;
      }
    } catch (IOException | RuntimeException e) {
      throw new ShardException(name, "cannot read Arrow record batch " + batch + ": " + e.getMessage(), e);
    }
    try {
      validateFull(root);
    } catch (RuntimeException e) {
      throw new ShardException(name, "record batch " + batch + " fails validation: " + e.getMessage(), e);
    }
    for (FieldVector v : root.getFieldVectors()) {
      if (v.getNullCount() != 0 || (v instanceof ListVector l && l.getDataVector().getNullCount() != 0)
          || (v instanceof FixedSizeListVector f && f.getDataVector().getNullCount() != 0)) {
        throw new ShardException(name, "record batch " + batch + ": column " + v.getName()
            + " holds nulls; the shard schema has none");
      }
    }
    batchRows = root.getRowCount();
    batchRow = 0;
    return true;
  }

  /**
   * {@link ValueVectorUtility#validateFull} on every column. Arrow Java 19's full validation of a
   * {@code FixedSizeListVector} asks it for an offset buffer and throws {@code UnsupportedOperationException}, so a
   * fixed-size list gets the structural {@code validate}, a full validation of its child and a length check instead.
   */
  public static void validateFull(VectorSchemaRoot root) {
    for (FieldVector v : root.getFieldVectors()) {
      if (v instanceof FixedSizeListVector f) {
        ValueVectorUtility.validate(f);
        ValueVectorUtility.validateFull(f.getDataVector());
        if (f.getDataVector().getValueCount() < (long) f.getValueCount() * f.getListSize()) {
          throw new IllegalStateException(v.getName() + ": " + f.getValueCount() + " lists of "
              + f.getListSize() + " need " + (long) f.getValueCount() * f.getListSize() + " values, child has "
              + f.getDataVector().getValueCount());
        }
      } else {
        ValueVectorUtility.validateFull(v);
      }
    }
  }

  private void checkSchema(VectorSchemaRoot r) {
    Map<String, String> meta = r.getSchema().getCustomMetadata();
    String version = meta == null ? null : meta.get(ShardSchema.KEY_SCHEMA_VERSION);
    v1 = ShardSchema.SCHEMA_VERSION_1.equals(version);
    if (!v1 && !ShardSchema.SCHEMA_VERSION.equals(version)) {
      throw new ShardException(name, "expected " + ShardSchema.KEY_SCHEMA_VERSION + " = " + ShardSchema.SCHEMA_VERSION
          + " (or " + ShardSchema.SCHEMA_VERSION_1 + "), found " + version);
    }
    layout = v1 ? ShardLayout.events() : ShardSchema.layoutOf(meta, name);
    List<org.apache.arrow.vector.types.pojo.Field> expected = v1 ? ShardSchema.arrowFieldsV1()
        : ShardSchema.arrowFields(layout);
    if (!r.getSchema().getFields().equals(expected)) {
      throw new ShardException(name, "expected columns " + expected + ", found " + r.getSchema().getFields());
    }
  }

  private void checkLength(ListVector list, int row, int from, int n) {
    int f = list.getOffsetBuffer().getInt((long) row * ListVector.OFFSET_WIDTH);
    int t = list.getOffsetBuffer().getInt((long) (row + 1) * ListVector.OFFSET_WIDTH);
    if (f != from || t - f != n) {
      throw new ShardException(name, "row " + row + " of the batch: column " + list.getName() + " has offsets " + f
          + ".." + t + ", column x has " + from + ".." + (from + n));
    }
  }

  private short[] shorts(ListVector list, int row, int from, int n) {
    checkLength(list, row, from, n);
    short[] out = new short[n];
    if (n > 0) {
      ArrowBuf data = list.getDataVector().getDataBuffer();
      data.nioBuffer((long) from * 2, n * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
    }
    return out;
  }

  private long[] longs(ListVector list, int row, int from, int n) {
    checkLength(list, row, from, n);
    long[] out = new long[n];
    if (n > 0) {
      ArrowBuf data = list.getDataVector().getDataBuffer();
      data.nioBuffer((long) from * 8, n * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
    }
    return out;
  }

  private boolean[] booleans(ListVector list, int row, int from, int n) {
    checkLength(list, row, from, n);
    ArrowBuf bits = ((BitVector) list.getDataVector()).getDataBuffer();
    boolean[] out = new boolean[n];
    for (int j = 0; j < n; j++) {
      int at = from + j;
      out[j] = ((bits.getByte(at >>> 3) >>> (at & 7)) & 1) != 0;
    }
    return out;
  }

  private static String string(VarCharVector v, int i) {
    return new String(v.get(i), StandardCharsets.UTF_8);
  }

  private static void closeAll(ArrowFileReader r, FileChannel ch, BufferAllocator allocator) {
    try {
      if (r != null) {
        r.close();
      }
      if (ch != null) {
        ch.close();
      }
    } catch (IOException e) {
      // read only; nothing is lost
    } finally {
      allocator.close();
    }
  }
}
