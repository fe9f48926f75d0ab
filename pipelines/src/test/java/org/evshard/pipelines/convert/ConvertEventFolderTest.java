package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.evshard.io.Fixtures;
import org.evshard.io.shard.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convert --dataset folder} on generated folder corpora: formats a shared extension leaves to the header. */
class ConvertEventFolderTest {

  @TempDir
  Path tmp;

  @Test
  void evt2AndEvt3RawFilesInOneCorpusAreEachReadWithTheEncodingTheirHeaderDeclares() throws Exception {
    Path input = tmp.resolve("corpus");
    Files.createDirectories(input.resolve("gen3"));
    Files.createDirectories(input.resolve("gen4"));
    Files.copy(Fixtures.file("fixtures/events/evt2/evt2_sample.raw"), input.resolve("gen3/evt2_sample.raw"));
    Files.copy(Fixtures.file("fixtures/events/evt3_small/evt3_sample.raw"), input.resolve("gen4/evt3_sample.raw"));

    // --format auto (ConvertSettings.format null): the dataset's choice, here detection from each file's header
    Path output = tmp.resolve("out");
    ConvertResult r = ConvertJob.run(ConvertSettings.of("folder", input, output));
    assertEquals(2, r.discovered());
    assertEquals(0, r.rejected(), Files.readString(output.resolve(Manifest.ERRORS_FILE)));
    assertEquals(2, r.written());
    Map<String, ShardContents.Row> rows = ShardContents.readParquetBySampleId(output);
    ShardContents.Row evt2 = rows.get("folder/gen3/evt2_sample");
    ShardContents.Row evt3 = rows.get("folder/gen4/evt3_sample");
    // the counts of fixtures/events/index.json
    assertEquals(539_481, evt2.nEvents());
    assertEquals(539_481, evt2.events().size());
    assertEquals(0, evt2.label());
    assertEquals(5_000, evt3.nEvents());
    assertEquals(5_000, evt3.events().size());
    assertEquals(1, evt3.label());
    assertNull(Manifest.read(r.manifest()).parameters().get("format"), "no format forced");
  }
}
