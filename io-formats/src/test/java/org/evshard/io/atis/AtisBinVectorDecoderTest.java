package org.evshard.io.atis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 512-bit and 256-bit record loops against the scalar loop and against a decode written from the format's
 * definition.
 */
class AtisBinVectorDecoderTest {

  /** Random records over every byte value; a record is a marker with probability {@code 1 / markerEvery}. */
  private static byte[] records(int count, int markerEvery, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] data = new byte[count * AtisBinReader.RECORD_BYTES];
    rng.nextBytes(data);
    for (int i = 0; i < count; i++) {
      int y = i * AtisBinReader.RECORD_BYTES + 1;
      if (markerEvery > 0 && rng.nextInt(markerEvery) == 0) {
        data[y] = (byte) AtisBinReader.OVERFLOW_Y;
      } else if (data[y] == (byte) AtisBinReader.OVERFLOW_Y) {
        data[y] = (byte) 239;
      }
    }
    return data;
  }

  /** The format's definition, one record at a time, independent of the reader. */
  private static Events byDefinition(byte[] data) {
    EventsBuilder out = new EventsBuilder();
    long base = 0;
    for (int o = 0; o < data.length; o += AtisBinReader.RECORD_BYTES) {
      int x = data[o] & 0xFF;
      int y = data[o + 1] & 0xFF;
      int b2 = data[o + 2] & 0xFF;
      if (y == 240) {
        base += 8192;
        continue;
      }
      long t = ((long) (b2 & 0x7F) << 16) | ((data[o + 3] & 0xFF) << 8) | (data[o + 4] & 0xFF);
      out.add((short) x, (short) y, base + t, b2 >= 0x80);
    }
    return out.build();
  }

  private static Events read(byte[] data, int vectorBits, int chunkSize) throws IOException {
    EventsBuilder out = new EventsBuilder();
    try (AtisBinReader r = new AtisBinReader(new ByteArrayInputStream(data), "test", ReadOptions.defaults(),
        vectorBits)) {
      EventChunk c = new EventChunk(chunkSize);
      while (r.nextChunk(c)) {
        out.add(c);
      }
    }
    return out.build();
  }

  @ParameterizedTest(name = "{0} records, a marker in 1 of {1}, chunks of {2}")
  @CsvSource({"1, 0, 7", "7, 0, 7", "8, 0, 4096", "9, 1, 4096", "1000, 0, 1", "1000, 0, 7",
      "1000, 0, 8", "1000, 0, 9", "40000, 0, 65536", "40000, 100, 4096", "40000, 9, 65536", "40000, 2, 13",
      "40000, 1, 4096", "49155, 5000, 65536", "40000, 0, 33", "40000, 40, 31"})
  void vectorAndScalarLoopsGiveTheDefinitionsEvents(int count, int markerEvery, int chunkSize) throws IOException {
    byte[] data = records(count, markerEvery, 31L * count + markerEvery);
    Events want = byDefinition(data);
    assertEquals(want, read(data, 0, chunkSize), "scalar loop");
    assertEquals(want, read(data, 512, chunkSize), "512-bit loop");
    assertEquals(want, read(data, 256, chunkSize), "256-bit loop");
  }

  /**
   * A loop of {@code bits} steps by {@code bits / 8} records and reads {@code spanBytes} from a step's start; the
   * {@code records} records are sized so that from record 16 exactly two steps fit before the array ends.
   */
  @ParameterizedTest(name = "{0}-bit loop")
  @CsvSource({"512, 200, 344", "256, 100, 172"})
  void theLoopStopsBeforeAGroupWithAMarkerAndBeforeTheArraysEnd(int bits, int n, int spanBytes) {
    int step = bits / 8;
    assertEquals(spanBytes, bits == 512 ? AtisBin512Decoder.STEP_SPAN : AtisBin256Decoder.STEP_SPAN);
    assertEquals(true, 16 * 5 + 5 * step + spanBytes <= n * 5 && 16 * 5 + 10 * step + spanBytes > n * 5,
        "two steps fit from record 16, a third does not");
    byte[] data = records(n, 0, 7 + bits);
    data[13 * AtisBinReader.RECORD_BYTES + 1] = (byte) AtisBinReader.OVERFLOW_Y; // record 13: the second group
    short[] xs = new short[n];
    short[] ys = new short[n];
    long[] ts = new long[n];
    boolean[] ps = new boolean[n];
    assertEquals(8, decode(bits, data, 0, n, xs, ys, ts, ps));
    assertEquals(0, decode(bits, data, 8, n - 8, xs, ys, ts, ps));
    assertEquals(2 * step, decode(bits, data, 16, n - 16, xs, ys, ts, ps));
    assertEquals(step, decode(bits, data, 16, 2 * step - 1, xs, ys, ts, ps));
    assertEquals(0, decode(bits, data, 16, step - 1, xs, ys, ts, ps));
    Arrays.fill(ps, true);
    Events want = byDefinition(Arrays.copyOfRange(data, 16 * 5, (16 + 2 * step) * 5));
    decode(bits, data, 16, 2 * step, xs, ys, ts, ps);
    assertEquals(want, Events.wrap(Arrays.copyOf(xs, 2 * step), Arrays.copyOf(ys, 2 * step),
        Arrays.copyOf(ts, 2 * step), Arrays.copyOf(ps, 2 * step)));
    assertEquals(true, ps[2 * step], "no polarity is written past the records decoded");
    // an x of 240 is no marker; a marker in the third group of a step: the first two groups come back complete,
    // polarities included
    byte[] late = records(n, 0, 9 + bits);
    late[(16 + 3) * AtisBinReader.RECORD_BYTES] = (byte) AtisBinReader.OVERFLOW_Y;
    late[(16 + 17) * AtisBinReader.RECORD_BYTES + 1] = (byte) AtisBinReader.OVERFLOW_Y;
    Arrays.fill(ps, false);
    assertEquals(16, decode(bits, late, 16, n - 16, xs, ys, ts, ps));
    Events first = byDefinition(Arrays.copyOfRange(late, 16 * 5, 32 * 5));
    assertEquals(first, Events.wrap(Arrays.copyOf(xs, 16), Arrays.copyOf(ys, 16), Arrays.copyOf(ts, 16),
        Arrays.copyOf(ps, 16)));
    // the time base is added to every timestamp
    long base = 3L << 40;
    AtisBinVectorDecoder.forBits(bits).decode(data, 16 * 5, step, xs, ys, ts, ps, 0, base);
    for (int i = 0; i < step; i++) {
      assertEquals(want.t()[i] + base, ts[i], "timestamp " + i);
    }
  }

  private static int decode(int bits, byte[] data, int fromRecord, int records, short[] xs, short[] ys, long[] ts,
      boolean[] ps) {
    return AtisBinVectorDecoder.forBits(bits).decode(data, fromRecord * AtisBinReader.RECORD_BYTES, records, xs, ys,
        ts, ps, 0, 0);
  }
}
