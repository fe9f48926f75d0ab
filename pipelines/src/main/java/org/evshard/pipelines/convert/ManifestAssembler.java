package org.evshard.pipelines.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.evshard.io.shard.LabelCount;
import org.evshard.io.shard.Manifest;
import org.evshard.io.shard.ManifestCounts;
import org.evshard.io.shard.ManifestShard;
import org.evshard.io.shard.ShardFormat;

/**
 * Builds {@code manifest.json} from what a finished run left in the output folder: every shard (rows from its footer,
 * bytes, sha256, rows and samples per label), the lines of {@code errors.jsonl}, and the number of samples discovered.
 * A sample is a row with {@code slice_index <= 0} (unsliced, or the first slice of its recording: a sliced sample
 * always has slice 0, or it was rejected). Refuses to write a manifest whose counts do not reconcile
 * ({@code discovered = written + rejected}, with {@code written} counting samples, {@code rows} rows).
 */
public final class ManifestAssembler {

  /** What the manifest says, for the command line. */
  public record Outcome(Path manifestPath, long written, long rejected, long rows, int shards) {}

  private ManifestAssembler() {}

  /** One shard's manifest entry and its label counts. */
  private record ShardRead(ManifestShard entry, List<LabelCount> labels) {}

  public static Outcome assemble(Path output, String dataset, String input, ShardFormat format,
      Map<String, Object> parameters, long discovered, String toolVersion) throws IOException {
    List<Map.Entry<String, Path>> files = new ArrayList<>(); // (split, shard) in split and name order
    for (Path splitDir : splitFolders(output)) {
      for (Path shard : shardFiles(splitDir, format)) {
        files.add(Map.entry(splitDir.getFileName().toString(), shard));
      }
    }
    // each shard is hashed and its labels read on its own (the ForkJoin pool's threads, in parallel); the results
    // keep the file order, so the manifest does not depend on which thread read what
    List<ShardRead> reads = files.parallelStream()
        .map(f -> new ShardRead(ManifestShard.of(output, f.getValue(), f.getKey()), format.readLabels(f.getValue())))
        .toList();
    List<ManifestShard> shards = new ArrayList<>();
    Map<String, Long> perSplit = new TreeMap<>();
    Map<String, Map<String, Long>> perLabel = new TreeMap<>();
    long written = 0;
    for (ShardRead read : reads) {
      shards.add(read.entry());
      perSplit.merge(read.entry().split(), read.entry().rows(), Long::sum);
      for (LabelCount c : read.labels()) {
        written += c.samples();
        perLabel.computeIfAbsent(c.split(), k -> new TreeMap<>()).merge(c.labelName(), c.rows(), Long::sum);
      }
    }
    long rows = perSplit.values().stream().mapToLong(Long::longValue).sum();
    long rejected = countLines(output.resolve(Manifest.ERRORS_FILE));
    if (discovered != written + rejected) {
      throw new IllegalStateException("the run does not reconcile: " + discovered + " samples discovered, but "
          + written + " written and " + rejected + " rejected; no manifest was written to " + output);
    }
    ManifestCounts counts = new ManifestCounts(discovered, written, rejected, rows, perSplit, perLabel);
    Manifest manifest = Manifest.create("evshard", toolVersion, Clock.systemUTC(), dataset, input, format,
        parameters, shards, counts);
    Path file = output.resolve(Manifest.FILE_NAME);
    manifest.write(file);
    if (written == 0 && discovered > 0) { // every input rejected: an --overwrite rerun keeps the earlier results
      file = OutputFolder.afterEmptyRun(output).resolve(Manifest.FILE_NAME);
    } else {
      OutputFolder.commit(output);
    }
    return new Outcome(file, written, rejected, rows, shards.size());
  }

  private static List<Path> splitFolders(Path output) throws IOException {
    try (Stream<Path> s = Files.list(output)) {
      return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
          .toList();
    }
  }

  private static List<Path> shardFiles(Path dir, ShardFormat format) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(format.extension())).sorted().toList();
    }
  }

  private static long countLines(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " is missing after the run");
    }
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(l -> !l.isBlank()).count();
    }
  }
}
