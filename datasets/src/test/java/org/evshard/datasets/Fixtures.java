package org.evshard.datasets;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes dataset layouts for tests: files of a few random bytes, as folders or as zips. */
final class Fixtures {

  private Fixtures() {}

  /** Deterministic random content for a path, so folder and zip forms hold the same bytes. */
  static byte[] bytesFor(String path) {
    Random r = new Random(path.hashCode());
    byte[] b = new byte[5 + r.nextInt(40)];
    r.nextBytes(b);
    return b;
  }

  /** Writes each relative path under {@code root}; a path ending in '/' becomes a directory. */
  static void writeFolder(Path root, List<String> paths) throws IOException {
    for (String p : paths) {
      Path target = root.resolve(p);
      if (p.endsWith("/")) {
        Files.createDirectories(target);
      } else {
        Files.createDirectories(target.getParent());
        Files.write(target, bytesFor(p));
      }
    }
  }

  /** Writes a zip whose entries are {@code paths} (a name ending in '/' is a directory entry). */
  static void writeZip(Path zip, List<String> paths) throws IOException {
    Files.createDirectories(zip.getParent());
    try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
      for (String p : paths) {
        z.putNextEntry(new ZipEntry(p));
        if (!p.endsWith("/")) {
          z.write(bytesFor(p));
        }
        z.closeEntry();
      }
    }
  }

  /** Prefixes every path. */
  static List<String> under(String prefix, List<String> paths) {
    return paths.stream().map(p -> prefix + p).toList();
  }

  /** The same list in a shuffled order (seeded). */
  static List<String> shuffled(List<String> paths, long seed) {
    List<String> copy = new ArrayList<>(paths);
    java.util.Collections.shuffle(copy, new Random(seed));
    return copy;
  }

  /**
   * Reference for the split rule, written independently of {@link StratifiedHashSplit}: sort by the SHA-256 digest's
   * first 8 bytes (of the name up to its last dot) as a non-negative BigInteger, then name; take the first
   * round(n * f).
   */
  static Set<String> referenceTestNames(List<String> names, double fraction) {
    Map<String, BigInteger> key = new LinkedHashMap<>();
    for (String n : names) {
      String stem = n.lastIndexOf('.') > 0 ? n.substring(0, n.lastIndexOf('.')) : n;
      key.put(n, new BigInteger(1, Arrays.copyOf(sha256(stem), 8)));
    }
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(Comparator.comparing((String n) -> key.get(n)).thenComparing(Comparator.naturalOrder()));
    long k = Math.round(names.size() * fraction);
    return new TreeSet<>(sorted.subList(0, (int) k));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
