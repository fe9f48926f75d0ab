package org.evshard.io.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.ValueVectorUtility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads an Arrow shard with plain Arrow Java (generic {@code getObject}, not the evshard reader's bulk copies),
 * validating every batch with {@code validateFull}. DuckDB reads Arrow IPC files only with an extension: not used.
 */
class ArrowIpcIndependentTest {

  @TempDir
  Path dir;

  @Test
  void arrowJavaReadsEveryValueWithTheDeclaredTypes() throws Exception {
    List<SampleRow> rows = RandomRows.mixed(33, 30, 2_000);
    Path file = dir.resolve("shard.arrow");
    ShardRoundTripTest.write(ShardFormat.ARROW, file, rows, ShardRoundTripTest.smallChunks());

    List<List<Object>> read = new ArrayList<>();
    int batches = 0;
    try (BufferAllocator allocator = new RootAllocator();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ArrowFileReader reader = new ArrowFileReader(ch, allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      assertEquals(ShardSchema.SCHEMA_VERSION, root.getSchema().getCustomMetadata().get(ShardSchema.KEY_SCHEMA_VERSION));
      assertEquals("test-1.0", root.getSchema().getCustomMetadata().get(ShardSchema.KEY_TOOL_VERSION));
      assertEquals(ShardSchema.COLUMNS, root.getSchema().getFields().stream().map(Field::getName).toList());
      Field x = root.getSchema().findField(ShardSchema.X);
      assertEquals(ArrowType.List.INSTANCE, x.getType());
      assertEquals(new ArrowType.Int(16, true), x.getChildren().get(0).getType());
      assertEquals(new ArrowType.Int(64, true), root.getSchema().findField(ShardSchema.T).getChildren().get(0).getType());
      assertEquals(ArrowType.Bool.INSTANCE, root.getSchema().findField(ShardSchema.P).getChildren().get(0).getType());
      while (reader.loadNextBatch()) {
        batches++;
        ValueVectorUtility.validateFull(root);
        for (int i = 0; i < root.getRowCount(); i++) {
          List<Object> row = new ArrayList<>();
          for (String column : ShardSchema.COLUMNS) {
            Object v = root.getVector(column).getObject(i);
            row.add(v instanceof org.apache.arrow.vector.util.Text t ? t.toString() : v);
          }
          read.add(row);
        }
      }
    }
    assertEquals(rows.stream().map(ArrowIpcIndependentTest::generic).toList(), read);
    assertTrue(batches >= (rows.size() + 6) / 7, "expected batches of at most 7 rows, got " + batches);
  }

  /** The row as Arrow Java's getObject presents it: strings, boxed numbers, lists of boxed values. */
  private static List<Object> generic(SampleRow r) {
    List<Object> xs = new ArrayList<>();
    List<Object> ys = new ArrayList<>();
    List<Object> ts = new ArrayList<>();
    List<Object> ps = new ArrayList<>();
    for (int i = 0; i < r.events().size(); i++) {
      xs.add(r.events().x()[i]);
      ys.add(r.events().y()[i]);
      ts.add(r.events().t()[i]);
      ps.add(r.events().p()[i]);
    }
    return List.of(r.sampleId(), r.dataset(), r.split(), r.label(), r.labelName(), r.source(), r.sensorWidth(),
        r.sensorHeight(), r.nEvents(), r.sliceIndex(), xs, ys, ts, ps);
  }
}
