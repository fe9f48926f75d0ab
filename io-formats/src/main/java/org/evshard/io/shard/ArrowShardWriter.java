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
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.evshard.io.error.ShardException;

/**
 * Writes an Arrow IPC file: rows are collected (by reference) until a batch holds
 * {@link ShardWriteOptions#arrowBatchRows()} rows or {@link ShardWriteOptions#arrowBatchEvents()} events, then the
 * event columns are copied into the child buffers in bulk and the batch is written. Owns its allocator.
 */
public final class ArrowShardWriter implements ShardWriter {

  /** Largest number of list elements one batch can address with Arrow's 32-bit list offsets. */
  private static final long MAX_BATCH_EVENTS = Integer.MAX_VALUE - 8;

  private final String name;
  private final ShardWriteOptions options;
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
    this.allocator = new RootAllocator(options.arrowAllocatorLimit());
    VectorSchemaRoot r = null;
    ArrowFileWriter w = null;
    try {
      r = VectorSchemaRoot.create(ShardSchema.arrow(options.toolVersion()), allocator);
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
    if (!pending.isEmpty() && pendingEvents + row.nEvents() > MAX_BATCH_EVENTS) {
      flush();
    }
    pending.add(row);
    pendingEvents += row.nEvents();
    rows++;
    if (pending.size() >= options.arrowBatchRows() || pendingEvents >= options.arrowBatchEvents()) {
      flush();
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
      int total = (int) pendingEvents;
      fillShorts((ListVector) root.getVector(ShardSchema.X), n, total, true);
      fillShorts((ListVector) root.getVector(ShardSchema.Y), n, total, false);
      fillLongs((ListVector) root.getVector(ShardSchema.T), n, total);
      fillBooleans((ListVector) root.getVector(ShardSchema.P), n, total);
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
        default -> row.source();
      };
      v.setSafe(i, s.getBytes(StandardCharsets.UTF_8));
    }
    v.setValueCount(n);
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

  private void fillBooleans(ListVector list, int n, int total) {
    BitVector child = (BitVector) prepareList(list, n, total);
    byte[] bits = new byte[(total + 7) / 8];
    int at = 0;
    for (int i = 0; i < n; i++) {
      boolean[] values = pending.get(i).events().p();
      list.startNewValue(i);
      for (boolean v : values) {
        if (v) {
          bits[at >>> 3] |= (byte) (1 << (at & 7));
        }
        at++;
      }
      list.endValue(i, values.length);
    }
    child.getDataBuffer().setBytes(0, bits, 0, bits.length);
    child.setValueCount(total);
    list.setValueCount(n);
  }

  private static void closeQuietly(ArrowFileWriter w, VectorSchemaRoot r) {
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
