package org.evshard.pipelines.curate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class CurateItemCoderTest {

  private static CurateItem roundTrip(CurateItem item) throws Exception {
    return CoderUtils.decodeFromByteArray(CurateItemCoder.of(), CoderUtils.encodeToByteArray(CurateItemCoder.of(),
        item));
  }

  @Test
  void everyFieldSurvivesWithAndWithoutTheOptionalOnes() throws Exception {
    String longCaption = "ü".repeat(40_000); // more than 64 KiB of UTF-8: DataOutput.writeUTF could not hold it
    DataCompFields dc = new DataCompFields("0123abcd", "http://x/y.jpg", 640, 480, 0.31, 0.27,
        new double[] {0.1, 0.2, 0.3, 0.4}, "ff00");
    CurateItem full = new CurateItem("datacomp/0123abcd", "datacomp", "all", 3, "cat", "shards/00000.tar!/0123.jpg",
        1536, longCaption, Map.of("b", "2", "a", "1"), dc, new byte[] {1, 2, 3, -1});
    CurateItem bare = new CurateItem("cifake/x", "cifake", "train", null, null, "train/REAL/x.jpg", -1, null, null,
        null, null);
    for (CurateItem item : List.of(full, bare)) {
      CurateItem back = roundTrip(item);
      assertEquals(item.sampleId(), back.sampleId());
      assertEquals(item.dataset(), back.dataset());
      assertEquals(item.split(), back.split());
      assertEquals(item.label(), back.label());
      assertEquals(item.labelName(), back.labelName());
      assertEquals(item.source(), back.source());
      assertEquals(item.offset(), back.offset());
      assertEquals(item.caption(), back.caption());
      assertEquals(item.attributes(), back.attributes());
      if (item.image() == null) {
        assertNull(back.image());
        assertNull(back.datacomp());
      } else {
        assertArrayEquals(item.image(), back.image());
        assertEquals(dc.uid(), back.datacomp().uid());
        assertArrayEquals(dc.faceBoxes(), back.datacomp().faceBoxes());
        assertEquals(dc.clipL14(), back.datacomp().clipL14());
      }
    }
  }
}
