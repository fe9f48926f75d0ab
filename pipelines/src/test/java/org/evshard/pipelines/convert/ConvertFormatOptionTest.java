package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.events.Events;
import org.evshard.io.shard.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convert --format F}: every recording read with the named format instead of the dataset's. */
class ConvertFormatOptionTest {

  @TempDir
  Path tmp;

  @Test
  void aNamedFormatIsUsedForEveryRecordingAndRecordedInTheManifest() throws Exception {
    Path input = tmp.resolve("in");
    Map<String, Events> written = TestCorpora.nmnist(input, 1, 5);
    ConvertResult same = ConvertJob.run(ConvertSettings.of("nmnist", input, tmp.resolve("bin")).withFormat("NMNIST"));
    assertEquals(written.size(), same.written());
    assertEquals("atis-bin", Manifest.read(same.manifest()).parameters().get("format"));

    ConvertResult wrong = ConvertJob.run(ConvertSettings.of("nmnist", input, tmp.resolve("npy")).withFormat("npy"));
    assertEquals(0, wrong.written());
    assertEquals(written.size(), wrong.rejected());
    List<String> errors = Files.readAllLines(tmp.resolve("npy").resolve(Manifest.ERRORS_FILE));
    assertTrue(errors.stream().allMatch(l -> l.contains("NPY") || l.contains("npy")), errors.get(0));
  }

  @Test
  void anUnknownFormatFailsBeforeTheOutputFolderIsTouched() throws Exception {
    Path input = tmp.resolve("in");
    TestCorpora.nmnist(input, 1, 5);
    Path output = tmp.resolve("out");
    UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
        () -> ConvertJob.run(ConvertSettings.of("nmnist", input, output).withFormat("evt9")));
    assertTrue(e.getMessage().contains("evt9") && e.getMessage().contains("atis-bin"), e.getMessage());
    assertFalse(Files.exists(output));
  }
}
