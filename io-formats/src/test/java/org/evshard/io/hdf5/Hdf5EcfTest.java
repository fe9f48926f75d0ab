package org.evshard.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Metavision-layout files whose {@code CD/events} went through Prophesee's ECF filter (id 36559), as Metavision
 * writes its HDF5 recordings, written by h5py with Prophesee's own plugin ({@code scripts/MakeEcfFixtures.py}) and
 * compared with the script's formula as ECF gives it back, which the script checked against h5py's decode through
 * that plugin.
 */
class Hdf5EcfTest {

  @ParameterizedTest
  @CsvSource({"cd_ecf.hdf5, 21714, 1280, 720", "cd_ecf_chunk1001.hdf5, 3000, 640, 480"})
  void metavisionEcfFileDecodesAsProphesseesPluginDoes(String name, int n, int w, int h, @TempDir Path tmp)
      throws IOException {
    Path f = EcfFixtures.file(name, tmp);
    Events expected = EcfFixtures.decoded(name);
    assertEquals(n, expected.size());
    for (int chunk : new int[] {1, 7, 4096, 1_000_000}) {
      ReadOptions o = ReadOptions.defaults().withChunkSize(chunk);
      try (Hdf5EventReader r = Hdf5EventReader.open(f, name, o, null)) {
        assertEquals("prophesee", r.headerFields().get("layout"));
        assertEquals("ecf", r.headerFields().get("compression"));
        assertEquals("EVT3", r.headerFields().get("format")); // the file's root attributes
        assertEquals("4.2", r.headerFields().get("generation"));
        assertEquals(new SensorGeometry(w, h), r.geometry().orElseThrow());
        assertEquals(n, r.eventCount());
        assertEquals(expected, r.readAll(o), name + " in chunks of " + chunk);
      }
    }
    try (EventReader r = EventFormats.defaults().open(f, null, ReadOptions.defaults())) {
      assertEquals("hdf5", r.formatName());
      assertEquals(expected, r.readAll(ReadOptions.defaults()));
    }
  }

  /** A chunk whose run lengths were damaged on disk fails naming the file and the events being read. */
  @Test
  void aDamagedEcfChunkIsCorruptNamingTheFile(@TempDir Path tmp) throws IOException {
    Path f = EcfFixtures.file(EcfFixtures.MIXED, tmp);
    byte[] file = Files.readAllBytes(f);
    byte[] chunk = EcfFixtures.chunk(2);
    int at = indexOf(file, chunk);
    assertTrue(at > 0, "chunk 2 is stored as written");
    file[at + 12] = (byte) 0x0F; // first timestamp run: 15 -> a 16-bit length follows
    file[at + 13] = (byte) 0xFF;
    file[at + 14] = (byte) 0xFF; // 65535 events in a chunk of 4096
    Files.write(f, file);
    CorruptInputException e = assertThrows(CorruptInputException.class,
        () -> Hdf5EventReader.open(f, f.toString(), ReadOptions.defaults(), null).readAll(ReadOptions.defaults()));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("ECF chunk"), e.getMessage());
    assertTrue(e.getMessage().contains("t stream at byte 12: expected a run of at most 4096 events"), e.getMessage());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
