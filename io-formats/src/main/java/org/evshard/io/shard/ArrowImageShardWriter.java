package org.evshard.io.shard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.evshard.io.error.ShardException;

/**
 * Writes an image shard as an Arrow IPC file: rows are collected by reference and written as a record batch once
 * {@link ShardWriteOptions#arrowBatchRows()} rows or about {@link #BATCH_BYTES} image bytes are pending. Owns its
 * allocator.
 */
final class ArrowImageShardWriter implements ImageShardWriter {

  /** Image and tensor bytes after which a batch is written. */
  static final long BATCH_BYTES = 64L << 20;

  private final String name;
  private final int batchRows;
  private final BufferAllocator allocator;
  private final VectorSchemaRoot root;
  private final ArrowFileWriter writer;
  private final List<ImageRow> pending = new ArrayList<>();
  private long pendingBytes;
  private long rows;
  private boolean closed;

  ArrowImageShardWriter(ChannelOutput out, String name, ShardWriteOptions options) {
    this.name = name;
    this.batchRows = options.arrowBatchRows();
    this.allocator = new RootAllocator(options.arrowAllocatorLimit());
    VectorSchemaRoot r = null;
    ArrowFileWriter w = null;
    try {
      r = VectorSchemaRoot.create(ImageShardSchema.arrow(options.toolVersion()), allocator);
      w = new ArrowFileWriter(r, null, ChannelOutput.asChannel(out));
      w.start();
    } catch (IOException | RuntimeException e) {
      ArrowShardWriter.closeQuietly(w, r);
      allocator.close();
      throw new ShardException(name, "cannot start Arrow image shard: " + e.getMessage(), e);
    }
    this.root = r;
    this.writer = w;
  }

  @Override
  public void write(ImageRow row) {
    if (closed) {
      throw new ShardException(name, "write after close");
    }
    pending.add(row);
    pendingBytes += row.image().length + (row.tensor() == null ? 0 : row.tensor().length);
    rows++;
    if (pending.size() >= batchRows || pendingBytes >= BATCH_BYTES) {
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
          : new ShardException(name, "cannot complete Arrow image shard: " + e.getMessage(), e);
    } finally {
      ArrowShardWriter.closeQuietly(writer, root);
      allocator.close();
    }
  }

  private void flush() {
    int n = pending.size();
    try {
      root.clear();
      VarCharVector sampleId = (VarCharVector) root.getVector(ImageShardSchema.SAMPLE_ID);
      VarCharVector dataset = (VarCharVector) root.getVector(ImageShardSchema.DATASET);
      VarCharVector split = (VarCharVector) root.getVector(ImageShardSchema.SPLIT);
      IntVector label = (IntVector) root.getVector(ImageShardSchema.LABEL);
      VarCharVector labelName = (VarCharVector) root.getVector(ImageShardSchema.LABEL_NAME);
      VarCharVector source = (VarCharVector) root.getVector(ImageShardSchema.SOURCE);
      VarCharVector caption = (VarCharVector) root.getVector(ImageShardSchema.CAPTION);
      IntVector width = (IntVector) root.getVector(ImageShardSchema.WIDTH);
      IntVector height = (IntVector) root.getVector(ImageShardSchema.HEIGHT);
      IntVector originalWidth = (IntVector) root.getVector(ImageShardSchema.ORIGINAL_WIDTH);
      IntVector originalHeight = (IntVector) root.getVector(ImageShardSchema.ORIGINAL_HEIGHT);
      VarCharVector sha256 = (VarCharVector) root.getVector(ImageShardSchema.SHA256);
      VarCharVector format = (VarCharVector) root.getVector(ImageShardSchema.IMAGE_FORMAT);
      VarBinaryVector image = (VarBinaryVector) root.getVector(ImageShardSchema.IMAGE);
      MapVector attributes = (MapVector) root.getVector(ImageShardSchema.ATTRIBUTES);
      VarBinaryVector tensor = (VarBinaryVector) root.getVector(ImageShardSchema.TENSOR);
      ListVector shape = (ListVector) root.getVector(ImageShardSchema.TENSOR_SHAPE);
      root.allocateNew();
      StructVector entries = (StructVector) attributes.getDataVector();
      VarCharVector keys = (VarCharVector) entries.getChild(ImageShardSchema.KEY);
      VarCharVector values = (VarCharVector) entries.getChild(ImageShardSchema.VALUE);
      IntVector dims = (IntVector) shape.getDataVector();
      int entry = 0;
      int dim = 0;
      for (int i = 0; i < n; i++) {
        ImageRow row = pending.get(i);
        sampleId.setSafe(i, utf8(row.sampleId()));
        dataset.setSafe(i, utf8(row.dataset()));
        split.setSafe(i, utf8(row.split()));
        if (row.label() != null) {
          label.setSafe(i, row.label());
          labelName.setSafe(i, utf8(row.labelName()));
        } else {
          label.setNull(i);
          labelName.setNull(i);
        }
        source.setSafe(i, utf8(row.source()));
        if (row.caption() != null) {
          caption.setSafe(i, utf8(row.caption()));
        } else {
          caption.setNull(i);
        }
        width.setSafe(i, row.width());
        height.setSafe(i, row.height());
        originalWidth.setSafe(i, row.originalWidth());
        originalHeight.setSafe(i, row.originalHeight());
        sha256.setSafe(i, utf8(row.sha256()));
        format.setSafe(i, utf8(row.imageFormat()));
        image.setSafe(i, row.image());
        attributes.startNewValue(i);
        for (Map.Entry<String, String> e : row.attributes().entrySet()) {
          entries.setIndexDefined(entry);
          keys.setSafe(entry, utf8(e.getKey()));
          values.setSafe(entry, utf8(e.getValue()));
          entry++;
        }
        attributes.endValue(i, row.attributes().size());
        if (row.tensor() != null) {
          tensor.setSafe(i, row.tensor());
          shape.startNewValue(i);
          for (int d : row.tensorShape()) {
            dims.setSafe(dim++, d);
          }
          shape.endValue(i, row.tensorShape().length);
        } else {
          tensor.setNull(i);
          shape.setNull(i);
        }
      }
      keys.setValueCount(entry);
      values.setValueCount(entry);
      entries.setValueCount(entry);
      dims.setValueCount(dim);
      root.setRowCount(n);
      writer.writeBatch();
    } catch (IOException | RuntimeException e) {
      throw new ShardException(name, "cannot write Arrow batch of " + n + " images: " + e.getMessage(), e);
    } finally {
      root.clear();
    }
    pending.clear();
    pendingBytes = 0;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
