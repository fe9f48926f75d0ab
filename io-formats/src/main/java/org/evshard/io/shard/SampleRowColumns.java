package org.evshard.io.shard;

import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Writes the scalar columns of one {@link SampleRow} into parquet-mr's column writers of a row group: required
 * top-level columns, so every value is at (r=0, d=0). The event lists go through {@link EventListColumn}.
 */
final class SampleRowColumns {

  static final int SCALARS = 10;

  private final ColumnWriter[] w;
  private final boolean partner;
  /** Index of the {@code metadata} column, -1 without one. */
  private final int metadata;

  SampleRowColumns(ColumnWriteStore store, List<ColumnDescriptor> columns) {
    String last = columns.get(columns.size() - 1).getPath()[0];
    metadata = last.equals(ShardSchema.METADATA) ? columns.size() - 1 : -1;
    int others = columns.size() - (metadata >= 0 ? 1 : 0);
    if (others != SCALARS && others != SCALARS + ShardSchema.STATIC_COLUMNS.size()) {
      throw new IllegalStateException("expected " + SCALARS + " scalar columns (and the static image's, and "
          + "metadata), got " + columns);
    }
    partner = others > SCALARS;
    w = new ColumnWriter[columns.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = store.getColumnWriter(columns.get(i));
    }
  }

  void write(SampleRow row) {
    w[0].write(Binary.fromString(row.sampleId()), 0, 0);
    w[1].write(Binary.fromString(row.dataset()), 0, 0);
    w[2].write(Binary.fromString(row.split()), 0, 0);
    w[3].write(row.label(), 0, 0);
    w[4].write(Binary.fromString(row.labelName()), 0, 0);
    w[5].write(Binary.fromString(row.source()), 0, 0);
    w[6].write(row.sensorWidth(), 0, 0);
    w[7].write(row.sensorHeight(), 0, 0);
    w[8].write(row.nEvents(), 0, 0);
    w[9].write(row.sliceIndex(), 0, 0);
    if (partner) {
      StaticImage s = row.partner();
      if (s == null) {
        throw new IllegalArgumentException("the shard pairs every row with a static image; sample " + row.sampleId()
            + " has none");
      }
      w[10].write(Binary.fromString(s.source()), 0, 0);
      w[11].write(Binary.fromString(s.labelName()), 0, 0);
      w[12].write(s.width(), 0, 0);
      w[13].write(s.height(), 0, 0);
      w[14].write(s.channels(), 0, 0);
      w[15].write(Binary.fromConstantByteArray(s.pixels()), 0, 0);
    }
    if (metadata >= 0) {
      w[metadata].write(Binary.fromString(row.metadata() == null ? "{}" : row.metadata()), 0, 0);
    }
  }
}
