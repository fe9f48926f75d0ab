package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.evshard.datasets.SampleInputs;
import org.evshard.datasets.SampleRef;
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
    List<SampleRef> windows = List.of(window(0, 0, span / 3), window(1, span / 3, span / 2),
        window(2, span / 2, span), window(3, span + 10, span + 20));
    SampleDecoder cached = new SampleDecoder(root.toString(), ReadOptions.defaults());
    SampleDecoder streamed = new SampleDecoder(root.toString(), ReadOptions.defaults(), 1_000);
    try (SampleInputs inputs = new SampleInputs()) {
      for (SampleRef w : windows) {
        Events expected = filter(all, w.timeWindowStartUs(), w.timeWindowEndUs());
        assertEquals(expected, cached.decode(w, inputs).events(), "cached " + w.sampleId());
        assertEquals(expected, streamed.decode(w, inputs).events(), "streamed " + w.sampleId());
      }
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
