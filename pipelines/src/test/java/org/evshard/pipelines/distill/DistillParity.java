package org.evshard.pipelines.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.evshard.io.image.DecodedImage;
import org.evshard.io.image.ImageDecoder;
import org.evshard.io.shard.ImageRow;
import org.evshard.io.shard.ImageShardReader;
import org.evshard.io.shard.Manifest;
import org.evshard.io.shard.ManifestCounts;
import org.evshard.io.shard.ManifestShard;
import org.evshard.io.shard.ManifestVerifier;

/**
 * {@code evshard distill} on another runner gives the same distillation as on the DirectRunner: on a tiny generated
 * corpus ({@link DistillCorpus}: 3 classes x 4 images over two {@code train} shards, one undecodable and one unlabelled
 * row; ipc 2, 2 nets, 4 iterations, 16 x 16) the same synthetic images byte for byte (the PNG bytes, which the JDK's
 * encoder makes from the pixels alone, checked here, and the decoded pixels), the same sample ids, labels, sources and
 * {@code init_sample_id}s, the same {@code distillation} block of the manifest (counts, {@code init_sample_ids}, every
 * loss figure, compared as JSON, so to the last bit), the same parameters but {@code beam_args}, the same manifest
 * counts and shard list (path, split, rows) and the same {@code errors.jsonl} lines; both outputs verify. Used by the
 * Flink and Spark runner modules.
 */
public final class DistillParity {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int IPC = 2;
  private static final int SIDE = 16;

  private DistillParity() {
  }

  /** What one run left behind, reduced to what must not depend on the runner. */
  private record Output(Map<String, String> rows, Map<String, byte[]> png, Map<String, byte[]> pixels,
      List<String> errors, JsonNode distillation, JsonNode parameters, ManifestCounts counts, List<String> shards) {}

  /**
   * Distils the corpus on the DirectRunner and with {@code runnerArgs}, asserts parity, and returns the seconds the run
   * under test took.
   */
  public static double assertSameDistillationAsDirectRunner(Path tmp, List<String> runnerArgs) throws Exception {
    Path input = tmp.resolve("corpus");
    DistillCorpus.write(input, 4, 17, 2);
    Output direct = distill(input, tmp.resolve("direct"), List.of());
    long start = System.nanoTime();
    Output other = distill(input, tmp.resolve("runner"), runnerArgs);
    double seconds = (System.nanoTime() - start) / 1e9;

    // the DirectRunner's run is the one the test means: 3 classes x ipc rows, both broken rows rejected
    assertEquals(List.of("dm-a-0", "dm-a-1", "dm-b-0", "dm-b-1", "dm-c-0", "dm-c-1"),
        new ArrayList<>(direct.rows().keySet()));
    List<String> stages = new ArrayList<>();
    for (String line : direct.errors()) {
      stages.add(JSON.readTree(line).get("sample_id").asText() + " " + JSON.readTree(line).get("stage").asText());
    }
    assertEquals(List.of("gen/train/a/junk decode", "gen/train/none/0 label"), stages);
    assertEquals(3, direct.distillation().get("per_class").size());

    String on = " on " + runnerArgs;
    assertEquals(direct.rows(), other.rows(), "sample ids, labels, sources, init_sample_id" + on);
    for (String id : direct.rows().keySet()) {
      assertArrayEquals(direct.pixels().get(id), other.pixels().get(id), "decoded pixels of " + id + on);
      assertArrayEquals(direct.png().get(id), other.png().get(id), "PNG bytes of " + id + on);
    }
    assertEquals(direct.distillation(), other.distillation(), "manifest distillation block" + on);
    assertEquals(direct.parameters(), other.parameters(), "manifest parameters" + on);
    assertEquals(direct.counts(), other.counts(), "manifest counts" + on);
    assertEquals(direct.shards(), other.shards(), "manifest shards" + on);
    assertEquals(direct.errors(), other.errors(), "errors.jsonl" + on);
    return seconds;
  }

  private static Output distill(Path input, Path out, List<String> args) throws Exception {
    DistillJob.run(new DistillSettings(input, out, IPC, 4, 2, 5, 0.1, 0.5, SIDE, "train", false, false, args));
    Manifest manifest = Manifest.read(out.resolve(Manifest.FILE_NAME));
    assertEquals(List.of(), ManifestVerifier.verify(manifest, out));

    Map<String, String> rows = new TreeMap<>();
    Map<String, byte[]> png = new TreeMap<>();
    Map<String, byte[]> pixels = new TreeMap<>();
    ImageDecoder decoder = ImageDecoder.withDefaults();
    List<String> shards = new ArrayList<>();
    for (ManifestShard s : manifest.shards()) {
      shards.add(s.path() + " " + s.split() + " " + s.rows());
      for (ImageRow r : ImageShardReader.readAll(out.resolve(s.path()))) {
        rows.put(r.sampleId(), String.join(" | ", r.dataset(), r.split(), String.valueOf(r.label()), r.labelName(),
            r.source(), r.width() + "x" + r.height(), r.imageFormat(), r.sha256(), new TreeMap<>(r.attributes())
                .toString()));
        png.put(r.sampleId(), r.image());
        try (DecodedImage img = decoder.decode(r.image(), r.source())) {
          assertEquals(SIDE, img.width());
          assertEquals(SIDE, img.height());
          byte[] rgb = img.toInterleavedRgb();
          pixels.put(r.sampleId(), rgb);
          // the PNG is a function of the pixels: comparing bytes compares images, not encoder state
          assertArrayEquals(DistillClassFn.png(rgb, SIDE), r.image(), "PNG of " + r.sampleId() + " re-encoded");
        }
      }
    }
    List<String> errors = new ArrayList<>(Files.readAllLines(out.resolve(Manifest.ERRORS_FILE)));
    errors.removeIf(String::isBlank);
    errors.sort(null); // TextIO writes them in the runner's order
    JsonNode parameters = JSON.valueToTree(manifest.parameters());
    ((ObjectNode) parameters).remove("beam_args");
    return new Output(rows, png, pixels, errors, parameters.get("distillation"), parameters, manifest.counts(),
        shards);
  }
}
