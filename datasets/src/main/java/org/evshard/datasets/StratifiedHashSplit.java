package org.evshard.datasets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deterministic stratified split for datasets without an official one. Within one class, samples are ordered by the
 * first 8 bytes of the SHA-256 of their file name without its extension (UTF-8; the last part of the sample id), read
 * as an unsigned big-endian 64-bit number, then by the whole name; the first {@code Math.round(n * testFraction)} go to
 * {@code test}, the rest to {@code train}. The result depends only on the names and the fraction, never on listing
 * order, paths or the machine, and not on the extension: {@code image_0001.bin} and {@code image_0001.BIN}, or
 * CIFAR10-DVS's {@code .aedat} and {@code .aedat4} releases of one recording, fall in the same split (until
 * 2026-11-30 the whole name was hashed, which put 20 of 110 CIFAR10-DVS recordings in the other split of the other
 * release).
 */
public final class StratifiedHashSplit {

  public static final String TRAIN = "train";
  public static final String TEST = "test";

  private record Keyed(long key, String name) {}

  private static final Comparator<Keyed> ORDER =
      Comparator.<Keyed, Long>comparing(Keyed::key, Long::compareUnsigned).thenComparing(Keyed::name);

  private final double testFraction;

  public StratifiedHashSplit(double testFraction) {
    if (!(testFraction >= 0.0 && testFraction <= 1.0)) {
      throw new IllegalArgumentException("test fraction must be within 0..1, got " + testFraction);
    }
    this.testFraction = testFraction;
  }

  public double testFraction() {
    return testFraction;
  }

  /** How many of {@code n} samples of one class go to test: {@code Math.round(n * testFraction)}. */
  public int testCount(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("sample count must be >= 0, got " + n);
    }
    return (int) Math.round(n * testFraction);
  }

  /** The file names of one class that go to test. Names must be distinct. */
  public Set<String> testNames(List<String> classFileNames) {
    if (new HashSet<>(classFileNames).size() != classFileNames.size()) {
      throw new IllegalArgumentException("file names of one class must be distinct");
    }
    List<Keyed> ordered = new ArrayList<>(classFileNames.size());
    for (String name : classFileNames) {
      ordered.add(new Keyed(hashKey(LayoutSupport.stem(name)), name));
    }
    ordered.sort(ORDER);
    Set<String> test = new HashSet<>();
    for (Keyed k : ordered.subList(0, testCount(ordered.size()))) {
      test.add(k.name());
    }
    return Set.copyOf(test);
  }

  /** The split of {@code fileName} given the test names of its class. */
  public static String splitOf(String fileName, Set<String> testNames) {
    return testNames.contains(fileName) ? TEST : TRAIN;
  }

  /**
   * First 8 bytes of SHA-256(UTF-8 text), big-endian; compare with {@link Long#compareUnsigned}. The split hashes a
   * file name without its extension.
   */
  public static long hashKey(String fileName) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(fileName.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
