package org.evshard.io.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.evshard.io.Fixtures;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.UnsupportedFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventFormatsTest {

  private final EventFormats formats = EventFormats.defaults();

  @Test
  void registersEveryFormatInDetectionOrder() {
    assertEquals(java.util.List.of("npy", "atis-bin", "aedat2", "aedat4", "aedat31", "evt3", "evt2", "evt21", "dat",
        "hdf5", "text"), formats.names());
    assertEquals("atis-bin", formats.byName("NMNIST").name());
    assertEquals("atis-bin", formats.byName("ncaltech101").name());
    assertEquals("atis-bin", formats.byName("bin").name());
  }

  @Test
  void detectsNpyByMagicWhateverTheName(@TempDir Path tmp) throws IOException {
    Path ref = Fixtures.file("fixtures/events/nmnist_bin/sample_nmnist.bin.ref.npy");
    assertEquals("npy", formats.detect(ref).name());
    Path renamed = tmp.resolve("events.bin");
    Files.copy(ref, renamed);
    assertEquals("npy", formats.detect(renamed).name(), "magic beats the extension");
  }

  @Test
  void detectsAtisBinByExtension() throws IOException {
    Path bin = Fixtures.file("fixtures/events/nmnist_bin/sample_nmnist.bin");
    assertEquals("atis-bin", formats.detect(bin).name());
    try (EventReader r = formats.open(bin, null, ReadOptions.defaults())) {
      assertEquals("atis-bin", r.formatName());
      assertTrue(r.readAll(ReadOptions.defaults()).size() > 0);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty.bin", "empty.raw", "empty.aedat4", "empty.npy", "empty.txt", "empty.dat", "empty"})
  void anEmptyFileIsAnEmptyRecordingWhateverItsName(String name, @TempDir Path tmp) throws IOException {
    Path empty = Files.createFile(tmp.resolve(name));
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> formats.detect(empty));
    assertEquals("empty recording: 0 bytes", e.reason());
    assertEquals(empty.toString(), e.source());
    assertEquals(0, e.offset());
    CorruptInputException opened = assertThrows(CorruptInputException.class,
        () -> formats.open(empty, null, ReadOptions.defaults()));
    assertEquals("empty recording: 0 bytes", opened.reason());
    CorruptInputException streamed = assertThrows(CorruptInputException.class, () -> formats.open(
        new java.io.ByteArrayInputStream(new byte[0]), name, "archive.zip!" + name, null, ReadOptions.defaults()));
    assertEquals("empty recording: 0 bytes", streamed.reason());
    assertEquals("archive.zip!" + name, streamed.source());
  }

  @Test
  void unrecognisedBytesNameTheFormatsTried(@TempDir Path tmp) throws IOException {
    Path junk = Files.write(tmp.resolve("junk.xyz"), new byte[] {1, 2, 3});
    UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> formats.detect(junk));
    assertTrue(e.getMessage().contains("npy") && e.getMessage().contains("atis-bin"), e.getMessage());
  }

  @Test
  void unknownFormatNameListsTheKnownOnes() {
    UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> formats.byName("evt9"));
    assertTrue(e.getMessage().contains("evt9") && e.getMessage().contains("[npy, atis-bin, aedat2, aedat4, aedat31, "
        + "evt3, evt2, evt21, dat, hdf5, text]"), e.getMessage());
  }

  @Test
  void aDirectoryIsAClearError(@TempDir Path tmp) {
    CorruptInputException e = assertThrows(CorruptInputException.class,
        () -> formats.open(tmp, null, ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    assertThrows(CorruptInputException.class, () -> formats.open(tmp, "npy", ReadOptions.defaults()));
  }

  /** {@code inspect} and {@code decode} blocked forever on a FIFO and wrote /dev/urandom until the disk was full. */
  @Test
  @org.junit.jupiter.api.Timeout(60)
  void aNamedPipeOrADeviceIsRefusedUnopened(@TempDir Path tmp) throws Exception {
    Path fifo = tmp.resolve("fifo.raw");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Path zero = Files.createSymbolicLink(tmp.resolve("zero.raw"), Path.of("/dev/zero"));
    for (Path p : new Path[] {fifo, zero}) {
      for (String format : new String[] {null, "evt3"}) {
        CorruptInputException e = assertThrows(CorruptInputException.class,
            () -> formats.open(p, format, ReadOptions.defaults()));
        assertEquals(p.toString() + ": is not a regular file (a named pipe, socket or device), expected a recording "
            + "file: not opened", e.getMessage());
      }
    }
  }

  @Test
  void detectionSaysWhenTheFormatWasOnlyAssumedFromASharedExtension() {
    byte[] words = {0x01, (byte) 0x80, 0x02, 0x60, 0x03, 0x00, 0x04, 0x20}; // EVT 3.0-looking words, no header
    DetectedFormat bare = formats.detection(words, words.length, "bare.raw", "bare.raw");
    assertEquals("evt3", bare.format().name());
    assertEquals(Detection.EXTENSION, bare.strength());
    assertEquals(java.util.List.of("evt2", "evt21"), bare.alsoMatching().stream().map(EventFormat::name).toList());
    assertTrue(bare.assumed());

    byte[] declared = "% evt 3.0\n% end\n\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    DetectedFormat stated = formats.detection(declared, declared.length, "stated.raw", "stated.raw");
    assertEquals("evt3", stated.format().name());
    assertEquals(Detection.HEADER, stated.strength());
    assertFalse(stated.assumed(), "the header names the encoding");

    DetectedFormat bin = formats.detection(words, words.length, "x.bin", "x.bin");
    assertEquals("atis-bin", bin.format().name());
    assertFalse(bin.assumed(), "no other format reads .bin");
  }
}
