package org.evshard.datasets.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaticPairingTest {

  private static Map<String, List<String>> corpus() {
    Map<String, List<String>> m = new HashMap<>();
    for (String cls : List.of("airplanes", "ant", "beaver")) {
      List<String> images = new ArrayList<>();
      for (int i = 1; i <= (cls.equals("ant") ? 7 : 40); i++) {
        images.add("101_ObjectCategories/" + cls + "/image_" + String.format("%04d", i) + ".jpg");
      }
      m.put(cls, images);
    }
    return m;
  }

  @Test
  void everySampleGetsExactlyOnePartnerOfItsClassAndTheSameSeedGivesTheSamePairs() {
    StaticPairing a = StaticPairing.build(corpus(), Map.of(), 0.5, 7);
    Map<String, List<String>> shuffled = corpus();
    shuffled.values().forEach(Collections::reverse);
    StaticPairing b = StaticPairing.build(shuffled, Map.of(), 0.5, 7);
    StaticPairing other = StaticPairing.build(corpus(), Map.of(), 0.5, 8);
    int differ = 0;
    for (String cls : List.of("airplanes", "ant", "beaver")) {
      for (int i = 0; i < 200; i++) {
        String id = "Caltech101/" + cls + "/image_" + i;
        String p = a.partner(id, cls);
        assertTrue(p.startsWith("101_ObjectCategories/" + cls + "/"), p);
        assertTrue(a.pool(cls).contains(p));
        assertEquals(p, b.partner(id, cls), "input order must not matter");
        assertEquals(p, a.partner(id, cls), "the same sample, asked again");
        differ += p.equals(other.partner(id, cls)) ? 0 : 1;
      }
    }
    assertTrue(differ > 300, "another seed changes most pairs: " + differ);
  }

  @Test
  void thePoolIsTheConfiguredFractionOfEachClassAndEveryPoolImageIsUsed() {
    StaticPairing p = StaticPairing.build(corpus(), Map.of(), 0.25, 3);
    assertEquals(10, p.pool("airplanes").size());
    assertEquals(2, p.pool("ant").size()); // ceil(0.25 * 7)
    assertEquals(1, StaticPairing.build(corpus(), Map.of(), 0.01, 3).pool("ant").size());
    assertEquals(40, StaticPairing.build(corpus(), Map.of(), 1.0, 3).pool("beaver").size());
    Set<String> used = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      used.add(p.partner("s" + i, "airplanes"));
    }
    assertEquals(new HashSet<>(p.pool("airplanes")), used);
    assertNotEquals(p.pool("airplanes"), StaticPairing.build(corpus(), Map.of(), 0.25, 4).pool("airplanes"));
  }

  @Test
  void labelsMapAndMissingClassesGiveNoPartner() {
    StaticPairing p = StaticPairing.build(corpus(), Map.of("plane", "airplanes"), 1.0, 0);
    assertTrue(p.partner("x", "plane").contains("/airplanes/"));
    assertNull(p.partner("x", "zebra"));
    assertEquals("zebra", p.staticClass("zebra"));
    assertThrows(IllegalArgumentException.class, () -> StaticPairing.build(corpus(), Map.of(), 0, 0));
    assertThrows(IllegalArgumentException.class, () -> StaticPairing.build(corpus(), Map.of(), 1.5, 0));
  }
}
