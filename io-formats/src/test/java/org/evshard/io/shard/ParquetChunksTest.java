package org.evshard.io.shard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.img2dataset.ParquetGroupReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetChunksTest {

  @TempDir
  Path dir;

  private Path shard() throws Exception {
    Path file = dir.resolve("shard.parquet");
    ShardRoundTripTest.write(ShardFormat.PARQUET, file, RandomRows.mixed(3, 20, 500), ShardRoundTripTest.smallChunks());
    return file;
  }

  private static ParquetMetadata footer(Path file) throws Exception {
    try (ParquetFileReader r = ParquetFooters.open(file)) {
      return r.getFooter();
    }
  }

  @Test
  void aShardOfTheWriterPasses() throws Exception {
    Path file = shard();
    assertDoesNotThrow(() -> ParquetChunks.check(file, footer(file), null));
  }

  /** The fuzzer's input: a 999-byte file with a page header that declares 1.5 GB (out of memory before). */
  @Test
  void theFuzzersPageLargerThanItsChunkIsRefusedBeforeAnyRead() throws Exception {
    Path input = Path.of("src/test/resources/org/evshard/io/img2dataset/Img2DatasetParsersFuzzTestInputs"
        + "/readsAnyBytesAsAParquetLayout/page_larger_than_its_chunk");
    Path file = dir.resolve("bad.parquet");
    Files.copy(input, file);
    CorruptInputException e = assertThrows(CorruptInputException.class,
        () -> new ParquetGroupReader(file, ParquetGroupReader.schema(file)));
    assertTrue(e.getMessage().contains("found a compressed page size of 1551261177"), e.getMessage());
  }

  @Test
  void aChunkPastTheEndOfTheFileIsRefused() throws Exception {
    Path file = shard();
    ParquetMetadata real = footer(file);
    ColumnChunkMetaData c = real.getBlocks().get(0).getColumns().get(0);
    long length = Files.size(file);
    BlockMetaData block = new BlockMetaData();
    block.setRowCount(real.getBlocks().get(0).getRowCount());
    block.addColumn(ColumnChunkMetaData.get(c.getPath(), c.getPrimitiveType(), c.getCodec(), c.getEncodingStats(),
        c.getEncodings(), c.getStatistics(), c.getFirstDataPageOffset(), c.getDictionaryPageOffset(), c.getValueCount(),
        length - c.getStartingPos() + 1, c.getTotalUncompressedSize()));
    ParquetMetadata lying = new ParquetMetadata(real.getFileMetaData(), java.util.List.of(block));
    CorruptInputException e = assertThrows(CorruptInputException.class,
        () -> ParquetChunks.check(file, lying, null));
    assertTrue(e.getMessage().contains("a column chunk inside the file's " + length + " bytes"), e.getMessage());
  }

  @Test
  void aPageLargerThanItsChunkIsRefused() throws Exception {
    Path file = shard();
    ColumnChunkMetaData column = footer(file).getBlocks().get(0).getColumns().get(0);
    byte[] bytes = Files.readAllBytes(file);
    int start = (int) column.getStartingPos();
    int end = start + (int) column.getTotalSize();
    ByteArrayInputStream in = new ByteArrayInputStream(bytes, start, end - start);
    PageHeader header = Util.readPageHeader(in);
    int headerBytes = end - start - in.available();
    int room = end - (start + headerBytes);
    // the same header with a compressed size past the chunk's end, encoded in as many bytes as the original
    byte[] patched = null;
    for (int size = room + 1; size < room + (1 << 20) && patched == null; size++) {
      header.setCompressed_page_size(size);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Util.writePageHeader(header, out);
      if (out.size() == headerBytes) {
        patched = out.toByteArray();
      }
    }
    assertTrue(patched != null, "no same-length encoding found");
    System.arraycopy(patched, 0, bytes, start, headerBytes);
    Files.write(file, bytes);
    CorruptInputException e = assertThrows(CorruptInputException.class,
        () -> ParquetChunks.check(file, footer(file), null));
    assertTrue(e.getMessage().contains("a compressed page size of"), e.getMessage());
  }

  /** The largest sum of column chunk bytes over the row groups of {@code file}, and that it has several groups. */
  private static long largestRowGroup(Path file) throws Exception {
    ParquetMetadata footer = footer(file);
    assertTrue(footer.getBlocks().size() > 1, "one row group only");
    long largest = 0;
    for (BlockMetaData block : footer.getBlocks()) {
      long bytes = 0;
      for (ColumnChunkMetaData c : block.getColumns()) {
        bytes += c.getTotalSize();
      }
      largest = Math.max(largest, bytes);
    }
    return largest;
  }

  @Test
  void theShardReaderRefusesARowGroupOverItsLimitByNameAndReadsOneAtIt() throws Exception {
    Path file = shard();
    long largest = largestRowGroup(file);
    LimitExceededException e = assertThrows(LimitExceededException.class,
        () -> new ParquetShardReader(file, largest - 1));
    assertEquals(largest, e.found());
    assertEquals(largest - 1, e.limit());
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.reason().contains("bytes of the columns read in row group "), e.getMessage());
    List<SampleRow> rows = new ArrayList<>();
    try (ParquetShardReader r = new ParquetShardReader(file, largest)) {
      r.forEachRemaining(rows::add);
    }
    assertEquals(ShardRoundTripTest.readAll(ShardFormat.PARQUET, file), rows);
    assertEquals(RandomRows.mixed(3, 20, 500), rows);
  }

  @Test
  void theShardReadersDefaultLimitIsAQuarterOfTheHeapAndTheImageReadersAnEighth() {
    assertEquals(Runtime.getRuntime().maxMemory() / 4, ParquetShardReader.heapRowGroupBytes());
    assertEquals(Runtime.getRuntime().maxMemory() / 8, ImageShardReader.heapRowGroupBytes());
  }

  @Test
  void theImageShardReaderRefusesARowGroupOverItsLimitByNameAndReadsOneAtIt() throws Exception {
    Path file = dir.resolve("images.parquet");
    List<ImageRow> written = ImageShardRoundTripTest.rows(400, 7); // parquet-mr checks the size after 100 rows
    try (ImageShardWriter w = ImageShardWriter.open(file,
        ShardWriteOptions.defaults("test-1.0").withParquetRowGroupBytes(64 << 10))) {
      written.forEach(w::write);
    }
    long largest = largestRowGroup(file);
    LimitExceededException e = assertThrows(LimitExceededException.class,
        () -> new ImageShardReader(file, largest - 1, "why it is so"));
    assertEquals(largest, e.found());
    assertTrue(e.reason().endsWith("; why it is so"), e.getMessage());
    List<ImageRow> rows = new ArrayList<>();
    try (ImageShardReader r = new ImageShardReader(file, largest, null)) {
      for (ImageRow row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    }
    assertEquals(written, rows);
  }
}
