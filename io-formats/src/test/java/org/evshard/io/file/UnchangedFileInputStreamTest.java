package org.evshard.io.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.evshard.io.error.InputChangedException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.EventWriter;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnchangedFileInputStreamTest {

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }

  @Test
  void anUnchangedFileReadsAsItIs(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("a.bin");
    Files.write(file, bytes(100_000));
    try (InputStream in = UnchangedFileInputStream.open(file, "a.bin")) {
      assertEquals(1000, in.skip(1000));
      assertEquals(bytes(100_000)[1000] & 0xff, in.read());
      byte[] rest = in.readAllBytes();
      assertEquals(100_000 - 1001, rest.length);
      assertEquals(-1, in.read());
      assertEquals(-1, in.read(new byte[8], 0, 8));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cut", "grown", "touched"})
  void aFileChangedWhileReadThrowsAtTheByteItNoticed(String change, @TempDir Path dir) throws IOException {
    Path file = dir.resolve("a.bin");
    Files.write(file, bytes(100_000));
    FileStamp opened = FileStamp.of(file);
    try (InputStream in = UnchangedFileInputStream.open(file, "rec/a.bin")) {
      in.readNBytes(10_000);
      switch (change) {
        case "cut" -> {
          try (var ch = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
            ch.truncate(50_000);
          }
        }
        case "grown" -> Files.write(file, new byte[7], StandardOpenOption.APPEND);
        default -> Files.setLastModifiedTime(file, FileTime.fromMillis(opened.modifiedNanos() / 1_000_000 + 5_000));
      }
      InputChangedException e = assertThrows(InputChangedException.class, in::readAllBytes);
      assertEquals("rec/a.bin", e.source());
      switch (change) {
        case "cut" -> {
          assertEquals(50_000, e.offset());
          assertTrue(e.reason().startsWith("the file changed while it was read (" + opened.describe() + " then, "
              + new FileStamp(50_000, FileStamp.of(file).modifiedNanos()).describe() + " now; its end came at "
              + "byte 50,000)"), e.reason());
        }
        case "grown" -> {
          assertEquals(100_000, e.offset());
          assertTrue(e.reason().startsWith("the file grew while it was read: it had 100,000 bytes"), e.reason());
        }
        default -> {
          assertEquals(100_000, e.offset());
          assertTrue(e.reason().contains(" now; its end came at byte 100,000)"), e.reason());
        }
      }
    }
  }

  /** An EVT 3.0 file cut while {@code decode} read it was "decoded" with exit 0 (28 of its 40 M events). */
  @Test
  void aRecordingCutWhileItsReaderStreamsItIsRefusedNotEndedEarly(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("r.bin");
    int n = 200_000;
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i] = (short) (i % 34);
      y[i] = (short) (i % 33);
      t[i] = i;
      p[i] = (i & 1) == 0;
    }
    try (OutputStream out = Files.newOutputStream(file);
        EventWriter w = EventFormats.defaults().byName("atis-bin").openWriter(out, new SensorGeometry(34, 34))
            .orElseThrow()) {
      w.write(x, y, t, p, 0, n);
    }
    long full = Files.size(file);
    ReadOptions options = ReadOptions.defaults().withChunkSize(1000);
    EventChunk chunk = new EventChunk(1000);
    long read = 0;
    try (EventReader r = EventFormats.defaults().open(file, "atis-bin", options)) {
      assertTrue(r.nextChunk(chunk));
      read += chunk.size();
      try (var ch = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
        ch.truncate(full / 2 / 5 * 5); // whole records: a valid, shorter recording
      }
      InputChangedException e = assertThrows(InputChangedException.class, () -> {
        while (r.nextChunk(chunk)) {
          continue;
        }
      });
      assertEquals(file.toString(), e.source());
      assertEquals(full / 2 / 5 * 5, e.offset());
    }
    assertTrue(read > 0);
    try (EventReader whole = EventFormats.defaults().open(file, "atis-bin", options)) { // as it is now: fine
      long events = 0;
      while (whole.nextChunk(chunk)) {
        events += chunk.size();
      }
      assertEquals(full / 2 / 5, events);
    }
  }
}
