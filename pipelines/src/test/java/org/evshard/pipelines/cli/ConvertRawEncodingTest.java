package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.evshard.io.shard.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert} of a folder whose {@code .raw} files state no encoding reads them as EVT 3.0 as before, and says so
 * once: one note on stderr with the count, and the manifest's {@code encoding_assumed} parameter; files whose header
 * states it, or a {@code --format}, are not counted.
 */
class ConvertRawEncodingTest {

  @TempDir
  Path tmp;

  private static byte[] evt3(int seed, boolean header) throws Exception {
    return CliRecordings.evt3(CliRecordings.pattern(40, seed, 5, 100, 2), header);
  }

  /** Three header-less recordings and two with their header, in two classes. */
  private Path corpus() throws Exception {
    Path in = tmp.resolve("in");
    for (String c : List.of("a", "b")) {
      Files.createDirectories(in.resolve(c));
    }
    Files.write(in.resolve("a/bare1.raw"), evt3(1, false));
    Files.write(in.resolve("a/bare2.raw"), evt3(2, false));
    Files.write(in.resolve("b/bare3.raw"), evt3(3, false));
    Files.write(in.resolve("a/stated1.raw"), evt3(4, true));
    Files.write(in.resolve("b/stated2.raw"), evt3(5, true));
    return in;
  }

  @Test
  void headerlessRawFilesAreCountedInOneNoteAndInTheManifest() throws Exception {
    Path in = corpus();
    Path out = tmp.resolve("out");
    CliOutput r = CliOutput.run("convert", "--dataset", "folder", "--input", in.toString(), "--output",
        out.toString(), "--sensor", "34x34", "--no-progress");
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.startsWith("converted 5 samples: 5 written"), r.out);
    assertEquals("note: 3 .raw files state no encoding: read as evt3; pass --format evt2 or --format evt21 to read "
        + "them as another (manifest parameters 'encoding_assumed')", r.err.strip());
    Object assumed = Manifest.read(out.resolve(Manifest.FILE_NAME)).parameters().get("encoding_assumed");
    assertEquals(Map.of(".raw", Map.of("count", 3, "read_as", "evt3", "others", List.of("evt2", "evt21"))), assumed);
  }

  @Test
  void noNoteWithFormatOrWhenEveryHeaderStatesIt() throws Exception {
    Path in = corpus();
    Path out = tmp.resolve("given");
    CliOutput given = CliOutput.run("convert", "--dataset", "folder", "--input", in.toString(), "--output",
        out.toString(), "--sensor", "34x34", "--format", "evt3", "--no-progress");
    assertEquals(0, given.exitCode, given.err);
    assertFalse(given.err.contains("note:"), given.err);
    assertNull(Manifest.read(out.resolve(Manifest.FILE_NAME)).parameters().get("encoding_assumed"));

    for (String bare : List.of("a/bare1.raw", "a/bare2.raw", "b/bare3.raw")) {
      Files.delete(in.resolve(bare));
    }
    Path stated = tmp.resolve("stated");
    CliOutput r = CliOutput.run("convert", "--dataset", "folder", "--input", in.toString(), "--output",
        stated.toString(), "--no-progress");
    assertEquals(0, r.exitCode, r.err);
    assertFalse(r.err.contains("note:"), r.err);
    assertNull(Manifest.read(stated.resolve(Manifest.FILE_NAME)).parameters().get("encoding_assumed"));
  }
}
