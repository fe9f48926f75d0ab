package org.evshard.io.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evshard.io.error.ShardException;
import org.evshard.io.file.PlainPermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** manifest.json round trip and the verifier against real shards. */
class ManifestTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.891Z"), ZoneOffset.UTC);

  @TempDir
  Path out;

  private Manifest manifest;

  @BeforeEach
  void writeRun() throws Exception {
    List<SampleRow> rows = RandomRows.mixed(5, 20, 500);
    Files.createDirectories(out.resolve("train"));
    List<ManifestShard> shards = new ArrayList<>();
    List<LabelCount> labels = new ArrayList<>();
    int i = 0;
    for (String split : List.of("train", "test", "val")) {
      ShardFormat format = i++ % 2 == 0 ? ShardFormat.PARQUET : ShardFormat.ARROW;
      Path file = out.resolve("train".equals(split) ? "train/part-0" + format.extension()
          : split + "-0" + format.extension());
      ShardRoundTripTest.write(format, file, rows.stream().filter(r -> r.split().equals(split)).toList(),
          ShardWriteOptions.defaults("test-1.0"));
      shards.add(ManifestShard.of(out, file, split));
      labels.addAll(format.readLabels(file));
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("rows_per_shard", 1000);
    parameters.put("split_rule", "publisher");
    parameters.put("deterministic", true);
    manifest = Manifest.create("evshard", "test-1.0", CLOCK, "synthetic", "/data/in", ShardFormat.PARQUET,
        parameters, shards, ManifestCounts.of(rows.size() + 3, 3, labels));
    manifest.write(out.resolve(Manifest.FILE_NAME));
    Files.write(out.resolve(Manifest.ERRORS_FILE), List.of("{\"source\":\"a\"}", "{\"source\":\"b\"}",
        "{\"source\":\"c\"}"));
  }

  @Test
  void theManifestHasThePermissionsOfAPlainNewFile() throws Exception {
    Path file = out.resolve(Manifest.FILE_NAME);
    assertEquals(PlainPermissions.in(out), Files.getPosixFilePermissions(file),
        "not createTempFile's rw------- (umask 022 gives rw-r--r--, as the shards have)");
  }

  @Test
  void errorsFileThatDisagreesWithTheRejectedCountIsReported() throws Exception {
    Files.write(out.resolve(Manifest.ERRORS_FILE), List.of("{\"source\":\"a\"}"));
    assertEquals(List.of("errors.jsonl: 1 line but the manifest counts 3 rejected"),
        ManifestVerifier.verify(out.resolve(Manifest.FILE_NAME)));
    Files.delete(out.resolve(Manifest.ERRORS_FILE));
    assertEquals(List.of("errors.jsonl: missing"), ManifestVerifier.verify(out.resolve(Manifest.FILE_NAME)));
  }

  @Test
  void anErrorsFileThatIsNotTextNamesItsFirstBadByte() throws Exception {
    // the bad byte far past the first 64 KB block the search reads, and one line past a block boundary
    StringBuilder lines = new StringBuilder();
    while (lines.length() < 200_000) {
      lines.append("{\"source\":\"Train/0/00001.bin\",\"reason\":\"truncated\"}\n");
    }
    byte[] head = lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] bytes = java.util.Arrays.copyOf(head, head.length + 4);
    bytes[head.length] = '{';
    bytes[head.length + 1] = (byte) 0xC3; // a two-byte sequence cut by the newline
    bytes[head.length + 2] = '}';
    bytes[head.length + 3] = '\n';
    Files.write(out.resolve(Manifest.ERRORS_FILE), bytes);
    assertEquals(List.of("errors.jsonl: not UTF-8 text: byte 0xC3 at offset " + (head.length + 1)),
        ManifestVerifier.verify(out.resolve(Manifest.FILE_NAME)));
  }

  @Test
  void aShardFileTheManifestDoesNotListIsReported() throws Exception {
    Files.copy(out.resolve("train/part-0.parquet"), out.resolve("train/part-1.parquet"));
    assertEquals(List.of("train/part-1.parquet: shard file not listed in the manifest"),
        ManifestVerifier.verify(out.resolve(Manifest.FILE_NAME)));
  }

  @Test
  void roundTripsAsSnakeCaseJson() throws Exception {
    Path file = out.resolve(Manifest.FILE_NAME);
    assertEquals(manifest, Manifest.read(file));
    String json = Files.readString(file);
    for (String key : List.of("\"schema_version\" : \"2\"", "\"tool_version\" : \"test-1.0\"",
        "\"created\" : \"2026-03-04T05:06:07Z\"", "\"shard_format\" : \"parquet\"", "\"per_split\"",
        "\"per_label\"", "\"errors_file\" : \"errors.jsonl\"", "\"path\" : \"train/part-0.parquet\"")) {
      assertTrue(json.contains(key), key + " missing in\n" + json);
    }
    try (var files = Files.list(out)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temp file left behind");
    }
  }

  @Test
  void countsComeFromTheShards() {
    ManifestCounts c = manifest.counts();
    assertEquals(manifest.shards().stream().mapToLong(ManifestShard::rows).sum(), c.written());
    assertEquals(22, c.written());
    assertEquals(3, c.perSplit().size());
  }

  @Test
  void cleanRunVerifies() {
    assertEquals(List.of(), ManifestVerifier.verify(out.resolve(Manifest.FILE_NAME)));
  }

  @Test
  void flippedByteIsASha256Mismatch() throws Exception {
    ManifestShard shard = manifest.shards().get(1);
    Path file = out.resolve(shard.path());
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);
    List<String> problems = ManifestVerifier.verify(out.resolve(Manifest.FILE_NAME));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(shard.path() + ": sha256 differs"), problems.toString());
  }

  @Test
  void missingShardIsReported() throws Exception {
    Files.delete(out.resolve("train/part-0.parquet"));
    assertEquals(List.of("train/part-0.parquet: missing"), ManifestVerifier.verify(out.resolve(Manifest.FILE_NAME)));
  }

  @Test
  void countsThatDoNotReconcileAreReported() {
    ManifestCounts c = manifest.counts();
    ManifestCounts bad = new ManifestCounts(c.discovered() + 1, c.written(), c.rejected(), c.perSplit(), c.perLabel());
    List<String> problems = ManifestVerifier.verify(withCounts(bad), out);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("discovered " + (c.discovered() + 1)), problems.toString());

    ManifestCounts moreWritten = new ManifestCounts(c.discovered() + 1, c.written() + 1, c.rejected(), c.perSplit(),
        c.perLabel());
    assertTrue(ManifestVerifier.verify(withCounts(moreWritten), out).stream()
        .anyMatch(p -> p.contains("shard rows sum to " + c.written())));
  }

  @Test
  void wrongRowsAndSizeAreReported() {
    List<ManifestShard> shards = new ArrayList<>(manifest.shards());
    ManifestShard s = shards.get(0);
    shards.set(0, new ManifestShard(s.path(), s.split(), s.rows() + 1, s.bytes() + 1, s.sha256()));
    Manifest m = new Manifest(manifest.schemaVersion(), manifest.tool(), manifest.toolVersion(), manifest.created(),
        manifest.dataset(), manifest.input(), manifest.shardFormat(), manifest.parameters(), shards,
        manifest.counts(), manifest.errorsFile());
    List<String> problems = ManifestVerifier.verify(m, out);
    assertTrue(problems.contains(s.path() + ": rows differ: manifest " + (s.rows() + 1) + ", footer " + s.rows()),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith(s.path() + ": size differs")), problems.toString());
    assertFalse(problems.stream().anyMatch(p -> p.contains("sha256")), problems.toString());
  }

  @Test
  void otherSchemaVersionIsRefused() throws Exception {
    Path file = out.resolve(Manifest.FILE_NAME);
    Files.writeString(file, Files.readString(file).replace("\"schema_version\" : \"2\"", "\"schema_version\" : \"9\""));
    ShardException e = assertThrows(ShardException.class, () -> Manifest.read(file));
    assertTrue(e.getMessage().contains("found 9"), e.getMessage());
  }

  /** A manifest from elsewhere named ../../victim.parquet: select read it and wrote its rows over that file. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "\"path\" : \"train/part-0.parquet\"|\"path\" : \"../../victim/data.parquet\"|path '../../victim/data.parquet'",
      "\"path\" : \"train/part-0.parquet\"|\"path\" : \"/etc/passwd\"|path '/etc/passwd'",
      "\"path\" : \"train/part-0.parquet\"|\"path\" : \"train/../../x.parquet\"|path 'train/../../x.parquet'",
      "\"path\" : \"train/part-0.parquet\"|\"path\" : \"train//part-0.parquet\"|path 'train//part-0.parquet'",
      "\"path\" : \"train/part-0.parquet\"|\"path\" : \"./train/part-0.parquet\"|path './train/part-0.parquet'",
      "\"path\" : \"train/part-0.parquet\"|\"path\" : \"\"|path ''",
      "\"split\" : \"train\"|\"split\" : \"../..\"|split '../..'",
      "\"split\" : \"train\"|\"split\" : \"a/b\"|split 'a/b'",
      "\"split\" : \"train\"|\"split\" : \"..\"|split '..'"})
  void aShardPathOrSplitReachingOutsideTheFolderIsRefused(String from, String to, String named) throws Exception {
    Path file = out.resolve(Manifest.FILE_NAME);
    String json = Files.readString(file);
    assertTrue(json.contains(from), json);
    Files.writeString(file, json.replace(from, to));
    ShardException e = assertThrows(ShardException.class, () -> Manifest.read(file));
    assertTrue(e.getMessage().contains("shards[0]: " + named), e.getMessage());
  }

  /** A shard listed twice: select read its rows twice, failed to reconcile and left its output folder behind. */
  @Test
  void aShardListedTwiceIsRefused() throws Exception {
    Path file = out.resolve(Manifest.FILE_NAME);
    String json = Files.readString(file);
    Files.writeString(file, json.replace("\"path\" : \"test-0.arrow\"", "\"path\" : \"train/part-0.parquet\""));
    ShardException e = assertThrows(ShardException.class, () -> Manifest.read(file));
    assertTrue(e.getMessage().endsWith("shards[1]: path 'train/part-0.parquet' is listed again (first as shards[0])"),
        e.getMessage());
  }

  @Test
  void sha256MatchesKnownDigest() throws Exception {
    Path f = out.resolve("abc.txt");
    Files.writeString(f, "abc");
    // FIPS 180-2 test vector for "abc"
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", FileDigests.sha256(f));
  }

  private Manifest withCounts(ManifestCounts counts) {
    return new Manifest(manifest.schemaVersion(), manifest.tool(), manifest.toolVersion(), manifest.created(),
        manifest.dataset(), manifest.input(), manifest.shardFormat(), manifest.parameters(), manifest.shards(), counts,
        manifest.errorsFile());
  }
}
