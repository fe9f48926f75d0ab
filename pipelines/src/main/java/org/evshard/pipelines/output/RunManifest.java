package org.evshard.pipelines.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.evshard.io.shard.Manifest;
import org.evshard.io.shard.ManifestCounts;
import org.evshard.io.shard.ManifestShard;
import org.evshard.io.shard.ShardFormat;

/**
 * Builds {@code manifest.json} of a run whose shard writers reported {@link WrittenShard}s ({@code evshard curate},
 * {@code evshard select}): every shard with bytes, sha256 and rows from its footer, the rows per split and label from
 * the reports, the rejected samples from {@code errors.jsonl}, and the samples removed on purpose. Refuses to write a
 * manifest whose counts do not reconcile ({@code inputs = written + rejected + removed}) or whose reports disagree
 * with the footers.
 */
public final class RunManifest {

  private RunManifest() {
  }

  /** Reads the {@link WrittenShard} JSON lines of every file matching {@code prefix*} in {@code dir}. */
  public static List<WrittenShard> readReports(Path dir, String prefix) throws IOException {
    List<WrittenShard> out = new ArrayList<>();
    for (String line : readLines(dir, prefix)) {
      out.add(WrittenShard.fromJsonLine(line));
    }
    out.sort(Comparator.comparing(WrittenShard::shard));
    return out;
  }

  /**
   * The non-blank lines of every file matching {@code prefix*} in {@code dir} (what a pipeline's {@code TextIO} left
   * in the run's temporary folder), files in name order; none when {@code dir} does not exist.
   */
  public static List<String> readLines(Path dir, String prefix) throws IOException {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          if (!line.isBlank()) {
            out.add(line);
          }
        }
      }
    }
    return out;
  }

  /** Non-blank lines of {@code file}; the file must exist. */
  public static long countLines(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " is missing after the run");
    }
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(l -> !l.isBlank()).count();
    }
  }

  /**
   * Writes the manifest and returns it. A run that wrote no row of {@code inputs > 0} (every input rejected, removed
   * or left out) ends as {@link org.evshard.pipelines.convert.OutputFolder#afterEmptyRun}: an {@code --overwrite}
   * rerun's files go to {@code .evshard-failed-run/} and the earlier results come back
   * ({@link org.evshard.pipelines.convert.OutputFolder#resultsOf} tells where the manifest is).
   */
  public static Manifest write(Path output, String dataset, String input, ShardFormat format,
      Map<String, Object> parameters, List<WrittenShard> shards, long inputs, long removed, String toolVersion)
      throws IOException {
    long rejected = countLines(output.resolve(Manifest.ERRORS_FILE));
    List<ManifestShard> entries = new ArrayList<>();
    Map<String, Long> perSplit = new TreeMap<>();
    Map<String, Map<String, Long>> perLabel = new TreeMap<>();
    long written = 0;
    // hash and read the footers in parallel (ForkJoin pool); the entries keep the order of {@code shards}
    List<ManifestShard> read = shards.parallelStream()
        .map(s -> ManifestShard.of(output, output.resolve(s.shard()), s.split())).toList();
    for (int i = 0; i < shards.size(); i++) {
      WrittenShard s = shards.get(i);
      ManifestShard entry = read.get(i);
      if (entry.rows() != s.rows()) {
        throw new IllegalStateException(s.shard() + ": the writer reported " + s.rows() + " rows, the footer says "
            + entry.rows());
      }
      entries.add(entry);
      written += s.rows();
      perSplit.merge(s.split(), s.rows(), Long::sum);
      s.labels().forEach((label, n) -> perLabel.computeIfAbsent(s.split(), k -> new TreeMap<>())
          .merge(label, n, Long::sum));
    }
    if (inputs != written + rejected + removed) {
      throw new IllegalStateException("the run does not reconcile: " + inputs + " inputs, but " + written
          + " written, " + rejected + " rejected and " + removed + " removed; no manifest was written to " + output);
    }
    ManifestCounts counts = new ManifestCounts(inputs, written, rejected, removed, written, perSplit, perLabel);
    Manifest manifest = Manifest.create("evshard", toolVersion, Clock.systemUTC(), dataset, input, format,
        parameters, entries, counts);
    manifest.write(output.resolve(Manifest.FILE_NAME));
    if (written == 0 && inputs > 0) { // nothing written: an --overwrite rerun keeps the earlier results
      org.evshard.pipelines.convert.OutputFolder.afterEmptyRun(output);
    } else {
      org.evshard.pipelines.convert.OutputFolder.commit(output);
    }
    return manifest;
  }
}
