package org.evshard.io.shard;

import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Writes one {@link SampleRow} into the column writers of a row group, with the repetition and definition levels
 * of {@link ShardSchema#parquet()} computed here rather than by parquet-mr's record-consumer state machine:
 * scalars are required top-level columns (r=0, d=0); each event column is a required LIST of required elements, so
 * an empty list is one null at (r=0, d=0) and element {@code i} is written at (r = i == 0 ? 0 : 1, d = 1).
 */
final class SampleRowColumns {

  private final ColumnWriter[] w;

  SampleRowColumns(ColumnWriteStore store, List<ColumnDescriptor> columns) {
    if (columns.size() != ShardSchema.COLUMNS.size()) {
      throw new IllegalStateException("expected " + ShardSchema.COLUMNS.size() + " leaf columns, got " + columns);
    }
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
    shorts(w[9], row.events().x());
    shorts(w[10], row.events().y());
    longs(w[11], row.events().t());
    booleans(w[12], row.events().p());
  }

  // One loop per primitive type: a shared generic loop would box.

  private static void shorts(ColumnWriter c, short[] v) {
    if (v.length == 0) {
      c.writeNull(0, 0);
      return;
    }
    c.write((int) v[0], 0, 1);
    for (int i = 1; i < v.length; i++) {
      c.write((int) v[i], 1, 1);
    }
  }

  private static void longs(ColumnWriter c, long[] v) {
    if (v.length == 0) {
      c.writeNull(0, 0);
      return;
    }
    c.write(v[0], 0, 1);
    for (int i = 1; i < v.length; i++) {
      c.write(v[i], 1, 1);
    }
  }

  private static void booleans(ColumnWriter c, boolean[] v) {
    if (v.length == 0) {
      c.writeNull(0, 0);
      return;
    }
    c.write(v[0], 0, 1);
    for (int i = 1; i < v.length; i++) {
      c.write(v[i], 1, 1);
    }
  }
}
