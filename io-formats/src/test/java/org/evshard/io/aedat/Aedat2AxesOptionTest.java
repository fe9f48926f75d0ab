package org.evshard.io.aedat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.events.Events;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;

/** The registry's AEDAT 2.0 reader takes its DVS128 axes from the format option {@code axes}. */
class Aedat2AxesOptionTest {

  /** One DVS128 record: raw x 10, raw y 100, bit0 = 1 (OFF), t 7; built from the jAER address layout. */
  private static byte[] file() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("#!AER-DAT2.0\r\n# AEChip: ch.unizh.ini.jaer.chip.retina.DVS128\r\n"
        .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(ByteBuffer.allocate(8).putInt(100 << 8 | 10 << 1 | 1).putInt(7).array());
    return out.toByteArray();
  }

  private static Events read(Map<String, String> options) throws Exception {
    ReadOptions read = ReadOptions.defaults().withFormatOptions(options);
    try (EventReader r = EventFormats.defaults().open(new ByteArrayInputStream(file()), "a.aedat", "a.aedat", null,
        read)) {
      return r.readAll(read);
    }
  }

  @Test
  void specBuiltDvs128RecordFollowsTheAxesOption() throws Exception {
    Events jaer = read(Map.of());
    assertEquals(127 - 10, jaer.x()[0]);
    assertEquals(127 - 100, jaer.y()[0]);
    assertEquals(jaer, read(Map.of("axes", "jaer")));
    Events sj = read(Map.of("axes", "spikingjelly-cifar10dvs"));
    assertEquals(127 - 100, sj.x()[0]);
    assertEquals(127 - 10, sj.y()[0]);
    assertEquals(false, sj.p()[0]);
    assertEquals(7, sj.t()[0]);
  }

  @Test
  void anUnknownAxesValueIsATypedError() {
    UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
        () -> read(Map.of("axes", "tonic")));
    assertTrue(e.getMessage().contains("unknown AEDAT 2.0 axes 'tonic'"), e.getMessage());
  }

  @Test
  void readOptionsKeepTheirOldConstructorAndSortFormatOptions() {
    ReadOptions old = new ReadOptions(16, 10, 100, null);
    assertEquals(Map.of(), old.formatOptions());
    ReadOptions withOptions = old.withFormatOptions(Map.of("b", "2", "a", "1"));
    assertEquals("[a, b]", withOptions.formatOptions().keySet().toString());
    assertEquals(16, withOptions.withSensor(null).chunkSize());
    assertEquals("1", withOptions.withMaxEvents(5).formatOption("a"));
  }
}
