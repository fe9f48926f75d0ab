package org.evshard.io.shard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.error.Wording;

/** Checks a manifest against the files beside it and against itself; returns readable mismatches. */
public final class ManifestVerifier {

  private ManifestVerifier() {
  }

  /** Verifies {@code manifestFile} against the shards in its directory. */
  public static List<String> verify(Path manifestFile) {
    return verify(Manifest.read(manifestFile), manifestFile.toAbsolutePath().getParent());
  }

  /** Verifies {@code manifest} against the shards below {@code outputDir}; an empty list means all is well. */
  public static List<String> verify(Manifest manifest, Path outputDir) {
    List<String> problems = new ArrayList<>();
    Path root = outputDir.toAbsolutePath().normalize();
    Set<String> seen = new HashSet<>();
    Map<String, Long> rowsPerSplit = new TreeMap<>();
    long shardRows = 0;
    for (ManifestShard shard : manifest.shards()) {
      shardRows += shard.rows();
      rowsPerSplit.merge(shard.split(), shard.rows(), Long::sum);
      if (!seen.add(shard.path())) {
        problems.add(shard.path() + ": listed more than once");
        continue;
      }
      Path file = root.resolve(shard.path()).normalize();
      if (!file.startsWith(root) || shard.path().startsWith("/")) {
        problems.add(shard.path() + ": path leaves the output directory");
        continue;
      }
      checkShard(shard, file, problems);
    }
    Object selection = manifest.parameters() == null ? null : manifest.parameters().get(SELECTION_FILE);
    if (selection instanceof Map<?, ?> entry) {
      checkSelection(entry, root, manifest.counts().written(), problems);
    }
    ManifestCounts c = manifest.counts();
    if (c.discovered() != c.written() + c.rejected() + c.removedCount()) {
      problems.add("counts: discovered " + c.discovered() + " != written " + c.written() + " + rejected "
          + c.rejected() + (c.removed() == null ? "" : " + removed " + c.removed()));
    }
    if (shardRows != c.rowCount()) {
      problems.add("counts: shard rows sum to " + shardRows + " but " + (c.rows() == null ? "written" : "rows")
          + " is " + c.rowCount());
    }
    if (c.written() > c.rowCount() || (c.written() == 0) != (c.rowCount() == 0)) {
      problems.add("counts: " + c.written() + " samples written cannot give " + c.rowCount() + " rows");
    }
    if (!rowsPerSplit.equals(c.perSplit())) {
      problems.add("counts: per_split " + c.perSplit() + " but shards hold " + rowsPerSplit);
    }
    for (Map.Entry<String, Map<String, Long>> e : c.perLabel().entrySet()) {
      long sum = e.getValue().values().stream().mapToLong(Long::longValue).sum();
      long split = c.perSplit().getOrDefault(e.getKey(), 0L);
      if (sum != split) {
        problems.add("counts: per_label of split " + e.getKey() + " sums to " + sum + " but per_split says " + split);
      }
    }
    checkErrorsFile(manifest, root, problems);
    checkUnlisted(manifest, root, seen, problems);
    return problems;
  }

  /** errors.jsonl holds one line per rejected sample. */
  private static void checkErrorsFile(Manifest manifest, Path root, List<String> problems) {
    String name = manifest.errorsFile() == null ? Manifest.ERRORS_FILE : manifest.errorsFile();
    Path errors = root.resolve(name);
    if (!Files.isRegularFile(errors)) {
      problems.add(name + ": missing");
      return;
    }
    try (java.util.stream.Stream<String> lines = Files.lines(errors)) {
      long n = lines.filter(l -> !l.isBlank()).count();
      if (n != manifest.counts().rejected()) {
        problems.add(name + ": " + Wording.count(n, "line") + " but the manifest counts " + manifest.counts().rejected()
            + " rejected");
      }
    } catch (java.io.UncheckedIOException e) {
      problems.add(name + (e.getCause() instanceof java.nio.charset.CharacterCodingException
          ? ": not UTF-8 text: " + firstBadByte(errors) : ": cannot read: " + e.getMessage()));
    } catch (IOException e) {
      problems.add(name + ": cannot read: " + e.getMessage());
    }
  }

  /**
   * Where {@code file} stops being UTF-8, e.g. {@code "byte 0xFF at offset 1234"} (streamed: errors.jsonl has a line
   * per rejected sample and may be large); the JDK's own message says only "Input length = 1".
   */
  static String firstBadByte(Path file) {
    java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
    java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(1 << 16);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(1 << 16);
    long consumed = 0; // bytes before in's position 0
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
      boolean end = false;
      while (!end) {
        end = ch.read(in) < 0;
        in.flip();
        java.nio.charset.CoderResult r;
        do {
          out.clear();
          r = utf8.decode(in, out, end);
        } while (r.isOverflow());
        if (r.isError()) {
          return String.format("byte 0x%02X at offset %d", in.get(in.position()) & 0xFF, consumed + in.position());
        }
        consumed += in.position();
        in.compact();
      }
      return "no bad byte found on a second read";
    } catch (IOException e) {
      return "cannot read it again: " + e.getMessage();
    }
  }

  /** A shard file in a split folder that the manifest does not list would be read by a training job too. */
  private static void checkUnlisted(Manifest manifest, Path root, Set<String> listed, List<String> problems) {
    Set<String> splits = new java.util.TreeSet<>(manifest.counts().perSplit().keySet());
    manifest.shards().forEach(s -> splits.add(s.split()));
    for (String split : splits) {
      Path dir = root.resolve(split);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (java.util.stream.Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          String n = f.getFileName().toString();
          String rel = split + "/" + n;
          if ((n.endsWith(".parquet") || n.endsWith(".arrow")) && !listed.contains(rel)) {
            problems.add(rel + ": shard file not listed in the manifest");
          }
        }
      } catch (IOException e) {
        problems.add(split + ": cannot list: " + e.getMessage());
      }
    }
  }

  /**
   * The parameter of a {@code select} run's manifest that describes its {@code selection.parquet} (path, rows, bytes,
   * sha256), the record of what was chosen: checked like a shard, and its rows against the samples written.
   */
  public static final String SELECTION_FILE = "selection_file";

  private static void checkSelection(Map<?, ?> entry, Path root, long written, List<String> problems) {
    ManifestShard selection;
    try {
      selection = new ManifestShard(String.valueOf(entry.get("path")), "selection",
          ((Number) entry.get("rows")).longValue(), ((Number) entry.get("bytes")).longValue(),
          String.valueOf(entry.get("sha256")));
    } catch (RuntimeException e) {
      problems.add(SELECTION_FILE + ": expected path, rows, bytes and sha256, found " + entry);
      return;
    }
    String problem = selection.problem();
    if (problem != null) {
      problems.add(SELECTION_FILE + ": " + problem);
      return;
    }
    checkShard(selection, root.resolve(selection.path()), problems);
    if (selection.rows() != written) {
      problems.add(selection.path() + ": lists " + selection.rows() + " chosen samples, the shards hold " + written);
    }
  }

  private static void checkShard(ManifestShard shard, Path file, List<String> problems) {
    if (!Files.isRegularFile(file)) {
      problems.add(shard.path() + ": missing");
      return;
    }
    try {
      long size = Files.size(file);
      if (size != shard.bytes()) {
        problems.add(shard.path() + ": size differs: manifest " + shard.bytes() + " bytes, file " + size);
      }
      String sha = FileDigests.sha256(file);
      if (!sha.equalsIgnoreCase(shard.sha256())) {
        problems.add(shard.path() + ": sha256 differs: manifest " + shard.sha256() + ", file " + sha);
      }
      long rows = ShardFormat.ofFile(file).rowCount(file);
      if (rows != shard.rows()) {
        problems.add(shard.path() + ": rows differ: manifest " + shard.rows() + ", footer " + rows);
      }
    } catch (IOException | EvshardIoException e) {
      problems.add(shard.path() + ": cannot verify: " + e.getMessage());
    }
  }
}
