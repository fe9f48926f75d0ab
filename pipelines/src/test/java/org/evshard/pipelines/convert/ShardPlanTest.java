package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.evshard.datasets.SampleRef;
import org.junit.jupiter.api.Test;

class ShardPlanTest {

  private static SampleRef ref(String split, int label, int i) {
    String source = split + "/" + label + "/" + i + ".bin";
    return new SampleRef("ds/" + source, "ds", source, split, label, Integer.toString(label), null, null,
        "atis-bin", null);
  }

  @Test
  void dealsEachSplitRoundRobinInSampleIdOrderSoShardsMixClasses() {
    List<SampleRef> refs = new ArrayList<>();
    for (int label = 0; label < 4; label++) {
      for (int i = 0; i < 6; i++) {
        refs.add(ref("train", label, i));
      }
    }
    refs.add(ref("test", 0, 0));
    Collections.shuffle(refs, new java.util.Random(3));
    List<ShardTask> plan = ShardPlan.assign(refs, 4);
    Map<String, List<SampleRef>> byShard = new TreeMap<>();
    plan.forEach(task -> byShard.put(task.shard(), task.samples()));
    assertEquals(refs.size(), byShard.values().stream().mapToInt(List::size).sum(), "every sample in one shard");
    assertEquals(List.of("test/part-00000-of-00001", "train/part-00000-of-00004", "train/part-00001-of-00004",
        "train/part-00002-of-00004", "train/part-00003-of-00004"), List.copyOf(byShard.keySet()));
    for (int s = 0; s < 4; s++) {
      List<SampleRef> shard = byShard.get("train/part-0000" + s + "-of-00004");
      assertEquals(6, shard.size());
      assertEquals(4, shard.stream().map(SampleRef::label).distinct().count(), "every class in shard " + s);
      assertEquals(shard.stream().sorted(java.util.Comparator.comparing(SampleRef::sampleId)).toList(), shard,
          "sample_id order inside shard " + s);
    }
    assertEquals(plan, ShardPlan.assign(new ArrayList<>(refs), 4), "same input, same plan");
  }

  @Test
  void windowsOfOneRecordingShareAShard() {
    List<SampleRef> refs = new ArrayList<>();
    for (int rec = 0; rec < 5; rec++) {
      String source = "train/user0" + rec + ".aedat";
      for (int w = 0; w < 4; w++) {
        refs.add(new SampleRef("ds/user0" + rec + "#" + w, "ds", source, "train", w, Integer.toString(w), null, null,
            "aedat31", null));
      }
    }
    Collections.shuffle(refs, new java.util.Random(7));
    List<ShardTask> plan = ShardPlan.assign(refs, 3);
    assertEquals(3, plan.size());
    for (ShardTask task : plan) {
      for (SampleRef ref : task.samples()) {
        assertEquals(4, task.samples().stream().filter(r -> r.source().equals(ref.source())).count(),
            ref.source() + " split over shards");
      }
    }
    assertEquals(20, plan.stream().mapToInt(t -> t.samples().size()).sum());
  }

  @Test
  void refusesNonPositiveShardCount() {
    assertThrows(IllegalArgumentException.class, () -> ShardPlan.assign(List.of(), 0));
  }
}
