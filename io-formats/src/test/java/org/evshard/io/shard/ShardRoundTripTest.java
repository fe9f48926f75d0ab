package org.evshard.io.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.evshard.io.error.ShardException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Write-then-read with the evshard readers; footer row counts and label counts against the written rows. */
class ShardRoundTripTest {

  @TempDir
  Path dir;

  static List<SampleRow> write(ShardFormat format, Path file, List<SampleRow> rows, ShardWriteOptions options) {
    try (ShardWriter w = format.newWriter(file, options)) {
      for (SampleRow row : rows) {
        w.write(row);
      }
      assertEquals(rows.size(), w.rowCount());
    }
    return rows;
  }

  static List<SampleRow> readAll(ShardFormat format, Path file) {
    List<SampleRow> out = new ArrayList<>();
    try (ShardReader r = format.openReader(file)) {
      r.forEachRemaining(out::add);
    }
    return out;
  }

  /** Small row groups and batches so that several of each are written. */
  static ShardWriteOptions smallChunks() {
    return ShardWriteOptions.defaults("test-1.0").withParquetRowGroupBytes(256 << 10).withArrowBatch(7, 50_000);
  }

  @ParameterizedTest
  @EnumSource(ShardFormat.class)
  void roundTripsEveryColumn(ShardFormat format) {
    List<SampleRow> rows = RandomRows.mixed(7, 60, 3_000);
    Path file = dir.resolve("shard" + format.extension());
    write(format, file, rows, smallChunks());

    assertEquals(rows, readAll(format, file));
    assertEquals(rows.size(), format.rowCount(file));
    LabelCounter expected = new LabelCounter();
    rows.forEach(expected::add);
    assertEquals(expected.counts(), format.readLabels(file));
  }

  @ParameterizedTest
  @EnumSource(ShardFormat.class)
  void writesToCallerStreamAndLeavesItOpen(ShardFormat format) throws Exception {
    List<SampleRow> rows = RandomRows.mixed(11, 5, 100);
    Path file = dir.resolve("stream" + format.extension());
    boolean[] closed = {false};
    try (OutputStream os = Files.newOutputStream(file)) {
      OutputStream guard = new java.io.FilterOutputStream(os) {
        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
          out.write(b, off, len);
        }

        @Override
        public void close() {
          closed[0] = true;
        }
      };
      try (ShardWriter w = format.newWriter(guard, "stream", ShardWriteOptions.defaults("test"))) {
        rows.forEach(w::write);
      }
      assertFalse(closed[0], "writer closed the caller's stream");
    }
    assertEquals(rows, readAll(format, file));
  }

  @ParameterizedTest
  @EnumSource(ShardFormat.class)
  void emptyShardHasNoRows(ShardFormat format) {
    Path file = dir.resolve("empty" + format.extension());
    write(format, file, List.of(), ShardWriteOptions.defaults("test"));
    assertEquals(0, format.rowCount(file));
    assertTrue(readAll(format, file).isEmpty());
  }

  @ParameterizedTest
  @EnumSource(ShardFormat.class)
  void truncatedShardFailsNamingTheFile(ShardFormat format) throws Exception {
    Path file = dir.resolve("cut" + format.extension());
    write(format, file, RandomRows.mixed(3, 5, 100), ShardWriteOptions.defaults("test"));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 20));
    ShardException e = assertThrows(ShardException.class, () -> format.rowCount(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void formatNames() {
    assertEquals(ShardFormat.PARQUET, ShardFormat.fromName("parquet"));
    assertEquals(ShardFormat.ARROW, ShardFormat.fromName(" Arrow "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShardFormat.fromName("csv"));
    assertTrue(e.getMessage().contains("'csv'"), e.getMessage());
  }
}
