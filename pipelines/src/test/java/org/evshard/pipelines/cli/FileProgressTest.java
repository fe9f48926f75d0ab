package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileProgressTest {

  @TempDir
  Path tmp;

  @Test
  void aLargeFileOnATerminalGetsABarThatReachesItsEnd() throws Exception {
    Path file = Files.write(tmp.resolve("rec.raw"), new byte[3 << 20]);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (FileProgress p = FileProgress.of("decode", file, true, 1 << 20, new PrintStream(err, true))) {
      assertTrue(p.shown());
      p.update(1 << 20);
      p.update(3 << 20);
    }
    String drawn = err.toString(StandardCharsets.UTF_8);
    assertTrue(drawn.contains("decode") && drawn.contains("100%") && drawn.contains("3/3 MB"), drawn);
  }

  @Test
  void smallFilesPipesAndMissingFilesGetNone() throws Exception {
    Path file = Files.write(tmp.resolve("rec.raw"), new byte[1000]);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(err, true);
    for (FileProgress p : new FileProgress[] {FileProgress.of("decode", file, true, 1 << 20, out),
        FileProgress.of("decode", file, false, 0, out), FileProgress.of("decode", tmp.resolve("gone"), true, 0, out)}) {
      assertFalse(p.shown());
      p.update(500);
      p.close();
    }
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }
}
