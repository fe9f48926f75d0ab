package org.evshard.io.prophesee;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The EVT 2.0 reader against a decode written here from the specification, on random word streams: CD words of every bit pattern, TIME_HIGH words (rising, and once falling:
 * a wrap), triggers, OTHERS, CONTINUED and reserved words, mixed at a given rate.
 */
class Evt2ReaderDefinitionTest {

  private static final String HEADER = "% evt 2.0\n% format EVT2;height=720;width=1280\n% end\n";

  /** {@code count} words; a non-CD word with probability {@code 1 / otherEvery} (never when 0). */
  private static int[] words(int count, int otherEvery, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] w = new int[count];
    int high = 1000;
    for (int i = 0; i < count; i++) {
      if (i == 0 || otherEvery > 0 && rng.nextInt(otherEvery) == 0) {
        int kind = i == 0 ? 0 : rng.nextInt(5);
        switch (kind) {
          case 0 -> {
            high = i == count / 2 ? 5 : high + rng.nextInt(3); // once a smaller TIME_HIGH: the 34-bit wrap
            w[i] = 0x8 << 28 | high;
          }
          case 1 -> w[i] = 0xA << 28 | rng.nextInt(1 << 28);
          case 2 -> w[i] = 0xE << 28 | rng.nextInt(1 << 28);
          case 3 -> w[i] = 0xF << 28 | rng.nextInt(1 << 28);
          default -> w[i] = (2 + rng.nextInt(6)) << 28 | rng.nextInt(1 << 28); // reserved 0x2..0x7
        }
      } else {
        w[i] = rng.nextInt(2) << 28 | rng.nextInt(1 << 28);
      }
    }
    return w;
  }

  private static byte[] file(int[] words) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(HEADER.getBytes(StandardCharsets.US_ASCII));
    for (int w : words) {
      for (int k = 0; k < 4; k++) {
        out.write(w >>> 8 * k);
      }
    }
    return out.toByteArray();
  }

  /** The specification, word by word: CD events and triggers after the first TIME_HIGH; a falling one adds 2^34. */
  private static List<Object> byDefinition(int[] words) {
    EventsBuilder events = new EventsBuilder();
    List<Long> triggers = new ArrayList<>();
    long wraps = 0;
    long last = -1;
    for (int w : words) {
      long type = Integer.toUnsignedLong(w) >> 28;
      long lsb = (w >> 22) & 63;
      if (type == 8) {
        long high = w & 0x0FFFFFFF;
        wraps += last >= 0 && high < last ? 1 : 0;
        last = high;
      } else if (last >= 0 && type <= 1) {
        events.add((short) ((w >> 11) & 2047), (short) (w & 2047), (wraps << 34) + last * 64 + lsb, type == 1);
      } else if (last >= 0 && type == 10) {
        triggers.add((wraps << 34) + last * 64 + lsb);
      }
    }
    return List.of(events.build(), triggers);
  }

  /** The skip counts the reader reports, by the specification: every word before the first TIME_HIGH, then per type. */
  private static Map<String, Long> skippedByDefinition(int[] words) {
    Map<String, Long> out = new java.util.TreeMap<>();
    boolean timeSet = false;
    for (int w : words) {
      int type = w >>> 28;
      String kind = null;
      if (!timeSet && type != 8) {
        kind = WordReader.BEFORE_TIME_HIGH;
      } else if (type == 0xA) {
        kind = WordReader.TRIGGER;
      } else if (type == 0xE) {
        kind = WordReader.OTHERS;
      } else if (type == 0xF) {
        kind = WordReader.CONTINUED;
      } else if (type > 1 && type != 8) {
        kind = WordReader.RESERVED;
      }
      timeSet |= type == 8;
      if (kind != null) {
        out.merge(kind, 1L, Long::sum);
      }
    }
    return out;
  }

  private static List<Object> read(byte[] file, int chunkSize, Map<String, Long> skipped)
      throws IOException {
    EventsBuilder out = new EventsBuilder();
    List<Long> triggers = new ArrayList<>();
    try (Evt2Reader r = new Evt2Reader(new ByteArrayInputStream(file), "test", ReadOptions.defaults())) {
      EventChunk c = new EventChunk(chunkSize);
      while (true) {
        boolean more = r.nextChunk(c);
        out.add(c);
        for (int i = 0; i < r.triggers().size(); i++) { // the triggers met while filling this chunk
          triggers.add(r.triggers().t(i));
        }
        if (!more) {
          break;
        }
      }
      skipped.putAll(r.skippedCounts());
    }
    return List.of(out.build(), triggers);
  }

  @ParameterizedTest(name = "{0} words, another word in 1 of {1}, chunks of {2}")
  @CsvSource({"1, 0, 7", "17, 0, 4096", "1000, 0, 1", "1000, 0, 7", "1000, 0, 16", "1000, 0, 17", "1000, 3, 64",
      "100000, 0, 65536", "100000, 50, 4096", "100000, 16, 65536", "100000, 2, 13", "300001, 1000, 100000"})
  void givesTheSpecificationsEventsTriggersAndSkipCounts(int count, int otherEvery, int chunkSize) throws IOException {
    int[] words = words(count, otherEvery, 31L * count + otherEvery);
    byte[] file = file(words);
    List<Object> want = byDefinition(words);
    Map<String, Long> skipped = new java.util.TreeMap<>();
    assertEquals(want, read(file, chunkSize, skipped));
    assertEquals(skippedByDefinition(words), skipped);
  }

  @ParameterizedTest(name = "{0} words, another word in 1 of {1}")
  @CsvSource({"1, 0", "1000, 3", "300001, 1000"})
  void boundsTheEventsLeftByTheWordsLeftAndReadsThemAll(int count, int otherEvery) throws IOException {
    int[] words = words(count, otherEvery, 7L * count + otherEvery);
    byte[] file = file(words);
    Events want = (Events) byDefinition(words).get(0);
    try (Evt2Reader r = new Evt2Reader(new ByteArrayInputStream(file), "test", ReadOptions.defaults())) {
      long bound = r.remainingEventsBound();
      assertEquals(count, bound, "every word left, the first TIME_HIGH included");
      assertEquals(want, r.readAll(ReadOptions.defaults(), new EventChunk(7)));
      assertEquals(0, r.remainingEventsBound());
    }
  }
}
