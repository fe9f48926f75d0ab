package org.evshard.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HDF5 reading on files written by jhdf in the DSEC layout (spec-built: no real HDF5 recording is in fixtures). */
class Hdf5EventReaderTest {

  private static Events readAll(Path file, ReadOptions o) throws IOException {
    try (Hdf5EventReader r = Hdf5EventReader.open(file, file.toString(), o, null)) {
      return r.readAll(o);
    }
  }

  @Test
  void jhdfWrittenDsecFileDecodesWithTimeOffsetAndGeometry(@TempDir Path tmp) throws IOException {
    Events e = Hdf5Files.randomEvents(1, 1000);
    Path f = tmp.resolve("events.h5");
    Hdf5Files.writeDsec(f, e, 500, true, 0);
    try (Hdf5EventReader r = Hdf5EventReader.open(f, "events.h5", ReadOptions.defaults(), null)) {
      assertEquals(new SensorGeometry(640, 480), r.geometry().orElseThrow());
      assertEquals("dsec", r.headerFields().get("layout"));
      assertEquals("500", r.headerFields().get("t_offset"));
      assertEquals(1000, r.eventCount());
      assertEquals(e, r.readAll(ReadOptions.defaults()));
      assertEquals(Files.size(f), r.bytePosition());
    }
  }

  /** A cut HDF5 file fails in words, never with a bare JDK exception class name from inside jhdf. */
  @Test
  void aCutFileFailsWithAReasonNotAClassName(@TempDir Path tmp) throws IOException {
    Events e = Hdf5Files.randomEvents(2, 5000);
    Path whole = tmp.resolve("whole.h5");
    Hdf5Files.writeDsec(whole, e, 0, true, 0);
    byte[] bytes = Files.readAllBytes(whole);
    int failures = 0;
    for (int part = 0; part < 16; part++) {
      // part 0: the signature and four bytes (a BufferUnderflowException inside jhdf, shown as its class name before)
      int length = part == 0 ? 12 : bytes.length * part / 16;
      Path cut = Files.write(tmp.resolve("cut" + part + ".h5"), java.util.Arrays.copyOf(bytes, length));
      try (Hdf5EventReader r = Hdf5EventReader.open(cut, "cut.h5", ReadOptions.defaults(), null)) {
        r.readAll(ReadOptions.defaults());
      } catch (org.evshard.io.error.EvshardIoException x) {
        failures++;
        org.junit.jupiter.api.Assertions.assertFalse(x.getMessage().matches(".*\\b(java|io\\.jhdf)\\.[a-z]+\\..*"),
            part + "/16: " + x.getMessage());
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(failures > 0, "some cut must fail");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 10_000})
  void jhdfWrittenChunkSizeDoesNotChangeTheEvents(int hdfChunk, @TempDir Path tmp) throws IOException {
    // 150k events span three read blocks; chunked files are also deflated and shuffled
    Events e = Hdf5Files.randomEvents(2, 150_000);
    Path f = tmp.resolve("big.h5");
    Hdf5Files.writeDsec(f, e, 0, false, hdfChunk);
    for (int size : new int[] {1, 7, 4096, 1_000_000}) {
      EventsBuilder b = new EventsBuilder();
      try (Hdf5EventReader r = Hdf5EventReader.open(f, "big.h5", ReadOptions.defaults(), null)) {
        EventChunk c = new EventChunk(size);
        while (r.nextChunk(c)) {
          assertTrue(c.size() > 0 && c.size() <= size);
          b.add(c);
        }
      }
      assertEquals(e, b.build(), "chunk size " + size);
    }
  }

  @Test
  void geometryComesFromTheOptionsWhenTheFileHasNone(@TempDir Path tmp) throws IOException {
    Path f = tmp.resolve("nogeo.h5");
    Hdf5Files.writeDsec(f, Hdf5Files.randomEvents(3, 5), 0, false, 0);
    try (Hdf5EventReader r = Hdf5EventReader.open(f, "nogeo.h5", ReadOptions.defaults(), null)) {
      assertTrue(r.geometry().isEmpty());
    }
    SensorGeometry g = new SensorGeometry(346, 260);
    try (Hdf5EventReader r = Hdf5EventReader.open(f, "nogeo.h5", ReadOptions.defaults().withSensor(g), null)) {
      assertEquals(g, r.geometry().orElseThrow());
    }
  }

  @Test
  void aFilterWithoutDecoderIsUnsupportedByNameAndId(@TempDir Path tmp) throws IOException {
    Path f = tmp.resolve("prophesee_cd.hdf5");
    Hdf5Files.writeProphesseBlosc2(f);
    UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
        () -> readAll(f, ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("unsupported filter blosc2 (id 32026)"), e.getMessage());
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
  }

  @Test
  void columnsOfDifferentLengthsAreCorrupt(@TempDir Path tmp) throws IOException {
    Path f = tmp.resolve("ragged.h5");
    try (WritableHdfFile w = HdfFile.write(f)) {
      WritableGroup g = w.putGroup("events");
      g.putDataset("x", new short[] {1, 2});
      g.putDataset("y", new short[] {1, 2});
      g.putDataset("t", new long[] {1, 2, 3});
      g.putDataset("p", new byte[] {0, 1});
    }
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> readAll(f, ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("one length"), e.getMessage());
  }

  @Test
  void polarityOtherThanZeroOrOneNamesTheEvent(@TempDir Path tmp) throws IOException {
    Path f = tmp.resolve("badp.h5");
    try (WritableHdfFile w = HdfFile.write(f)) {
      WritableGroup g = w.putGroup("events");
      g.putDataset("x", new short[] {1, 2, 3});
      g.putDataset("y", new short[] {1, 2, 3});
      g.putDataset("t", new long[] {1, 2, 3});
      g.putDataset("p", new byte[] {0, 1, 2});
    }
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> readAll(f, ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("event 2: p = 2"), e.getMessage());
  }

  @Test
  void otherLayoutsAreUnsupported(@TempDir Path tmp) throws IOException {
    Path f = tmp.resolve("other.h5");
    try (WritableHdfFile w = HdfFile.write(f)) {
      w.putDataset("frames", new int[] {1, 2, 3});
    }
    UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
        () -> readAll(f, ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("frames"), e.getMessage());
  }

  /**
   * Metavision's layout (compound {@code CD/events} {x u2, y u2, p i2, t i8} at offsets 0/2/4/8, root attribute
   * {@code geometry}, plus {@code CD/indexes} and {@code EXT_TRIGGER/events}), written by h5py from Prophesee's file
   * description ({@code scripts/MakeMetavisionHdf5.py}), not by evshard's code: one contiguous file, one chunked with
   * gzip and shuffle whose 70,000 events span two read blocks. Event i is the script's formula.
   */
  @ParameterizedTest
  @ValueSource(strings = {"cd_contiguous.hdf5:1000", "cd_chunked_gzip_shuffle.hdf5:70000"})
  void h5pyWrittenMetavisionCompoundFileDecodesEveryEvent(String fileAndCount) throws IOException {
    String[] parts = fileAndCount.split(":");
    int n = Integer.parseInt(parts[1]);
    Path f = Files.createTempFile("evshard-metavision-", ".hdf5");
    try (var in = getClass().getResourceAsStream("metavision/" + parts[0])) {
      Files.write(f, in.readAllBytes());
      short[] x = new short[n];
      short[] y = new short[n];
      long[] t = new long[n];
      boolean[] p = new boolean[n];
      for (int i = 0; i < n; i++) {
        x[i] = (short) (i * 37L % 640);
        y[i] = (short) (i * 11L % 480);
        p[i] = i % 3 == 0;
        t[i] = 1000 + i * 13L + i % 5;
      }
      for (int chunk : new int[] {1, 7, 4096, 1_000_000}) {
        ReadOptions o = ReadOptions.defaults().withChunkSize(chunk);
        try (Hdf5EventReader r = Hdf5EventReader.open(f, parts[0], o, null)) {
          assertEquals(new SensorGeometry(640, 480), r.geometry().orElseThrow());
          assertEquals(n, r.eventCount());
          assertEquals("4", r.headerFields().get("ext_triggers"));
          assertEquals(parts[0].contains("gzip") ? "shuffle+deflate" : "none", r.headerFields().get("compression"));
          assertEquals(Events.wrap(x, y, t, p), r.readAll(o), parts[0] + " in chunks of " + chunk);
        }
        // each trigger comes with the first chunk that reaches its time; the one after every event with the last
        List<String> seen = new ArrayList<>();
        try (Hdf5EventReader r = Hdf5EventReader.open(f, parts[0], o, null)) {
          EventChunk c = new EventChunk(chunk);
          long before = Long.MIN_VALUE;
          long events = 0;
          boolean more = true;
          while (more) {
            more = r.nextChunk(c);
            events += c.size();
            long last = c.size() > 0 ? c.t[c.size() - 1] : Long.MAX_VALUE;
            for (int i = 0; i < r.triggers().size(); i++) {
              long tt = r.triggers().t(i);
              assertTrue(tt > before && (tt <= last || events == n), tt + " with chunk ending " + last);
              seen.add(tt + "/" + r.triggers().channel(i) + "/" + r.triggers().rising(i));
            }
            before = last;
          }
        }
        assertEquals(List.of("1500/0/true", "2500/0/false", "3500/1/true", "99000000/1/false"), seen);
      }
      try (EventReader r = EventFormats.defaults().open(f, null, ReadOptions.defaults())) {
        assertEquals("hdf5", r.formatName());
        assertEquals(n, r.readAll(ReadOptions.defaults()).size());
      }
    } finally {
      Files.deleteIfExists(f);
    }
  }

  /**
   * Found by fuzzing, each an OutOfMemoryError before: a 948-byte file whose object header declares a chunk of about
   * 1.8 GB made jhdf's file-channel storage allocate that buffer first (read through a mapping, the chunk is an
   * out-of-bounds slice); a Metavision file whose CD/events member x claims 2,030,043,138 bytes made jhdf's compound
   * reader allocate that size times the events (now refused before any read: a member must lie inside its element).
   */
  @ParameterizedTest
  @ValueSource(strings = {"object_header_chunk_size_beyond_file", "compound_member_size_beyond_element"})
  void aDamagedLengthIsCorruptNotAHeapAllocation(String seed) throws IOException {
    Path f = Files.createTempFile("evshard-hdf5-", ".h5");
    try (var in = getClass().getResourceAsStream("Hdf5EventReaderFuzzTestInputs/readsAnyBytes/" + seed)) {
      Files.write(f, in.readAllBytes());
      var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
      long before = threads.getCurrentThreadAllocatedBytes();
      CorruptInputException e = assertThrows(CorruptInputException.class, () -> readAll(f, ReadOptions.defaults()));
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      assertEquals(-1, e.offset(), e.getMessage());
      assertTrue(allocated < 64L << 20, "opening " + seed + " allocated " + allocated + " bytes");
    } finally {
      Files.deleteIfExists(f);
    }
  }

  @Test
  void aTimeOffsetOfMoreThanOneElementIsCorruptBeforeItIsRead(@TempDir Path tmp) throws IOException {
    Path f = tmp.resolve("offsets.h5");
    try (WritableHdfFile w = HdfFile.write(f)) {
      WritableGroup g = w.putGroup("events");
      g.putDataset("x", new short[] {1});
      g.putDataset("y", new short[] {1});
      g.putDataset("t", new long[] {1});
      g.putDataset("p", new byte[] {0});
      w.putDataset("t_offset", new long[] {5, 6});
    }
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> readAll(f, ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("t_offset must be one integer, found a dataset of shape [2]"), e.getMessage());
  }

  @Test
  void emptyGarbageAndTruncatedFilesAreTypedErrors(@TempDir Path tmp) throws IOException {
    Path empty = Files.createFile(tmp.resolve("empty.h5"));
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> readAll(empty, ReadOptions.defaults()));
    assertEquals("empty recording: 0 bytes", e.reason());

    Path garbage = Files.write(tmp.resolve("garbage.h5"), "this is not hdf5 at all".repeat(40).getBytes());
    assertThrows(CorruptInputException.class, () -> readAll(garbage, ReadOptions.defaults()));

    Path whole = tmp.resolve("whole.h5");
    Hdf5Files.writeDsec(whole, Hdf5Files.randomEvents(4, 5000), 0, false, 0);
    byte[] bytes = Files.readAllBytes(whole);
    for (int keep : new int[] {8, 100, bytes.length / 2, bytes.length - 16}) {
      Path cut = Files.write(tmp.resolve("cut" + keep + ".h5"), Arrays.copyOf(bytes, keep));
      assertThrows(EvshardIoException.class, () -> readAll(cut, ReadOptions.defaults()), "kept " + keep);
    }
  }

  @Test
  void registryDetectsBySignatureAndSpoolsStreams(@TempDir Path tmp) throws IOException {
    Events e = Hdf5Files.randomEvents(5, 300);
    Path f = tmp.resolve("renamed.bin");
    Hdf5Files.writeDsec(f, e, 7, true, 0);
    EventFormats formats = EventFormats.defaults();
    assertEquals("hdf5", formats.detect(f).name(), "the signature beats the .bin extension");
    try (EventReader r = formats.open(f, null, ReadOptions.defaults())) {
      assertEquals(e, r.readAll(ReadOptions.defaults()));
    }
    byte[] bytes = Files.readAllBytes(f);
    try (EventReader r = formats.open(new ByteArrayInputStream(bytes), "member.h5", "zip!/member.h5", null,
        ReadOptions.defaults())) {
      assertEquals("hdf5", r.formatName());
      assertEquals(e, r.readAll(ReadOptions.defaults()));
    }
    LimitExceededException limit = assertThrows(LimitExceededException.class,
        () -> new Hdf5EventFormat(100).open(new ByteArrayInputStream(bytes), "big", ReadOptions.defaults()));
    assertTrue(limit.getMessage().contains("limit of 100"), limit.getMessage());
  }

  /**
   * A chunk HDF5 stored with its first filter (shuffle) skipped, only deflated (filter mask 0b01; written by libhdf5
   * through h5py, scripts/MakeHdf5ChunkFixtures.py): jhdf ran both filters and t came out as wild values, exit 0.
   */
  @Test
  void aChunkStoredWithAFilterSkippedReadsAsLibhdf5ReadsIt(@TempDir Path tmp) throws IOException {
    Path f = maskResource("dsec_t_deflated_not_shuffled.h5", tmp);
    Events e;
    try (EventReader r = EventFormats.defaults().open(f, null, ReadOptions.defaults())) {
      e = r.readAll(ReadOptions.defaults());
    }
    assertEquals(4096, e.size());
    for (int i = 0; i < 4096; i++) {
      assertEquals(1_600_000_000_000_000L + 10L * i, e.t()[i], "t of event " + i);
      assertEquals(i % 640, e.x()[i]);
      assertEquals(i % 480, e.y()[i]);
      assertEquals(i % 2 == 1, e.p()[i]);
    }
  }

  /** A 150 KB file whose t is one deflated chunk of 72 MB of zeros (a 2.5 MB file of such chunks took the heap). */
  @Test
  void aChunkDecodingPastTheLimitIsRefusedFromItsShapeBeforeItIsInflated(@TempDir Path tmp) throws IOException {
    Path f = maskResource("dsec_t_one_huge_chunk.h5", tmp);
    try (EventReader r = EventFormats.defaults().open(f, null, ReadOptions.defaults())) {
      LimitExceededException e = assertThrows(LimitExceededException.class, () -> r.nextChunk(new EventChunk(1000)));
      assertEquals(f.toString(), e.source());
      assertEquals(72_000_000L, e.found());
      assertTrue(e.reason().startsWith("decoded chunk size of /events/t of 72000000 exceeds the limit of 67108864"),
          e.reason());
    }
  }

  /** A file of {@code resources/.../hdf5/mask/} (scripts/MakeHdf5ChunkFixtures.py), copied to {@code tmp}. */
  private static Path maskResource(String name, Path tmp) throws IOException {
    try (var in = Hdf5EventReaderTest.class.getResourceAsStream("mask/" + name)) {
      return Files.write(tmp.resolve(name), in.readAllBytes());
    }
  }
}
