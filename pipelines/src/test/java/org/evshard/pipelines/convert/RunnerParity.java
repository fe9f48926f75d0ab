package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.evshard.io.events.Events;
import org.evshard.io.shard.Manifest;
import org.evshard.io.shard.ManifestShard;
import org.evshard.io.shard.ManifestVerifier;

/**
 * The runner tests' check (used by {@code pipelines-flink} and {@code pipelines-spark}): one generated N-MNIST corpus
 * with a few broken recordings, converted on the DirectRunner and on the runner under test; both outputs must hold
 * the same rows (read back by DuckDB, compared by content, not bytes), the same samples in each shard, the same
 * rejected inputs and the same manifest counts, and both must verify; once as decoded, once through a transform chain
 * with a slicer ({@link #CHAIN}), which turns each recording into several rows.
 */
public final class RunnerParity {

  /** A filter and a slicer: rows become time slices named {@code <sample_id>#sNNNN}. */
  static final List<String> CHAIN = List.of("denoise(filter_time=20000)", "slice_by_time(time_window=50000)");

  private RunnerParity() {}

  /** What one run left behind, reduced to what must not depend on the runner. */
  record Output(Map<String, ShardContents.Row> rows, Map<String, TreeSet<String>> shardMembers,
      Map<String, Long> shardRows, TreeSet<String> rejectedSources, long discovered, long written, long rejected,
      Map<String, Long> perSplit) {}

  /**
   * Converts the corpus on the DirectRunner and with {@code runnerArgs}, asserts parity, and returns the seconds the
   * run under test took.
   */
  public static double assertSameShardsAsDirectRunner(Path tmp, List<String> runnerArgs) throws Exception {
    Path input = tmp.resolve("nmnist");
    Map<String, Events> written = TestCorpora.nmnist(input, 2, 20_26);
    byte[] good = Files.readAllBytes(input.resolve("Train/1/00000.bin"));
    Files.write(input.resolve("Train/1/00100.bin"), Arrays.copyOf(good, good.length - 3)); // truncated
    Files.write(input.resolve("Test/3/00100.bin"), new byte[0]); // empty

    Output direct = convert(input, tmp.resolve("direct"), List.of(), List.of());
    long start = System.nanoTime();
    Output other = convert(input, tmp.resolve("runner"), runnerArgs, List.of());
    double seconds = (System.nanoTime() - start) / 1e9;

    Map<String, ShardContents.Row> bySource = new TreeMap<>();
    direct.rows().values().forEach(r -> bySource.put(r.source(), r));
    assertEquals(written.keySet(), bySource.keySet(), "DirectRunner rows");
    for (Map.Entry<String, Events> e : written.entrySet()) {
      assertEquals(e.getValue(), bySource.get(e.getKey()).events(), "DirectRunner events of " + e.getKey());
    }
    assertEquals(new TreeSet<>(List.of("Test/3/00100.bin", "Train/1/00100.bin")), direct.rejectedSources());

    assertEquals(direct.rows(), other.rows(), "rows on " + runnerArgs);
    assertEquals(direct.shardMembers(), other.shardMembers(), "samples per shard on " + runnerArgs);
    assertEquals(direct.shardRows(), other.shardRows(), "manifest shards on " + runnerArgs);
    assertEquals(direct.rejectedSources(), other.rejectedSources(), "errors.jsonl on " + runnerArgs);
    assertEquals(direct.discovered(), other.discovered(), "discovered on " + runnerArgs);
    assertEquals(direct.written(), other.written(), "written on " + runnerArgs);
    assertEquals(direct.rejected(), other.rejected(), "rejected on " + runnerArgs);
    assertEquals(direct.perSplit(), other.perSplit(), "per split on " + runnerArgs);
    assertEquals(written.size() + 2L, other.discovered());

    Output directChain = convert(input, tmp.resolve("direct-chain"), List.of(), CHAIN);
    Output otherChain = convert(input, tmp.resolve("runner-chain"), runnerArgs, CHAIN);
    assertTrue(directChain.rows().size() > 2 * written.size(), "the slicer makes several rows per recording: "
        + directChain.rows().size());
    assertEquals(direct.written(), directChain.written(), "samples written through the chain");
    assertEquals(directChain.rows(), otherChain.rows(), "sliced rows on " + runnerArgs);
    assertEquals(directChain.shardMembers(), otherChain.shardMembers(), "sliced samples per shard on " + runnerArgs);
    assertEquals(directChain.shardRows(), otherChain.shardRows(), "sliced manifest shards on " + runnerArgs);
    assertEquals(directChain.rejectedSources(), otherChain.rejectedSources(), "errors.jsonl with the chain");
    assertEquals(directChain.written(), otherChain.written(), "written with the chain on " + runnerArgs);
    return seconds;
  }

  static Output convert(Path input, Path output, List<String> beamArgs, List<String> transforms) throws Exception {
    ConvertResult result = ConvertJob.run(ConvertSettings.of("nmnist", input, output).withShardsPerSplit(2)
        .withBeamArgs(beamArgs).withTransforms(transforms));
    Manifest manifest = Manifest.read(result.manifest());
    List<String> problems = ManifestVerifier.verify(manifest, output);
    assertTrue(problems.isEmpty(), "verify " + beamArgs + ": " + problems);
    assertFalse(Files.exists(output.resolve(ConvertSamples.TEMP_DIR)), "temp folder left behind by " + beamArgs);
    Map<String, Long> shardRows = new TreeMap<>();
    for (ManifestShard s : manifest.shards()) {
      shardRows.put(s.path(), s.rows());
    }
    TreeSet<String> rejected = new TreeSet<>();
    for (String line : Files.readAllLines(output.resolve(Manifest.ERRORS_FILE))) {
      if (!line.isBlank()) {
        rejected.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).get("source").asText());
      }
    }
    return new Output(ShardContents.readParquetBySampleId(output), shardMembers(output), shardRows, rejected,
        manifest.counts().discovered(), manifest.counts().written(), manifest.counts().rejected(),
        new TreeMap<>(manifest.counts().perSplit()));
  }

  /** Shard path relative to the output -> the sample ids it holds, as DuckDB reads them. */
  private static Map<String, TreeSet<String>> shardMembers(Path output) throws Exception {
    Map<String, TreeSet<String>> members = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT filename, sample_id FROM read_parquet('" + output
            + "/*/*.parquet', filename = true)")) {
      while (rs.next()) {
        String relative = output.relativize(Path.of(rs.getString(1))).toString().replace('\\', '/');
        members.computeIfAbsent(relative, k -> new TreeSet<>()).add(rs.getString(2));
      }
    }
    return members;
  }

  /**
   * A run on a master that does not answer ends at once, naming it (Beam retried for 70-85 s, then its own words):
   * {@code masterOption} + a closed local port, e.g. {@code --flinkMaster=127.0.0.1:}; {@code what} starts the message.
   */
  public static void assertUnreachableMasterRefused(String runner, String masterOption, String what)
      throws java.io.IOException {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    List<String> args = List.of("--runner=" + runner, masterOption + port);
    org.junit.jupiter.api.Assertions.assertEquals(runner,
        org.evshard.pipelines.runner.BeamOptions.create(args).getRunner().getSimpleName(), "parsing contacts nothing");
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> org.evshard.pipelines.runner.BeamOptions.forRun(args));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("cannot reach " + what + port
        + " (127.0.0.1:" + port + ": connection refused)"), e.getMessage());
  }
}
