package org.evshard.pipelines.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.evshard.io.image.OpenCv;
import org.evshard.io.shard.ManifestVerifier;
import org.evshard.pipelines.cli.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * {@code curate --decode-tensor} in a child JVM with {@code -Xmx64m}: a 1500 x 1500 JPEG (6.75 MB decoded, more than
 * a twelfth of the heap) is rejected at the decode stage with the limit and the heap in its reason, and a 64 x 64 one
 * is written. An 88-megapixel JPEG, within Pillow's pixel limit, ended a 512 MiB run with an OutOfMemoryError in the
 * shard writer before {@link ImageProcessor#tensorByteLimit}.
 */
class HeapLimitedTensorTest {

  @TempDir
  Path tmp;

  @Test
  void aDecodedTensorTooLargeForTheHeapIsRejectedAndTheRunFinishes() throws Exception {
    Path input = tmp.resolve("in");
    Files.createDirectories(input.resolve("cls"));
    jpeg(input.resolve("cls/big.jpg"), 1500);
    jpeg(input.resolve("cls/small.jpg"), 64);
    Path output = tmp.resolve("out");
    ChildJvm run = ChildJvm.evshard("64m", "curate", "--dataset", "image-folder", "--input", input.toString(),
        "--output", output.toString(), "--decode-tensor", "--no-progress");
    assertEquals(0, run.exit(), run.output());
    assertTrue(run.output().contains("curated 2 samples: 1 written"), run.output());
    List<String> errors = Files.readAllLines(output.resolve("errors.jsonl"));
    assertEquals(1, errors.size(), run.output());
    JsonNode error = new ObjectMapper().readTree(errors.get(0));
    assertEquals("cls/big.jpg", error.get("source").asText());
    assertEquals("decode", error.get("stage").asText());
    assertTrue(error.get("reason").asText().startsWith("--decode-tensor: the decoded 1500x1500x3 tensor's byte count "
        + "of 6750000 exceeds the limit of "), error.toString());
    assertTrue(error.get("reason").asText().contains("a twelfth of this JVM's maximum heap (64 MiB)"),
        error.toString());
    assertEquals(List.of(), ManifestVerifier.verify(output.resolve("manifest.json")));
  }

  private static void jpeg(Path file, int side) {
    OpenCv.ensureLoaded();
    Mat m = new Mat(side, side, CvType.CV_8UC3);
    Core.randu(m, 0, 255);
    assertTrue(Imgcodecs.imwrite(file.toString(), m));
  }
}
