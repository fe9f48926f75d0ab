package org.evshard.datasets.pairing;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Pairs event samples with static images of the same class (the Transfer-for-DVS recipe: each event sample gets one
 * static partner, e.g. N-Caltech101 with Caltech101), deterministically and independently of the order in which
 * samples are asked for (so every worker of every runner gives the same pairs).
 *
 * <ul>
 *   <li><b>Pool</b>: per static class, the images sorted by path, shuffled by Fisher-Yates with a
 *       {@link SplittableRandom} seeded from {@code seed} and the class name; the first
 *       {@code max(1, ceil(fraction * n))} form the class's pool (the configurable fraction of the static class).</li>
 *   <li><b>Choice</b>: the partner of sample {@code id} of event class {@code c} is
 *       {@code pool(map(c))[mix(seed, hash(id)) mod |pool|]}: a seeded, per-sample choice.</li>
 *   <li><b>Classes</b>: the event class name maps to a static class name through {@code labelMap}, or to itself when the
 *       map has no entry; a sample whose mapped class has no image gets no partner ({@link #partner} returns null).</li>
 * </ul>
 */
public final class StaticPairing implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Map<String, List<String>> pools;
  private final Map<String, String> labelMap;
  private final long seed;

  private StaticPairing(Map<String, List<String>> pools, Map<String, String> labelMap, long seed) {
    this.pools = pools;
    this.labelMap = labelMap;
    this.seed = seed;
  }

  /**
   * @param imagesByClass the static images (paths) of each static class, in any order
   * @param labelMap event class name to static class name; missing entries map a class to itself
   * @param fraction share of each static class the partners are drawn from, in (0, 1]
   */
  public static StaticPairing build(Map<String, ? extends List<String>> imagesByClass, Map<String, String> labelMap,
      double fraction, long seed) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("pairing fraction must be in (0, 1], got " + fraction);
    }
    Map<String, List<String>> pools = new TreeMap<>();
    imagesByClass.forEach((cls, images) -> {
      if (images.isEmpty()) {
        return;
      }
      List<String> sorted = new ArrayList<>(images);
      Collections.sort(sorted);
      SplittableRandom rng = new SplittableRandom(seed ^ hash(cls));
      for (int i = sorted.size() - 1; i > 0; i--) {
        Collections.swap(sorted, i, rng.nextInt(i + 1));
      }
      int keep = (int) Math.max(1, Math.ceil(fraction * sorted.size()));
      pools.put(cls, List.copyOf(sorted.subList(0, keep)));
    });
    return new StaticPairing(pools, labelMap == null ? Map.of() : new TreeMap<>(labelMap), seed);
  }

  /** The static class that event class {@code eventClass} maps to. */
  public String staticClass(String eventClass) {
    return labelMap.getOrDefault(eventClass, eventClass);
  }

  /** The pool of a static class (empty when it has no image). */
  public List<String> pool(String staticClass) {
    return pools.getOrDefault(staticClass, List.of());
  }

  /** The partner image of sample {@code sampleId} of class {@code eventClass}, or null when the class has none. */
  public String partner(String sampleId, String eventClass) {
    List<String> pool = pool(staticClass(eventClass));
    if (pool.isEmpty()) {
      return null;
    }
    long mixed = new SplittableRandom(seed ^ hash(sampleId)).nextLong();
    return pool.get((int) Long.remainderUnsigned(mixed, pool.size()));
  }

  /** 64-bit FNV-1a of the UTF-8 bytes: stable across JVMs and runs. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
