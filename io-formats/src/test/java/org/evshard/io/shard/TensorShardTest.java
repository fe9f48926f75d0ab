package org.evshard.io.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.ValueVectorUtility;
import org.evshard.io.events.Events;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema 2, tensor layout: round trips through both formats, DuckDB and plain Arrow Java read the same values. */
class TensorShardTest {

  @TempDir
  Path dir;

  static ShardTensor tensor(ShardTensor.Dtype dtype, long[] shape, SplittableRandom rnd) {
    int n = 1;
    for (long d : shape) {
      n *= (int) d;
    }
    return switch (dtype) {
      case INT16 -> {
        short[] a = new short[n];
        for (int i = 0; i < n; i++) {
          a[i] = rnd.nextInt(4) == 0 ? (short) rnd.nextInt(-3, 40) : 0;
        }
        yield ShardTensor.ofInt16(shape, a);
      }
      case INT64 -> ShardTensor.ofInt64(shape, rnd.longs(n, -1_000_000, 1_000_000).toArray());
      case FLOAT32 -> {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
          a[i] = (float) rnd.nextGaussian();
        }
        yield ShardTensor.ofFloat32(shape, a);
      }
      case FLOAT64 -> ShardTensor.ofFloat64(shape, rnd.doubles(n, -2, 2).map(d -> d * d * d).toArray());
    };
  }

  static List<SampleRow> rows(ShardTensor.Dtype dtype, long[] fixed, int count) {
    SplittableRandom rnd = new SplittableRandom(7);
    List<SampleRow> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long[] shape = fixed != null ? fixed : new long[] {1 + rnd.nextInt(4), 2, 5, 3};
      SampleRow base = new SampleRow("rec-" + i, "synthetic", "train", i % 3, "c" + (i % 3), "train/" + i + ".bin",
          3, 5, Events.empty());
      out.add(base.with("rec-" + i + "#s" + String.format("%04d", i % 4), Events.empty(), 100 + i, i % 4,
          tensor(dtype, shape, rnd)));
    }
    return out;
  }

  private static void write(ShardFormat f, Path file, List<SampleRow> rows, ShardLayout layout) {
    ShardWriteOptions o = ShardWriteOptions.defaults("test-1.0").withArrowBatch(7, 1 << 20)
        .withParquetRowGroupBytes(1 << 12).withLayout(layout, List.of("frame(n_time_bins=2)"));
    try (ShardWriter w = f.newWriter(file, o)) {
      rows.forEach(w::write);
    }
  }

  private static List<SampleRow> read(ShardFormat f, Path file) {
    List<SampleRow> out = new ArrayList<>();
    try (ShardReader r = f.openReader(file)) {
      r.forEachRemaining(out::add);
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(ShardTensor.Dtype.class)
  void tensorsRoundTripInBothFormatsWithFixedAndVariableShapes(ShardTensor.Dtype dtype) {
    for (long[] fixed : new long[][] {null, {2, 2, 5, 3}}) {
      List<SampleRow> rows = rows(dtype, fixed, 40);
      ShardLayout layout = ShardLayout.tensor(dtype, fixed);
      for (ShardFormat f : ShardFormat.values()) {
        Path file = dir.resolve(dtype + "-" + (fixed == null) + f.extension());
        write(f, file, rows, layout);
        assertEquals(rows, read(f, file), f + " " + layout);
        assertEquals(40, f.rowCount(file));
        List<LabelCount> labels = f.readLabels(file);
        assertEquals(40, labels.stream().mapToLong(LabelCount::rows).sum());
        assertEquals(10, labels.stream().mapToLong(LabelCount::samples).sum(), "rows with slice_index 0");
      }
    }
  }

  @Test
  void aTensorOfAnotherShapeOrTypeIsRefused() {
    ShardLayout layout = ShardLayout.tensor(ShardTensor.Dtype.INT16, new long[] {2, 2, 5, 3});
    List<SampleRow> other = rows(ShardTensor.Dtype.INT16, new long[] {3, 2, 5, 3}, 1);
    List<SampleRow> wrongType = rows(ShardTensor.Dtype.FLOAT64, new long[] {2, 2, 5, 3}, 1);
    for (ShardFormat f : ShardFormat.values()) {
      try (ShardWriter w = f.newWriter(dir.resolve("bad" + f.extension()),
          ShardWriteOptions.defaults("t").withLayout(layout, List.of()))) {
        assertThrows(RuntimeException.class, () -> w.write(other.get(0)));
        assertThrows(RuntimeException.class, () -> w.write(wrongType.get(0)));
      }
    }
  }

  @Test
  void duckDbReadsTensorsAndShapes() throws Exception {
    for (ShardTensor.Dtype dtype : ShardTensor.Dtype.values()) {
      List<SampleRow> rows = rows(dtype, null, 25);
      Path file = dir.resolve("duck-" + dtype + ".parquet");
      write(ShardFormat.PARQUET, file, rows, ShardLayout.tensor(dtype, null));
      String from = " FROM read_parquet('" + file + "')";
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT column_type FROM (DESCRIBE SELECT tensor" + from + ")")) {
          assertTrue(rs.next());
          assertEquals(switch (dtype) {
            case INT16 -> "SMALLINT[]";
            case INT64 -> "BIGINT[]";
            case FLOAT32 -> "FLOAT[]";
            case FLOAT64 -> "DOUBLE[]";
          }, rs.getString(1));
        }
        try (ResultSet rs = s.executeQuery("SELECT sample_id, slice_index, n_events, tensor, tensor_shape" + from
            + " ORDER BY sample_id")) {
          List<SampleRow> sorted = new ArrayList<>(rows);
          sorted.sort(java.util.Comparator.comparing(SampleRow::sampleId));
          for (SampleRow r : sorted) {
            assertTrue(rs.next());
            assertEquals(r.sampleId(), rs.getString(1));
            assertEquals(r.sliceIndex(), rs.getInt(2));
            assertEquals(r.nEvents(), rs.getLong(3));
            Object[] values = (Object[]) ((Array) rs.getArray(4)).getArray();
            Object data = r.tensor().data();
            assertEquals(r.tensor().size(), values.length);
            for (int i = 0; i < values.length; i++) {
              assertEquals(((Number) java.lang.reflect.Array.get(data, i)).doubleValue(),
                  ((Number) values[i]).doubleValue(), 0.0, dtype + " element " + i);
            }
            Object[] shape = (Object[]) ((Array) rs.getArray(5)).getArray();
            long[] dims = new long[shape.length];
            for (int i = 0; i < dims.length; i++) {
              dims[i] = ((Number) shape[i]).longValue();
            }
            assertArrayEquals(r.tensor().shape(), dims);
          }
        }
      }
    }
  }

  @Test
  void arrowFixedShapeTensorsCarryTheCanonicalExtensionMetadata() throws Exception {
    long[] shape = {2, 2, 5, 3};
    List<SampleRow> rows = rows(ShardTensor.Dtype.FLOAT64, shape, 20);
    Path file = dir.resolve("fixed.arrow");
    write(ShardFormat.ARROW, file, rows, ShardLayout.tensor(ShardTensor.Dtype.FLOAT64, shape));
    try (BufferAllocator allocator = new RootAllocator();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ArrowFileReader reader = new ArrowFileReader(ch, allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      Field tensor = root.getSchema().findField(ShardSchema.TENSOR);
      assertEquals(new ArrowType.FixedSizeList(60), tensor.getType());
      assertEquals(ShardSchema.FIXED_SHAPE_TENSOR, tensor.getMetadata().get(ShardSchema.ARROW_EXTENSION_NAME));
      assertEquals("{\"shape\":[2,2,5,3]}", tensor.getMetadata().get(ShardSchema.ARROW_EXTENSION_METADATA));
      assertEquals("float64", root.getSchema().getCustomMetadata().get(ShardSchema.KEY_TENSOR_DTYPE));
      assertEquals("tensor", root.getSchema().getCustomMetadata().get(ShardSchema.KEY_LAYOUT));
      int row = 0;
      while (reader.loadNextBatch()) {
        ArrowShardReader.validateFull(root); // Arrow Java 19's validateFull throws on FixedSizeList itself
        FixedSizeListVector v = (FixedSizeListVector) root.getVector(ShardSchema.TENSOR);
        for (int i = 0; i < root.getRowCount(); i++, row++) {
          List<?> values = v.getObject(i);
          double[] expected = (double[]) rows.get(row).tensor().data();
          for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], (Double) values.get(j), 0.0);
          }
        }
      }
      assertEquals(20, row);
    }
  }

  @Test
  void eventRowsKeepSliceIndexAndSchemaOneFieldsAreNotExpected() {
    assertNull(ShardLayout.events().fixedShape());
    assertEquals(ShardSchema.COLUMNS.size(), ShardSchema.arrowFields(ShardLayout.events()).size());
    assertEquals(ShardSchema.TENSOR_COLUMNS.size(),
        ShardSchema.arrowFields(ShardLayout.tensor(ShardTensor.Dtype.INT16, null)).size());
  }
}
