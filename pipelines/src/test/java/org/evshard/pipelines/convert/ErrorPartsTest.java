package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorPartsTest {

  @TempDir
  Path output;

  private static SampleError error(String id) {
    return new SampleError(id, id + ".bin", "decode", "truncated record", 15);
  }

  private List<String> errorsFile() throws Exception {
    return Files.readAllLines(output.resolve(WriteErrors.FILE_NAME));
  }

  @Test
  void discoveryRejectsComeFirstThenEachShardsInShardOrder() throws Exception {
    // written in another order than the shards', as workers finish them
    ErrorParts.write(output.toString(), "train/part-00001-of-00002", List.of(error("c"), error("d")));
    ErrorParts.write(output.toString(), "test/part-00000-of-00001", List.of(error("e")));
    ErrorParts.write(output.toString(), "train/part-00000-of-00002", List.of(error("b")));
    ErrorParts.join(output, List.of(error("a")));
    assertEquals(List.of("a", "e", "b", "c", "d").stream().map(id -> error(id).toJsonLine()).toList(), errorsFile());
  }

  @Test
  void aRetriedTaskReplacesItsPart() throws Exception {
    ErrorParts.write(output.toString(), "train/part-00000-of-00001", List.of(error("a"), error("b")));
    ErrorParts.write(output.toString(), "train/part-00000-of-00001", List.of(error("a"), error("b")));
    ErrorParts.join(output, List.of());
    assertEquals(List.of(error("a").toJsonLine(), error("b").toJsonLine()), errorsFile());
  }

  @Test
  void aRetryWithoutRejectsRemovesThePartOfTheEarlierAttempt() throws Exception {
    ErrorParts.write(output.toString(), "train/part-00000-of-00001", List.of(error("a")));
    ErrorParts.write(output.toString(), "train/part-00000-of-00001", List.of());
    ErrorParts.join(output, List.of());
    assertEquals(List.of(), errorsFile());
  }

  @Test
  void withoutRejectsTheFileExistsEmptyAndNoPartIsWritten() throws Exception {
    ErrorParts.write(output.toString(), "train/part-00000-of-00001", List.of());
    assertFalse(Files.exists(output.resolve(ConvertSamples.TEMP_DIR)));
    ErrorParts.join(output, List.of());
    assertTrue(Files.isRegularFile(output.resolve(WriteErrors.FILE_NAME)));
    assertEquals(List.of(), errorsFile());
  }
}
