package org.evshard.io.shard;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes a {@link SampleRow} straight to Parquet's {@link RecordConsumer}: scalars, then the four event columns as
 * standard 3-level lists, looping over the primitive arrays (no boxing, no object per event).
 */
final class SampleRowWriteSupport extends WriteSupport<SampleRow> {

  private final Map<String, String> metadata;
  private RecordConsumer out;

  SampleRowWriteSupport(String toolVersion) {
    this.metadata = ShardSchema.metadata(toolVersion);
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(ShardSchema.parquet(), metadata);
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(ShardSchema.parquet(), metadata);
  }

  @Override
  public String getName() {
    return "evshard";
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.out = recordConsumer;
  }

  @Override
  public void write(SampleRow row) {
    out.startMessage();
    string(0, ShardSchema.SAMPLE_ID, row.sampleId());
    string(1, ShardSchema.DATASET, row.dataset());
    string(2, ShardSchema.SPLIT, row.split());
    int32(3, ShardSchema.LABEL, row.label());
    string(4, ShardSchema.LABEL_NAME, row.labelName());
    string(5, ShardSchema.SOURCE, row.source());
    int32(6, ShardSchema.SENSOR_WIDTH, row.sensorWidth());
    int32(7, ShardSchema.SENSOR_HEIGHT, row.sensorHeight());
    out.startField(ShardSchema.N_EVENTS, 8);
    out.addLong(row.nEvents());
    out.endField(ShardSchema.N_EVENTS, 8);
    shorts(9, ShardSchema.X, row.events().x());
    shorts(10, ShardSchema.Y, row.events().y());
    longs(11, ShardSchema.T, row.events().t());
    booleans(12, ShardSchema.P, row.events().p());
    out.endMessage();
  }

  private void string(int index, String name, String value) {
    out.startField(name, index);
    out.addBinary(Binary.fromString(value));
    out.endField(name, index);
  }

  private void int32(int index, String name, int value) {
    out.startField(name, index);
    out.addInteger(value);
    out.endField(name, index);
  }

  // The loops below are deliberately repeated per primitive type: one generic loop would box.

  private void shorts(int index, String name, short[] values) {
    out.startField(name, index);
    out.startGroup();
    if (values.length > 0) {
      out.startField(ShardSchema.LIST, 0);
      for (short v : values) {
        out.startGroup();
        out.startField(ShardSchema.ELEMENT, 0);
        out.addInteger(v);
        out.endField(ShardSchema.ELEMENT, 0);
        out.endGroup();
      }
      out.endField(ShardSchema.LIST, 0);
    }
    out.endGroup();
    out.endField(name, index);
  }

  private void longs(int index, String name, long[] values) {
    out.startField(name, index);
    out.startGroup();
    if (values.length > 0) {
      out.startField(ShardSchema.LIST, 0);
      for (long v : values) {
        out.startGroup();
        out.startField(ShardSchema.ELEMENT, 0);
        out.addLong(v);
        out.endField(ShardSchema.ELEMENT, 0);
        out.endGroup();
      }
      out.endField(ShardSchema.LIST, 0);
    }
    out.endGroup();
    out.endField(name, index);
  }

  private void booleans(int index, String name, boolean[] values) {
    out.startField(name, index);
    out.startGroup();
    if (values.length > 0) {
      out.startField(ShardSchema.LIST, 0);
      for (boolean v : values) {
        out.startGroup();
        out.startField(ShardSchema.ELEMENT, 0);
        out.addBoolean(v);
        out.endField(ShardSchema.ELEMENT, 0);
        out.endGroup();
      }
      out.endField(ShardSchema.LIST, 0);
    }
    out.endGroup();
    out.endField(name, index);
  }
}
