package org.evshard.pipelines.curate;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.evshard.io.img2dataset.TestParquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.evshard.io.image.OpenCv;
import org.evshard.io.shard.ManifestVerifier;
import org.evshard.pipelines.cli.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * {@code curate --decode-tensor} in a child JVM with {@code -Xmx64m}: a 1500 x 1500 JPEG (6.75 MB decoded, more than
 * a twelfth of the heap) is rejected at the decode stage, a 5 MB file (more than a sixteenth of the heap) before it is
 * read, each with its limit and the heap in its reason, and a 64 x 64 JPEG is written. Before
 * {@link ImageProcessor#tensorByteLimit} an 88-megapixel JPEG, within Pillow's pixel limit, ended a 512 MiB run with an
 * OutOfMemoryError in the shard writer; before {@link ImageSourceReader#heapImageBytes} a 24 MB JPEG ended a 128 MiB
 * run in the page compressor.
 */
class HeapLimitedCurateTest {

  @TempDir
  Path tmp;

  @Test
  void imagesTooLargeForTheHeapAreRejectedAndTheRunFinishes() throws Exception {
    Path input = tmp.resolve("in");
    Files.createDirectories(input.resolve("cls"));
    jpeg(input.resolve("cls/big.jpg"), 1500);
    jpeg(input.resolve("cls/small.jpg"), 64);
    byte[] noise = new byte[5_000_000];
    new java.util.SplittableRandom(1).nextBytes(noise);
    Files.write(input.resolve("cls/huge.jpg"), noise);
    Path output = tmp.resolve("out");
    ChildJvm run = ChildJvm.evshard("64m", "curate", "--dataset", "image-folder", "--input", input.toString(),
        "--output", output.toString(), "--decode-tensor", "--no-progress");
    assertEquals(0, run.exit(), run.output());
    assertTrue(run.output().contains("curated 3 samples: 1 written"), run.output());
    Map<String, JsonNode> errors = new TreeMap<>();
    for (String line : Files.readAllLines(output.resolve("errors.jsonl"))) {
      JsonNode n = new ObjectMapper().readTree(line);
      errors.put(n.get("source").asText(), n);
    }
    assertEquals(List.of("cls/big.jpg", "cls/huge.jpg"), List.copyOf(errors.keySet()), run.output());
    String tensor = errors.get("cls/big.jpg").get("reason").asText();
    assertTrue(tensor.startsWith("--decode-tensor: the decoded 1500x1500x3 tensor's byte count of 6750000 exceeds "
        + "the limit of "), tensor);
    assertTrue(tensor.contains("a twelfth of this JVM's maximum heap (64.0 MiB)"), tensor);
    String file = errors.get("cls/huge.jpg").get("reason").asText();
    assertTrue(file.startsWith("image file of 5000000 bytes exceeds the limit of "), file);
    assertTrue(file.contains("a sixteenth of this JVM's maximum heap (64.0 MiB)"), file);
    assertEquals(List.of(), ManifestVerifier.verify(output.resolve("manifest.json")));
  }

  /** A webdataset member over a sixteenth of the heap is skipped (counted), and its sample has no image left. */
  @Test
  void aWebdatasetMemberTooLargeForTheHeapIsSkippedAndItsSampleRejected() throws Exception {
    Path input = tmp.resolve("wds");
    Files.createDirectories(input);
    Path small = tmp.resolve("small.jpg");
    jpeg(small, 64);
    byte[] noise = new byte[5_000_000];
    new java.util.SplittableRandom(2).nextBytes(noise);
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(input.resolve("shard-0.tar")))) {
      TarEntries.add(t, "000000.jpg", Files.readAllBytes(small));
      TarEntries.add(t, "000000.txt", "a small one".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      TarEntries.add(t, "000001.jpg", noise);
      TarEntries.add(t, "000001.txt", "a large one".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Path output = tmp.resolve("out-wds");
    ChildJvm run = ChildJvm.evshard("64m", "curate", "--dataset", "webdataset", "--input", input.toString(),
        "--output", output.toString(), "--no-progress");
    assertEquals(0, run.exit(), run.output());
    assertTrue(run.output().contains("curated 2 samples: 1 written"), run.output());
    JsonNode error = onlyError(output, run);
    assertEquals("webdataset/shard-0/000001", error.get("sample_id").asText());
    // the image was there and too large, not missing
    assertEquals("no image member (jpg, jpeg, png, webp) in a sample with [txt]; skipped as over the tar entry limit "
        + "of 4194304 bytes: 000001.jpg (5000000 bytes)", error.get("reason").asText());
    JsonNode report = new ObjectMapper().readTree(output.resolve("curate_report.json").toFile());
    assertEquals(1, report.get("tar_entries_skipped").get("entry_too_large").asLong(), report.toString());
    assertEquals(List.of(), ManifestVerifier.verify(output.resolve("manifest.json")));
  }

  /**
   * An img2dataset parquet shard whose row group holds more image bytes than a worker should hold at once (parquet-mr
   * reads a row group's column chunks whole) is rejected by name before it is read; a shard of small row groups is
   * written. Before the check, the 40 MB row group ended the {@code -Xmx64m} run.
   */
  @Test
  void anImg2datasetParquetRowGroupTooLargeForTheHeapRejectsItsShardAndTheRunFinishes() throws Exception {
    Path input = tmp.resolve("i2d");
    Files.createDirectories(input);
    Path small = tmp.resolve("small.jpg");
    jpeg(small, 64);
    MessageType schema = TestParquet.schema("message schema { optional binary key (STRING); optional binary jpg;"
        + " optional binary txt (STRING); optional binary status (STRING); }");
    SimpleGroupFactory f = new SimpleGroupFactory(schema);
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    List<Group> large = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) { // 40 x 1 MB, each image within the per-image limit, 40 MB in one row group
      byte[] noise = new byte[1_000_000];
      random.nextBytes(noise);
      large.add(f.newGroup().append("key", String.format("%09d", i)).append("jpg", Binary.fromConstantByteArray(noise))
          .append("txt", "noise " + i).append("status", "success"));
    }
    TestParquet.write(input.resolve("00000.parquet"), schema, large);
    List<Group> fine = List.of(f.newGroup().append("key", "000010000")
        .append("jpg", Binary.fromConstantByteArray(Files.readAllBytes(small))).append("txt", "a small one")
        .append("status", "success"));
    TestParquet.write(input.resolve("00001.parquet"), schema, fine);
    Path output = tmp.resolve("out-i2d");
    ChildJvm run = ChildJvm.evshard("64m", "curate", "--dataset", "img2dataset", "--input", input.toString(),
        "--output", output.toString(), "--no-progress");
    assertEquals(0, run.exit(), run.output());
    assertTrue(run.output().contains("curated 2 samples: 1 written"), run.output());
    JsonNode error = onlyError(output, run);
    assertEquals("00000.parquet", error.get("source").asText(), error.toString());
    String reason = error.get("reason").asText();
    assertTrue(reason.contains("row group 0"), reason);
    assertTrue(reason.contains("an eighth of this JVM's maximum heap (64.0 MiB)"), reason);
    assertEquals(List.of(), ManifestVerifier.verify(output.resolve("manifest.json")));
  }

  /**
   * A DataComp metadata file whose row group holds more than a quarter of the heap in the columns read is rejected
   * by name before it is read, and the pool's other metadata file is curated.
   */
  @Test
  void aDataCompMetadataRowGroupTooLargeForTheHeapIsRejectedByName() throws Exception {
    Path meta = tmp.resolve("pool/metadata");
    Files.createDirectories(meta);
    MessageType schema = TestParquet.schema(DataCompCurateTest.SCHEMA);
    SimpleGroupFactory f = new SimpleGroupFactory(schema);
    java.util.SplittableRandom random = new java.util.SplittableRandom(4);
    List<Group> large = new java.util.ArrayList<>();
    char[] text = new char[500];
    for (int i = 0; i < 40_000; i++) { // 20 MB of captions in one row group
      for (int k = 0; k < text.length; k++) {
        text[k] = (char) ('a' + random.nextInt(26));
      }
      large.add(row(f, i, new String(text), 0.5f));
    }
    TestParquet.write(meta.resolve("0a1b2c.parquet"), schema, large);
    TestParquet.write(meta.resolve("3d4e5f.parquet"), schema, List.of(row(f, 50_000, "a dog on a beach", 0.5f),
        row(f, 50_001, "a cat on a sofa", 0.1f)));
    Path output = tmp.resolve("out-datacomp");
    Path subset = tmp.resolve("subset.npy");
    ChildJvm run = ChildJvm.evshard("64m", "curate", "--dataset", "datacomp", "--input", tmp.resolve("pool")
        .toString(), "--output", output.toString(), "--filter", "clip_score", "--threshold", "0.3", "--subset-out",
        subset.toString(), "--no-progress");
    assertEquals(0, run.exit(), run.output());
    JsonNode error = onlyError(output, run);
    assertEquals("metadata/0a1b2c.parquet", error.get("source").asText(), error.toString());
    String reason = error.get("reason").asText();
    assertTrue(reason.startsWith("metadata file not read: bytes of the columns read in row group 0 (read whole) of "),
        reason);
    assertTrue(reason.contains("a quarter of this JVM's maximum heap (64.0 MiB)"), reason);
    assertEquals(1, org.evshard.io.datacomp.UidSubset.read(subset).size(), run.output());
  }

  private static Group row(SimpleGroupFactory f, int i, String text, float score) {
    String uid = String.format("%032x", i);
    Group g = f.newGroup().append("uid", uid).append("url", "http://example.com/" + uid + ".jpg")
        .append("text", text).append("original_width", 640L).append("original_height", 480L)
        .append("clip_b32_similarity_score", score).append("clip_l14_similarity_score", score)
        .append("sha256", String.format("%064x", i));
    g.addGroup("face_bboxes");
    return g;
  }

  /** The one line of the run's {@code errors.jsonl}. */
  private static JsonNode onlyError(Path output, ChildJvm run) throws java.io.IOException {
    List<String> errors = Files.readAllLines(output.resolve("errors.jsonl"));
    assertEquals(1, errors.size(), run.output());
    return new ObjectMapper().readTree(errors.get(0));
  }

  private static void jpeg(Path file, int side) {
    OpenCv.ensureLoaded();
    Mat m = new Mat(side, side, CvType.CV_8UC3);
    Core.randu(m, 0, 255);
    assertTrue(Imgcodecs.imwrite(file.toString(), m, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 30)));
  }
}
