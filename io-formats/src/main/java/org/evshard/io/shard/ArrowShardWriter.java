package org.evshard.io.shard;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.evshard.io.error.ShardException;
import org.evshard.io.error.Wording;

/**
 * Writes an Arrow IPC file: rows are collected (by reference) until a batch holds
 * {@link ShardWriteOptions#arrowBatchRows()} rows or {@link ShardWriteOptions#arrowBatchEvents()} events, then the
 * event columns are copied into the child buffers in bulk and the batch is written. In the tensor layout
 * ({@link ShardLayout}) the {@code tensor} column is a list, or with a fixed shape a {@code FixedSizeList} carrying
 * Arrow's canonical {@code arrow.fixed_shape_tensor} extension metadata, and the batch limit counts tensor elements
 * instead of events. Owns its allocator.
 */
public final class ArrowShardWriter implements ShardWriter {

  /** Largest number of list elements one batch can address with Arrow's 32-bit list offsets. */
  private static final long MAX_BATCH_EVENTS = Integer.MAX_VALUE - 8;

  private final String name;
  private final ShardWriteOptions options;
  private final ShardLayout layout;
  private final BufferAllocator allocator;
  private final VectorSchemaRoot root;
  private final ArrowFileWriter writer;
  private final List<SampleRow> pending = new ArrayList<>();
  private long pendingEvents;
  private long rows;
  private boolean closed;

  /** Writes to {@code channel}, which stays open after {@link #close()} (Beam's FileIO closes it). */
  public ArrowShardWriter(WritableByteChannel channel, String name, ShardWriteOptions options) {
    this(new ChannelOutput(channel, false), name, options);
  }

  ArrowShardWriter(ChannelOutput out, String name, ShardWriteOptions options) {
    this.name = name;
    this.options = options;
    this.layout = options.layout();
    this.allocator = new RootAllocator(options.arrowAllocatorLimit());
    VectorSchemaRoot r = null;
    ArrowFileWriter w = null;
    try {
      r = VectorSchemaRoot.create(ShardSchema.arrow(options.toolVersion(), layout, options.transforms()),
          allocator);
      w = new ArrowFileWriter(r, null, ChannelOutput.asChannel(out));
      w.start();
    } catch (IOException | RuntimeException e) {
      closeQuietly(w, r);
      allocator.close();
      throw new ShardException(name, "cannot start Arrow shard: " + e.getMessage(), e);
    }
    this.root = r;
    this.writer = w;
  }

  @Override
  public void write(SampleRow row) {
    if (closed) {
      throw new ShardException(name, "write after close");
    }
    check(row);
    long weight = layout.isTensor() ? row.tensor().size() : row.nEvents();
    if (!pending.isEmpty() && pendingEvents + weight > MAX_BATCH_EVENTS) {
      flush();
    }
    pending.add(row);
    pendingEvents += weight;
    rows++;
    if (pending.size() >= options.arrowBatchRows() || pendingEvents >= options.arrowBatchEvents()) {
      flush();
    }
  }

  private void check(SampleRow row) {
    if (layout.staticPartner() != (row.partner() != null)) {
      throw new ShardException(name, "sample " + row.sampleId() + ": the shard " + (layout.staticPartner()
          ? "pairs every row with a static image, the row has none" : "has no static images, the row has one"));
    }
    if (row.metadata() != null && !layout.sampleMetadata()) {
      throw new ShardException(name, "sample " + row.sampleId() + ": the shard has no metadata column, the row has "
          + "metadata");
    }
    if (layout.isTensor()) {
      ShardTensor t = row.tensor();
      if (t == null || t.dtype() != layout.dtype()) {
        throw new ShardException(name, "sample " + row.sampleId() + ": expected "
            + Wording.article(layout.dtype().numpyName()) + " tensor, got " + t);
      }
      if (layout.fixedShape() != null && !java.util.Arrays.equals(layout.fixedShape(), t.shape())) {
        throw new ShardException(name, "sample " + row.sampleId() + ": tensor " + t + " differs from the fixed "
            + "shape " + java.util.Arrays.toString(layout.fixedShape()));
      }
    } else if (row.tensor() != null || row.events().size() != row.nEvents()) {
      throw new ShardException(name, "sample " + row.sampleId() + ": the shard holds event lists, the row "
          + (row.tensor() != null ? "a tensor" : "lacks its events"));
    }
  }

  @Override
  public long rowCount() {
    return rows;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!pending.isEmpty()) {
        flush();
      }
      writer.end();
      writer.close();
    } catch (IOException | RuntimeException e) {
      throw e instanceof ShardException s ? s
          : new ShardException(name, "cannot complete Arrow shard: " + e.getMessage(), e);
    } finally {
      closeQuietly(writer, root);
      allocator.close();
    }
  }

  private void flush() {
    int n = pending.size();
    try {
      root.clear();
      fillStrings(ShardSchema.SAMPLE_ID, n);
      fillStrings(ShardSchema.DATASET, n);
      fillStrings(ShardSchema.SPLIT, n);
      fillInts(ShardSchema.LABEL, n);
      fillStrings(ShardSchema.LABEL_NAME, n);
      fillStrings(ShardSchema.SOURCE, n);
      fillInts(ShardSchema.SENSOR_WIDTH, n);
      fillInts(ShardSchema.SENSOR_HEIGHT, n);
      BigIntVector nEvents = (BigIntVector) root.getVector(ShardSchema.N_EVENTS);
      nEvents.allocateNew(n);
      for (int i = 0; i < n; i++) {
        nEvents.set(i, pending.get(i).nEvents());
      }
      nEvents.setValueCount(n);
      IntVector slice = (IntVector) root.getVector(ShardSchema.SLICE_INDEX);
      slice.allocateNew(n);
      for (int i = 0; i < n; i++) {
        slice.set(i, pending.get(i).sliceIndex());
      }
      slice.setValueCount(n);
      if (layout.staticPartner()) {
        fillPartners(n);
      }
      if (layout.sampleMetadata()) {
        fillStrings(ShardSchema.METADATA, n);
      }
      int total = (int) pendingEvents;
      if (layout.isTensor()) {
        fillTensors(n, total);
      } else {
        fillShorts((ListVector) root.getVector(ShardSchema.X), n, total, true);
        fillShorts((ListVector) root.getVector(ShardSchema.Y), n, total, false);
        fillLongs((ListVector) root.getVector(ShardSchema.T), n, total);
        fillBooleans((ListVector) root.getVector(ShardSchema.P), n, total);
      }
      root.setRowCount(n);
      writer.writeBatch();
    } catch (IOException | RuntimeException e) {
      throw new ShardException(name, "cannot write Arrow batch of " + n + " rows: " + e.getMessage(), e);
    } finally {
      root.clear();
    }
    pending.clear();
    pendingEvents = 0;
  }

  private void fillStrings(String column, int n) {
    VarCharVector v = (VarCharVector) root.getVector(column);
    v.allocateNew(n);
    for (int i = 0; i < n; i++) {
      SampleRow row = pending.get(i);
      String s = switch (column) {
        case ShardSchema.SAMPLE_ID -> row.sampleId();
        case ShardSchema.DATASET -> row.dataset();
        case ShardSchema.SPLIT -> row.split();
        case ShardSchema.LABEL_NAME -> row.labelName();
        case ShardSchema.METADATA -> row.metadata() == null ? "{}" : row.metadata();
        default -> row.source();
      };
      v.setSafe(i, s.getBytes(StandardCharsets.UTF_8));
    }
    v.setValueCount(n);
  }

  private void fillPartners(int n) {
    VarCharVector source = (VarCharVector) root.getVector(ShardSchema.STATIC_SOURCE);
    VarCharVector label = (VarCharVector) root.getVector(ShardSchema.STATIC_LABEL_NAME);
    IntVector width = (IntVector) root.getVector(ShardSchema.STATIC_WIDTH);
    IntVector height = (IntVector) root.getVector(ShardSchema.STATIC_HEIGHT);
    IntVector channels = (IntVector) root.getVector(ShardSchema.STATIC_CHANNELS);
    org.apache.arrow.vector.VarBinaryVector pixels =
        (org.apache.arrow.vector.VarBinaryVector) root.getVector(ShardSchema.STATIC_PIXELS);
    source.allocateNew(n);
    label.allocateNew(n);
    width.allocateNew(n);
    height.allocateNew(n);
    channels.allocateNew(n);
    pixels.allocateNew(n);
    for (int i = 0; i < n; i++) {
      StaticImage s = pending.get(i).partner();
      source.setSafe(i, s.source().getBytes(StandardCharsets.UTF_8));
      label.setSafe(i, s.labelName().getBytes(StandardCharsets.UTF_8));
      width.set(i, s.width());
      height.set(i, s.height());
      channels.set(i, s.channels());
      pixels.setSafe(i, s.pixels());
    }
    for (org.apache.arrow.vector.ValueVector v : List.of(source, label, width, height, channels, pixels)) {
      v.setValueCount(n);
    }
  }

  private void fillInts(String column, int n) {
    IntVector v = (IntVector) root.getVector(column);
    v.allocateNew(n);
    for (int i = 0; i < n; i++) {
      SampleRow row = pending.get(i);
      v.set(i, switch (column) {
        case ShardSchema.LABEL -> row.label();
        case ShardSchema.SENSOR_WIDTH -> row.sensorWidth();
        default -> row.sensorHeight();
      });
    }
    v.setValueCount(n);
  }

  /** Allocates the list's offsets and a child of exactly {@code total} values, all marked valid. */
  private static BaseFixedWidthVector prepareList(ListVector list, int n, int total) {
    list.setInitialCapacity(n);
    list.allocateNew();
    BaseFixedWidthVector child = (BaseFixedWidthVector) list.getDataVector();
    child.allocateNew(Math.max(total, 1));
    child.getValidityBuffer().setOne(0, (total + 7) / 8);
    return child;
  }

  private void fillShorts(ListVector list, int n, int total, boolean x) {
    BaseFixedWidthVector child = prepareList(list, n, total);
    ArrowBuf data = child.getDataBuffer();
    long at = 0;
    for (int i = 0; i < n; i++) {
      short[] values = x ? pending.get(i).events().x() : pending.get(i).events().y();
      list.startNewValue(i);
      if (values.length > 0) {
        data.nioBuffer(at, values.length * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(values);
        at += values.length * 2L;
      }
      list.endValue(i, values.length);
    }
    child.setValueCount(total);
    list.setValueCount(n);
  }

  private void fillLongs(ListVector list, int n, int total) {
    BaseFixedWidthVector child = prepareList(list, n, total);
    ArrowBuf data = child.getDataBuffer();
    long at = 0;
    for (int i = 0; i < n; i++) {
      long[] values = pending.get(i).events().t();
      list.startNewValue(i);
      if (values.length > 0) {
        data.nioBuffer(at, values.length * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(values);
        at += values.length * 8L;
      }
      list.endValue(i, values.length);
    }
    child.setValueCount(total);
    list.setValueCount(n);
  }

  private void fillTensors(int n, int total) {
    int width = switch (layout.dtype()) {
      case INT16 -> 2;
      case FLOAT32 -> 4;
      case INT64, FLOAT64 -> 8;
    };
    BaseFixedWidthVector child;
    ListVector list = null;
    if (layout.fixedShape() != null) {
      FixedSizeListVector fixed = (FixedSizeListVector) root.getVector(ShardSchema.TENSOR);
      fixed.setInitialCapacity(n);
      fixed.allocateNew();
      child = (BaseFixedWidthVector) fixed.getDataVector();
      child.allocateNew(Math.max(total, 1));
      child.getValidityBuffer().setOne(0, (total + 7) / 8);
      for (int i = 0; i < n; i++) {
        fixed.setNotNull(i);
      }
      fixed.setValueCount(n);
    } else {
      list = (ListVector) root.getVector(ShardSchema.TENSOR);
      child = prepareList(list, n, total);
    }
    ArrowBuf data = child.getDataBuffer();
    long at = 0;
    for (int i = 0; i < n; i++) {
      ShardTensor t = pending.get(i).tensor();
      int len = t.size();
      if (list != null) {
        list.startNewValue(i);
      }
      if (len > 0) {
        java.nio.ByteBuffer b = data.nioBuffer(at, len * width).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
          case INT16 -> b.asShortBuffer().put((short[]) t.data());
          case INT64 -> b.asLongBuffer().put((long[]) t.data());
          case FLOAT32 -> b.asFloatBuffer().put((float[]) t.data());
          case FLOAT64 -> b.asDoubleBuffer().put((double[]) t.data());
        }
        at += (long) len * width;
      }
      if (list != null) {
        list.endValue(i, len);
      }
    }
    child.setValueCount(total);
    if (list != null) {
      list.setValueCount(n);
    }
    ListVector shapes = (ListVector) root.getVector(ShardSchema.TENSOR_SHAPE);
    int dims = 0;
    for (SampleRow r : pending) {
      dims += r.tensor().shape().length;
    }
    BaseFixedWidthVector shapeChild = prepareList(shapes, n, dims);
    ArrowBuf shapeData = shapeChild.getDataBuffer();
    long sat = 0;
    for (int i = 0; i < n; i++) {
      long[] shape = pending.get(i).tensor().shape();
      shapes.startNewValue(i);
      for (long d : shape) {
        shapeData.setLong(sat, d);
        sat += 8;
      }
      shapes.endValue(i, shape.length);
    }
    shapeChild.setValueCount(dims);
    shapes.setValueCount(n);
  }

  private void fillBooleans(ListVector list, int n, int total) {
    BitVector child = (BitVector) prepareList(list, n, total);
    byte[] bits = new byte[(total + 7) / 8];
    int at = 0;
    for (int i = 0; i < n; i++) {
      boolean[] values = pending.get(i).events().p();
      list.startNewValue(i);
      at = packBits(values, bits, at);
      list.endValue(i, values.length);
    }
    child.getDataBuffer().setBytes(0, bits, 0, bits.length);
    child.setValueCount(total);
    list.setValueCount(n);
  }

  /**
   * Sets bit {@code at + k} of {@code bits} (least significant first, zero so far) for every true {@code values[k]};
   * returns {@code at + values.length}. Branch-free, and whole bytes 8 values at a time: random polarities made the
   * bit-by-bit loop mispredict every other event.
   */
  static int packBits(boolean[] values, byte[] bits, int at) {
    int m = values.length;
    int k = 0;
    for (; k < m && (at & 7) != 0; k++, at++) {
      bits[at >>> 3] |= (byte) ((values[k] ? 1 : 0) << (at & 7));
    }
    for (; k + 8 <= m; k += 8, at += 8) {
      bits[at >>> 3] = (byte) ((values[k] ? 1 : 0) | (values[k + 1] ? 2 : 0) | (values[k + 2] ? 4 : 0)
          | (values[k + 3] ? 8 : 0) | (values[k + 4] ? 16 : 0) | (values[k + 5] ? 32 : 0) | (values[k + 6] ? 64 : 0)
          | (values[k + 7] ? 128 : 0));
    }
    for (; k < m; k++, at++) {
      bits[at >>> 3] |= (byte) ((values[k] ? 1 : 0) << (at & 7));
    }
    return at;
  }

  /** Closes a writer and its root after a failure, keeping the first error (also used by the image writer). */
  static void closeQuietly(ArrowFileWriter w, VectorSchemaRoot r) {
    try {
      if (w != null) {
        w.close();
      }
    } catch (RuntimeException ignored) {
      // already failing; the allocator close below reports leaks
    }
    if (r != null) {
      r.close();
    }
  }
}
