package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.evshard.datasets.SampleInputs;
import org.evshard.datasets.SampleRef;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time-window samples: cut from one cached decode of the recording, or streamed when it is too long to keep. */
class SampleDecoderTest {

  @TempDir
  Path root;

  @Test
  void windowsCutFromTheCachedRecordingEqualTheStreamedWindowsAndTheFilteredInput() throws Exception {
    Events all = TestCorpora.randomEvents(new SplittableRandom(3), 20_000, 34, 34);
    TestCorpora.writeBin(root.resolve("rec.bin"), all);
    long span = all.t()[all.size() - 1] + 1;
    int gap = 1;
    while (all.t()[gap] - all.t()[gap - 1] < 2) {
      gap++;
    }
    // window 3 lies between two events: inside the recording, empty
    List<SampleRef> windows = List.of(window(0, 0, span / 3), window(1, span / 3, span / 2),
        window(2, span / 2, span), window(3, all.t()[gap - 1] + 1, all.t()[gap]));
    SampleDecoder cached = new SampleDecoder(root.toString(), ReadOptions.defaults());
    SampleDecoder streamed = new SampleDecoder(root.toString(), ReadOptions.defaults(), 1_000);
    try (SampleInputs inputs = new SampleInputs()) {
      for (SampleRef w : windows) {
        Events expected = filter(all, w.timeWindowStartUs(), w.timeWindowEndUs());
        assertEquals(expected, cached.decode(w, inputs).events(), "cached " + w.sampleId());
        assertEquals(expected, streamed.decode(w, inputs).events(), "streamed " + w.sampleId());
      }
      assertEquals(0, cached.decode(windows.get(3), inputs).events().size());
    }
  }

  /** A window past the recording's end was an empty row: labels of another recording, now a rejection. */
  @Test
  void aWindowOutsideTheRecordingIsRefusedNamingTheRecordingsSpan() throws Exception {
    Events all = TestCorpora.randomEvents(new SplittableRandom(4), 5_000, 34, 34);
    TestCorpora.writeBin(root.resolve("rec.bin"), all);
    long last = all.t()[all.size() - 1];
    assertTrue(all.t()[0] > 0, "this seed's first event is after 0");
    String expected = "the labelled time window [" + (last + 1) + ", " + (last + 100) + ") us lies outside the "
        + "recording, whose events span " + all.t()[0] + " to " + last + " us: no event to keep (do the labels "
        + "belong to this recording?)";
    try (SampleInputs inputs = new SampleInputs()) {
      for (SampleDecoder d : List.of(new SampleDecoder(root.toString(), ReadOptions.defaults()),
          new SampleDecoder(root.toString(), ReadOptions.defaults(), 1_000))) {
        EvshardIoException e = assertThrows(EvshardIoException.class,
            () -> d.decode(window(0, last + 1, last + 100), inputs));
        assertEquals(expected, e.reason());
        e = assertThrows(EvshardIoException.class, () -> d.decode(window(1, 0, all.t()[0]), inputs));
        assertTrue(e.reason().startsWith("the labelled time window [0, " + all.t()[0] + ") us lies outside"),
            e.reason());
      }
    }
  }

  /** Over --max-events, the streamed window's rejection stated the count at the chunk that passed the limit. */
  @Test
  void aWindowOverTheEventLimitIsRejectedWithItsTrueCount() throws Exception {
    Events all = TestCorpora.randomEvents(new SplittableRandom(5), 200_000, 34, 34);
    TestCorpora.writeBin(root.resolve("rec.bin"), all);
    long span = all.t()[all.size() - 1] + 1;
    SampleRef w = window(0, 0, span / 2);
    int inWindow = filter(all, 0, span / 2).size();
    SampleDecoder streamed = new SampleDecoder(root.toString(), ReadOptions.defaults().withMaxEvents(1_000), 1_000);
    try (SampleInputs inputs = new SampleInputs()) {
      LimitExceededException e = assertThrows(LimitExceededException.class, () -> streamed.decode(w, inputs));
      assertEquals(inWindow, e.found());
      assertEquals("event count in the time window of " + inWindow + " exceeds the limit of 1000", e.reason());
    }
  }

  /** A whole recording over --max-events stated the count at the chunk that passed the limit ("may hold more"). */
  @Test
  void aWholeRecordingOverTheEventLimitIsRejectedWithItsTrueCount() throws Exception {
    Events all = TestCorpora.randomEvents(new SplittableRandom(6), 200_000, 34, 34);
    TestCorpora.writeBin(root.resolve("rec.bin"), all);
    SampleRef whole = new SampleRef("ds/rec", "ds", "rec.bin", "train", 0, "c", null, null, "atis-bin",
        new org.evshard.io.events.SensorGeometry(34, 34));
    SampleDecoder decoder = new SampleDecoder(root.toString(), ReadOptions.defaults().withMaxEvents(1_000));
    try (SampleInputs inputs = new SampleInputs()) {
      LimitExceededException e = assertThrows(LimitExceededException.class, () -> decoder.decode(whole, inputs));
      assertEquals(all.size(), e.found());
      assertEquals("event count of 200000 exceeds the limit of 1000; the limit was passed at this offset",
          e.reason());
      long size = java.nio.file.Files.size(root.resolve("rec.bin"));
      assertTrue(e.offset() > 5_000 && e.offset() < size, "an offset inside the file of " + size + ": " + e.offset());
    }
  }

  @Test
  void recordingsOfEverySizeDecodeExactlyWhileTheReusedChunkGrows() throws Exception {
    // 70,000 events span two default chunks; the chunk then grows for the next ones, which are smaller, larger
    // than the grown chunk, and of the size that fills it exactly
    int[] sizes = {70_000, 3, 150_000, 1, 131_072, 70_000};
    SampleDecoder decoder = new SampleDecoder(root.toString(), ReadOptions.defaults());
    try (SampleInputs inputs = new SampleInputs()) {
      for (int i = 0; i < sizes.length; i++) {
        Events all = TestCorpora.randomEvents(new SplittableRandom(i), sizes[i], 34, 34);
        String name = "rec" + i + ".bin";
        TestCorpora.writeBin(root.resolve(name), all);
        SampleRef ref = new SampleRef("ds/rec" + i, "ds", name, "train", 0, "c", null, null, "atis-bin",
            new org.evshard.io.events.SensorGeometry(34, 34));
        assertEquals(all, decoder.decode(ref, inputs).events(), name);
      }
    }
  }

  private static SampleRef window(int i, long start, long end) {
    return new SampleRef("ds/rec#" + i, "ds", "rec.bin", "train", 0, "c", null, null, "atis-bin",
        new org.evshard.io.events.SensorGeometry(34, 34)).withTimeWindow(start, end);
  }

  private static Events filter(Events e, long start, long end) {
    EventsBuilder b = new EventsBuilder();
    for (int i = 0; i < e.size(); i++) {
      if (e.t()[i] >= start && e.t()[i] < end) {
        b.add(e.x()[i], e.y()[i], e.t()[i], e.p()[i]);
      }
    }
    return b.build();
  }
}
