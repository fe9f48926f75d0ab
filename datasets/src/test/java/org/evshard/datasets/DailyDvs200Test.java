package org.evshard.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DailyDVS-200 on a generated folder shaped like the published one (README of QiWang233/DailyDVS-200). */
class DailyDvs200Test {

  private static final String A = "C0P3M0S1_20231111_09_11_23.aedat4";
  private static final String B = "C49P2M1S1_20231111_15_48_00.aedat4";
  private static final String C = "C11P4M0S3_20231116_10_59_47.aedat4";

  /** The README's all_data.json example entry for file A, verbatim in shape. */
  private static final String ALL_DATA = """
      [{"FileName": "C0P3M0S1_20231111_09_11_23.aedat4", "Time": "20231111_09_11_23",
        "FilePath": ".../event_raw/11_11/3/C0P3M0S1_20231111_09_11_23.aedat4", "Scene": "1", "Action": "0",
        "Move": "0", "PersonNum": "1", "Range of Motion": "Limbs", "Complexity of Movement": "Easy",
        "Props/No Props": "No", "Indoor/Outdoor": "Indoor", "Background Complexity": "Easy",
        "Daytime/Nighttime": "Daytime", "Direction of Light": "Front Lighting", "Shadow": "No",
        "Standing/Sitting": "Standing", "Height": "Low", "Distance": "Near", "Perspective": "", "ID": "3",
        "Shadow Direction": null}]
      """;

  private static Path writeLayout(Path root) throws IOException {
    Fixtures.writeFolder(root, List.of("event_raw/11_11/3/" + A, "event_raw/11_11/2/" + B, "action_011/" + C,
        "event_raw/11_12/9/C1P9M0S1_20231112_10_00_00.aedat4"));
    Files.writeString(root.resolve("train.txt"), "11_11/3/" + A + " 0\n");
    Files.writeString(root.resolve("val.txt"), "action_50/" + B + " 49\n");
    Files.writeString(root.resolve("test.txt"), "action_011/" + C + "\t11\n\n");
    Files.writeString(root.resolve("all_data.json"), ALL_DATA);
    return root;
  }

  @Test
  void officialListsLabelsFileNameFieldsAndAttributes(@TempDir Path tmp) throws IOException {
    Discovery found = new DailyDvs200().discover(writeLayout(tmp), DiscoveryOptions.defaults());

    assertEquals(List.of("dailydvs200/C0P3M0S1_20231111_09_11_23", "dailydvs200/C11P4M0S3_20231116_10_59_47",
        "dailydvs200/C49P2M1S1_20231111_15_48_00"), found.samples().stream().map(SampleRef::sampleId).toList());
    SampleRef a = found.samples().get(0);
    assertEquals("event_raw/11_11/3/" + A, a.source(), "found by file name when the listed path differs");
    assertEquals("train", a.split());
    assertEquals(0, a.label());
    assertEquals("000", a.labelName());
    assertEquals("aedat4", a.format());
    assertEquals(DailyDvs200.SENSOR, a.sensor());
    assertEquals("0", a.metadata().get("name.action"));
    assertEquals("3", a.metadata().get("name.person"));
    assertEquals("0", a.metadata().get("name.move"));
    assertEquals("1", a.metadata().get("name.scene"));
    assertEquals("20231111_09_11_23", a.metadata().get("name.time"));
    assertEquals("Front Lighting", a.metadata().get("Direction of Light"));
    assertEquals("", a.metadata().get("Perspective"));
    assertTrue(!a.metadata().containsKey("FilePath") && !a.metadata().containsKey("FileName"));
    assertTrue(!a.metadata().containsKey("Shadow Direction"), "a JSON null was stored as the string \"null\"");
    assertEquals(5 + 18, a.metadata().size());

    SampleRef c = found.samples().get(1);
    assertEquals("action_011/" + C, c.source(), "the listed path is used when it exists");
    assertEquals("test", c.split());
    assertEquals(11, c.label());
    assertEquals("4", c.metadata().get("name.person"));
    assertEquals("val", found.samples().get(2).split());
    assertEquals(List.of("event_raw/11_12/9/C1P9M0S1_20231112_10_00_00.aedat4"), found.ignored());
  }

  @Test
  void fileNameFields() {
    assertEquals(Map.of(), DailyDvs200.nameFields("other.aedat4"));
    assertEquals("49", DailyDvs200.nameFields(B).get("name.action"));
  }

  @Test
  void badListsAreLayoutErrors(@TempDir Path tmp) throws IOException {
    Path root = writeLayout(tmp);
    Files.writeString(root.resolve("val.txt"), "x/" + B + " 200\n");
    DatasetLayoutException label = assertThrows(DatasetLayoutException.class,
        () -> new DailyDvs200().discover(root, DiscoveryOptions.defaults()));
    assertTrue(label.getMessage().contains("val.txt line 1"), label.getMessage());
    // a partial download: the listed recordings that are absent are rejected, each naming its line (the whole run
    // stopped at the first one, so a user fixed one file per run)
    Files.writeString(root.resolve("val.txt"), "x/missing.aedat4 3\nx/gone.aedat4 4\n");
    Discovery partial = new DailyDvs200().discover(root, DiscoveryOptions.defaults());
    assertTrue(!partial.samples().isEmpty());
    assertEquals(List.of("dailydvs200/gone", "dailydvs200/missing"),
        partial.rejected().stream().map(RejectedInput::sampleId).toList());
    assertEquals("val.txt line 2 lists x/gone.aedat4, which is not below the root (not downloaded?)",
        partial.rejected().get(0).reason());
    // none of the listed recordings: the wrong root, a layout error
    for (String list : List.of("train.txt", "test.txt")) {
      Files.writeString(root.resolve(list), "x/missing.aedat4 3\n");
    }
    DatasetLayoutException missing = assertThrows(DatasetLayoutException.class,
        () -> new DailyDvs200().discover(root, DiscoveryOptions.defaults()));
    assertTrue(missing.getMessage().contains("is not below the root"), missing.getMessage());
    assertThrows(DatasetLayoutException.class,
        () -> new DailyDvs200().discover(Files.createDirectories(tmp.resolve("empty")), DiscoveryOptions.defaults()));
  }

  /**
   * all_data.json that is not JSON text is a layout error naming the file, whatever Jackson finds: broken JSON, or
   * (a fuzz finding) bytes whose zeros make Jackson read UTF-32 and fail with a CharConversionException, an
   * IOException that is not a JsonProcessingException. An empty file adds no attributes.
   */
  @Test
  void attributesThatAreNotJsonTextAreLayoutErrorsAndAnEmptyFileAddsNone(@TempDir Path tmp) throws IOException {
    Path root = writeLayout(tmp);
    for (byte[] bad : new byte[][] {"[{\"FileName\": ".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        {0, 0, 0, 0x20, 0x20}}) {
      Files.write(root.resolve("all_data.json"), bad);
      DatasetLayoutException e = assertThrows(DatasetLayoutException.class,
          () -> new DailyDvs200().discover(root, DiscoveryOptions.defaults()));
      assertTrue(e.getMessage().contains("all_data.json is not valid JSON"), e.getMessage());
    }
    Files.write(root.resolve("all_data.json"), new byte[0]);
    SampleRef a = new DailyDvs200().discover(root, DiscoveryOptions.defaults()).samples().get(0);
    assertEquals(5, a.metadata().size(), "the file-name fields only: " + a.metadata());
  }
  /**
   * The same line twice in one list is one sample (it was rejected as "2 recordings would share sample id"); a file
   * listed in two splits, or under two actions, is rejected naming its entries, and the others still convert.
   */
  @Test
  void aRepeatedLineCountsOnceAndConflictingEntriesRejectTheRecording(@TempDir Path tmp) throws IOException {
    Path root = writeLayout(tmp);
    Files.writeString(root.resolve("train.txt"), "11_11/3/" + A + " 0\n11_11/3/" + A + " 0\n");
    Discovery twice = new DailyDvs200().discover(root, DiscoveryOptions.defaults());
    assertEquals(3, twice.samples().size());
    assertEquals(List.of(), twice.rejected());
    assertEquals(1, twice.samples().stream().filter(s -> s.source().endsWith(A)).count());

    Files.writeString(root.resolve("train.txt"), "11_11/3/" + A + " 0\naction_011/" + C + " 11\n");
    Discovery twoSplits = new DailyDvs200().discover(root, DiscoveryOptions.defaults());
    assertEquals(List.of("dailydvs200/" + A.replace(".aedat4", "")),
        twoSplits.samples().stream().map(SampleRef::sampleId).filter(id -> id.contains("C0P3")).toList());
    assertEquals(1, twoSplits.rejected().size());
    RejectedInput r = twoSplits.rejected().get(0);
    assertEquals("action_011/" + C, r.source());
    assertEquals("dailydvs200/" + C.replace(".aedat4", ""), r.sampleId());
    assertEquals("listed as train.txt line 2 (action 11) and as test.txt line 1 (action 11): its split or action "
        + "is not known (fix the lists to name it once)", r.reason());

    Files.writeString(root.resolve("train.txt"), "11_11/3/" + A + " 0\n11_11/3/" + A + " 7\n");
    Discovery twoActions = new DailyDvs200().discover(root, DiscoveryOptions.defaults());
    assertEquals(2, twoActions.samples().size());
    assertTrue(twoActions.rejected().get(0).reason().startsWith("listed as train.txt line 1 (action 0) and as "
        + "train.txt line 2 (action 7)"), twoActions.rejected().get(0).reason());
  }
}
