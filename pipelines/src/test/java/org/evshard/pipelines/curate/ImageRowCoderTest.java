package org.evshard.pipelines.curate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.evshard.io.shard.ImageRow;
import org.junit.jupiter.api.Test;

/** The curation coders on {@link CoderFrame}: exact round trips, exact framing when nested, typed errors. */
class ImageRowCoderTest {

  private static final ImageRow FULL = new ImageRow("cifake/train/REAL/0001", "cifake", "train", 1, "REAL",
      "train/REAL/0001.jpg", "ü".repeat(40_000), 32, 32, 640, 480, "ab".repeat(32), "jpeg",
      new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 1, 2, -1}, Map.of("b", "2", "a", "1", "é", "ß"), new byte[12],
      new int[] {2, 2, 3});
  private static final ImageRow BARE = new ImageRow("x", "d", "test", null, null, "x.png", null, 1, 1, 1, 1, "00",
      "png", new byte[0], Map.of(), null, null);

  @Test
  void everyFieldSurvives() throws Exception {
    for (ImageRow row : List.of(FULL, BARE)) {
      assertSame(row, CoderUtils.decodeFromByteArray(ImageRowCoder.of(),
          CoderUtils.encodeToByteArray(ImageRowCoder.of(), row)));
      ProcessedImage p = new ProcessedImage(row, 0x8000_0000_0000_0001L, 307_200);
      ProcessedImage back = CoderUtils.decodeFromByteArray(ProcessedImage.ProcessedCoder.of(),
          CoderUtils.encodeToByteArray(ProcessedImage.ProcessedCoder.of(), p));
      assertSame(row, back.row());
      assertEquals(p.phash(), back.phash());
      assertEquals(p.pixels(), back.pixels());
    }
    for (DedupEntry e : List.of(new DedupEntry("id", "a/b.jpg", 1024, -7L, "ff"),
        new DedupEntry("id2", null, 0, 0, null))) {
      assertEquals(e, CoderUtils.decodeFromByteArray(DedupEntry.EntryCoder.INSTANCE,
          CoderUtils.encodeToByteArray(DedupEntry.EntryCoder.INSTANCE, e)));
    }
  }

  @Test
  void nestedValuesReadExactlyTheirOwnBytes() throws Exception {
    KvCoder<String, Iterable<ImageRow>> coder = KvCoder.of(StringUtf8Coder.of(), IterableCoder.of(ImageRowCoder.of()));
    List<ImageRow> rows = List.of(FULL, BARE, FULL, BARE);
    KV<String, Iterable<ImageRow>> back = CoderUtils.decodeFromByteArray(coder,
        CoderUtils.encodeToByteArray(coder, KV.of("train/part-00000-of-00002", rows)));
    assertEquals("train/part-00000-of-00002", back.getKey());
    List<ImageRow> got = new ArrayList<>();
    back.getValue().forEach(got::add);
    assertEquals(rows.size(), got.size());
    for (int i = 0; i < rows.size(); i++) {
      assertSame(rows.get(i), got.get(i));
    }
  }

  @Test
  void aCutFrameIsACoderException() throws Exception {
    byte[] bytes = CoderUtils.encodeToByteArray(ImageRowCoder.of(), FULL);
    for (int cut : new int[] {0, 1, 3, 40, bytes.length / 2, bytes.length - 1}) {
      byte[] part = Arrays.copyOf(bytes, cut);
      assertThrows(CoderException.class, () -> CoderUtils.decodeFromByteArray(ImageRowCoder.of(), part),
          "cut at " + cut);
    }
  }

  private static void assertSame(ImageRow want, ImageRow got) {
    assertEquals(want.sampleId(), got.sampleId());
    assertEquals(want.dataset(), got.dataset());
    assertEquals(want.split(), got.split());
    assertEquals(want.label(), got.label());
    assertEquals(want.labelName(), got.labelName());
    assertEquals(want.source(), got.source());
    assertEquals(want.caption(), got.caption());
    assertEquals(want.width(), got.width());
    assertEquals(want.height(), got.height());
    assertEquals(want.originalWidth(), got.originalWidth());
    assertEquals(want.originalHeight(), got.originalHeight());
    assertEquals(want.sha256(), got.sha256());
    assertEquals(want.imageFormat(), got.imageFormat());
    assertArrayEquals(want.image(), got.image());
    assertEquals(want.attributes(), got.attributes());
    assertArrayEquals(want.tensor(), got.tensor());
    assertArrayEquals(want.tensorShape(), got.tensorShape());
  }
}
