package org.evshard.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DVS128 Gesture discovery on generated folders in the published layout, with the real label and mapping files. */
class DvsGestureTest {

  private static final String LABELS = "fixtures/events/aedat31/user01_natural_labels.csv";
  private static final String MAPPING = "fixtures/events/aedat31/ugurcancakal_DVSGesture_synthetic/gesture_mapping.csv";

  private final DvsGesture gesture = new DvsGesture();

  /** DvsGesture/ with user01_natural (real label file) in train and user29_led in test; recordings are empty. */
  private static Path writeLayout(Path tmp) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("DvsGesture"));
    Files.copy(org.evshard.io.Fixtures.file(LABELS), dir.resolve("user01_natural_labels.csv"));
    Files.copy(org.evshard.io.Fixtures.file(MAPPING), dir.resolve("gesture_mapping.csv"));
    Files.writeString(dir.resolve("user29_led_labels.csv"), "class,startTime_usec,endTime_usec\n11,100,250\n3,300,400\n");
    for (String f : List.of("user01_natural.aedat", "user29_led.aedat", "user02_lab.aedat", "README.txt")) {
      Files.createFile(dir.resolve(f));
    }
    Files.writeString(dir.resolve("trials_to_train.txt"), "user01_natural.aedat\n");
    Files.writeString(dir.resolve("trials_to_test.txt"), "user29_led.aedat\n\n");
    return tmp;
  }

  @Test
  void eachLabelledIntervalOfTheRealLabelFileIsOneSample(@TempDir Path tmp) throws IOException {
    Discovery found = gesture.discover(writeLayout(tmp), DiscoveryOptions.defaults());

    List<SampleRef> user01 = found.samples().stream().filter(s -> s.source().contains("user01")).toList();
    assertEquals(12, user01.size(), "the real label file has 12 intervals");
    SampleRef first = user01.get(0);
    assertEquals("dvsgesture/user01_natural/00", first.sampleId());
    assertEquals("DvsGesture/user01_natural.aedat", first.source());
    assertEquals("train", first.split());
    assertEquals(0, first.label());
    assertEquals("hand_clapping", first.labelName());
    assertEquals(53036986, first.timeWindowStartUs());
    assertEquals(59508469, first.timeWindowEndUs());
    assertEquals("aedat31", first.format());
    assertEquals(DvsGesture.SENSOR, first.sensor());
    // row 4 of the file is "5,87200306,97835393": label 4, a name with a trailing space in the csv, trimmed
    SampleRef fourth = user01.get(3);
    assertEquals(4, fourth.label());
    assertEquals("right_arm_counter_clockwise", fourth.labelName());
    assertEquals(87200306, fourth.timeWindowStartUs());
    // class 8 (arm_roll) has two intervals, ids 07 and 08
    assertEquals(List.of(7, 7), List.of(user01.get(7).label(), user01.get(8).label()));
    assertEquals("dvsgesture/user01_natural/11", user01.get(11).sampleId());
    assertEquals(10, user01.get(11).label());

    List<SampleRef> user29 = found.samples().stream().filter(s -> s.source().contains("user29")).toList();
    assertEquals(List.of("test", "test"), user29.stream().map(SampleRef::split).toList());
    assertEquals("other_gestures", user29.get(0).labelName());
    assertEquals(List.of("DvsGesture/README.txt", "DvsGesture/user02_lab.aedat"), found.ignored());
  }

  @Test
  void theBuiltInNamesMatchTheRealMappingFile(@TempDir Path tmp) throws IOException {
    assertEquals(DvsGesture.CLASS_NAMES, DvsGesture.classNames(tmp, org.evshard.io.Fixtures.file(MAPPING)));
  }

  @Test
  void theContentOfDvsGestureMayBeTheRootAndTheMappingIsOptional(@TempDir Path tmp) throws IOException {
    Path dir = writeLayout(tmp).resolve("DvsGesture");
    Files.delete(dir.resolve("gesture_mapping.csv"));
    Discovery inside = gesture.discover(dir, DiscoveryOptions.defaults());
    assertEquals(14, inside.samples().size());
    assertEquals("user01_natural.aedat", inside.samples().get(0).source());
    assertEquals("hand_clapping", inside.samples().get(0).labelName());
  }

  /** A recording with a bad or missing labels file is rejected on its own, with the reason; the others remain. */
  @Test
  void badLabelRowsAndMissingLabelFilesRejectThatRecordingOnly(@TempDir Path tmp) throws IOException {
    Path root = writeLayout(tmp);
    int all = gesture.discover(root, DiscoveryOptions.defaults()).samples().size();
    int user29 = (int) gesture.discover(root, DiscoveryOptions.defaults()).samples().stream()
        .filter(s -> s.source().contains("user29")).count();
    Path csv = root.resolve("DvsGesture/user29_led_labels.csv");
    Files.writeString(csv, "class,startTime_usec,endTime_usec\n12,1,2\n");
    Discovery bad = gesture.discover(root, DiscoveryOptions.defaults());
    assertEquals(all - user29, bad.samples().size());
    assertEquals(1, bad.rejected().size());
    RejectedInput r = bad.rejected().get(0);
    assertEquals("DvsGesture/user29_led.aedat", r.source());
    assertEquals("dvsgesture/user29_led", r.sampleId());
    assertTrue(r.reason().contains("user29_led_labels.csv line 2 '12,1,2'"), r.reason());
    Files.writeString(csv, "class,startTime_usec,endTime_usec\n1,5,5\n");
    assertTrue(gesture.discover(root, DiscoveryOptions.defaults()).rejected().get(0).reason().contains("start < end"));
    // one window listed twice under two classes (or overlapping) gave the same events to two samples
    Files.writeString(csv, "class,startTime_usec,endTime_usec\n3,500,900\n1,0,100\n2,100,600\n");
    Discovery overlapping = gesture.discover(root, DiscoveryOptions.defaults());
    assertEquals(all - user29, overlapping.samples().size());
    assertEquals("DvsGesture/user29_led_labels.csv line 2 (class 3, [500, 900) us) overlaps line 4 (class 2, "
        + "[100, 600) us): an event would belong to two samples", overlapping.rejected().get(0).reason().substring(
        overlapping.rejected().get(0).reason().indexOf("DvsGesture/user29_led_labels.csv line")));
    Files.writeString(csv, "class,startTime_usec,endTime_usec\n1,0,100\n2,100,600\n"); // touching is fine
    assertEquals(all - user29 + 2, gesture.discover(root, DiscoveryOptions.defaults()).samples().size());
    Files.delete(csv);
    Discovery missing = gesture.discover(root, DiscoveryOptions.defaults());
    assertEquals(all - user29, missing.samples().size());
    assertTrue(missing.rejected().get(0).reason().contains("DvsGesture/user29_led_labels.csv is missing"),
        missing.rejected().get(0).reason());
    assertTrue(missing.samples().stream().noneMatch(s -> s.source().contains("user29")));
  }

  @Test
  void aRootWithoutTrialListsIsALayoutError(@TempDir Path tmp) {
    DatasetLayoutException e = assertThrows(DatasetLayoutException.class,
        () -> gesture.discover(tmp, DiscoveryOptions.defaults()));
    assertTrue(e.getMessage().contains("trials_to_train.txt"), e.getMessage());
  }

  /**
   * A trial listed twice in one list is one trial (the whole run was refused, "in more than one trial list"); one in
   * both lists is refused naming both files.
   */
  @Test
  void aTrialRepeatedInOneListCountsOnceAndOneInBothListsIsNamed(@TempDir Path tmp) throws IOException {
    Path root = writeLayout(tmp);
    Path dir = root.resolve("DvsGesture");
    Files.writeString(dir.resolve("trials_to_train.txt"), "user01_natural.aedat\nuser01_natural.aedat\n");
    Discovery found = gesture.discover(root, DiscoveryOptions.defaults());
    assertEquals(12, found.samples().stream().filter(s -> s.source().contains("user01")).count());
    Files.writeString(dir.resolve("trials_to_test.txt"), "user29_led.aedat\nuser01_natural.aedat\n");
    DatasetLayoutException e = assertThrows(DatasetLayoutException.class,
        () -> gesture.discover(root, DiscoveryOptions.defaults()));
    assertTrue(e.getMessage().contains("lists user01_natural.aedat in both trials_to_train.txt and "
        + "trials_to_test.txt"), e.getMessage());
  }
  /** A label file with only its header gave no sample and no rejection: the recording vanished from the counts. */
  @Test
  void aLabelFileWithOnlyItsHeaderRejectsItsRecording(@TempDir Path tmp) throws IOException {
    Path root = writeLayout(tmp);
    Files.writeString(root.resolve("DvsGesture/user29_led_labels.csv"), "class,startTime_usec,endTime_usec\r\n");
    Discovery found = gesture.discover(root, DiscoveryOptions.defaults());
    assertEquals(12, found.samples().size());
    assertEquals(1, found.rejected().size());
    RejectedInput r = found.rejected().get(0);
    assertEquals("DvsGesture/user29_led.aedat", r.source());
    assertTrue(r.reason().contains("DvsGesture/user29_led_labels.csv lists no labelled interval"), r.reason());
  }

  /** DvsGesture/ was only found below the root when it held trials_to_train.txt. */
  @Test
  void aDvsGestureFolderWithOnlyTheTestListIsFound(@TempDir Path tmp) throws IOException {
    Path root = writeLayout(tmp);
    Files.delete(root.resolve("DvsGesture/trials_to_train.txt"));
    Discovery found = gesture.discover(root, DiscoveryOptions.defaults());
    assertEquals(List.of("test", "test"), found.samples().stream().map(SampleRef::split).toList());
    assertEquals("DvsGesture/user29_led.aedat", found.samples().get(0).source());
  }

  /** --file-list: the trial lists named every recording, listed or not; now an unlisted file is not seen. */
  @Test
  void aFileListRestrictsTheRecordingsAndTheFilesRead(@TempDir Path tmp) throws IOException {
    Path root = writeLayout(tmp);
    List<String> listed = List.of("DvsGesture/trials_to_train.txt", "DvsGesture/trials_to_test.txt",
        "DvsGesture/user29_led.aedat", "DvsGesture/user29_led_labels.csv", "DvsGesture/user01_natural.aedat");
    Discovery found = gesture.discover(root, DiscoveryOptions.defaults().withListing(FileListing.of(listed)));
    assertEquals(List.of("dvsgesture/user29_led/00", "dvsgesture/user29_led/01"),
        found.samples().stream().map(SampleRef::sampleId).toList());
    // user01's labels are on disk but not listed: rejected as missing, as without the list
    assertEquals(1, found.rejected().size());
    assertTrue(found.rejected().get(0).reason().contains("user01_natural_labels.csv is missing"),
        found.rejected().get(0).reason());
    // the mapping is on disk but not listed: the built-in names
    assertEquals("other_gestures", found.samples().get(0).labelName());
    assertEquals(List.of(), found.ignored());
    // without trial lists in the list, the layout is not found, whatever the disk holds
    DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> gesture.discover(root,
        DiscoveryOptions.defaults().withListing(FileListing.of(List.of("DvsGesture/user29_led.aedat")))));
    assertTrue(e.getMessage().contains("has no trials_to_train.txt or trials_to_test.txt"), e.getMessage());
  }

  /** A trial the lists name but a stale --file-list leaves out vanished (no sample, no rejection: a whole split). */
  @Test
  void aNamedTrialTheFileListLeavesOutIsRejected(@TempDir Path tmp) throws IOException {
    Path root = writeLayout(tmp);
    List<String> listed = List.of("DvsGesture/trials_to_train.txt", "DvsGesture/trials_to_test.txt",
        "DvsGesture/user01_natural.aedat", "DvsGesture/user01_natural_labels.csv");
    Discovery found = gesture.discover(root, DiscoveryOptions.defaults().withListing(FileListing.of(listed)));
    assertEquals(List.of("train"), found.samples().stream().map(SampleRef::split).distinct().toList());
    assertEquals(1, found.rejected().size());
    assertEquals("dvsgesture/user29_led", found.rejected().get(0).sampleId());
    assertEquals("the trial lists name user29_led.aedat but the --file-list does not list "
        + "DvsGesture/user29_led.aedat (a stale or partial list?)", found.rejected().get(0).reason());
  }

  /**
   * A label file re-saved by a spreadsheet (header Class,StartTime_usec,...) or by pandas (1.0,100000.0,...) rejected
   * its recording with a reason that read like a data error; both are read now, as np.loadtxt reads them. A
   * fraction is still refused, and the reason says whole numbers are expected.
   */
  @Test
  void aResavedLabelFileIsRead(@TempDir Path tmp) throws IOException {
    Path csv = Files.writeString(tmp.resolve("u_labels.csv"), "Class,StartTime_usec,EndTime_usec\n1.0,100.0,900\n"
        + "3,1000,2000.00\n");
    List<long[]> rows = DvsGesture.readLabels(tmp, csv, "u_labels.csv");
    assertEquals(2, rows.size());
    assertEquals(List.of(1L, 100L, 900L), java.util.Arrays.stream(rows.get(0)).boxed().toList());
    assertEquals(List.of(3L, 1000L, 2000L), java.util.Arrays.stream(rows.get(1)).boxed().toList());
    Files.writeString(csv, "class,startTime_usec,endTime_usec\n1,100.5,900\n");
    DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DvsGesture.readLabels(tmp, csv,
        "u_labels.csv"));
    assertTrue(e.getMessage().contains("u_labels.csv line 2 '1,100.5,900' is not class (1..11),startTime_usec,"
        + "endTime_usec: three whole numbers >= 0 with start < end"), e.getMessage());
  }

  /** A root holding only the download (DvsGesture.tar.gz) gave a layout error that did not mention the archive. */
  @Test
  void aLayoutErrorNamesTheArchivesTheRootHolds(@TempDir Path tmp) throws IOException {
    Files.createFile(tmp.resolve("DvsGesture.tar.gz"));
    DatasetLayoutException e = assertThrows(DatasetLayoutException.class,
        () -> gesture.discover(tmp, DiscoveryOptions.defaults()));
    assertTrue(e.getMessage().endsWith(". The root holds the archive DvsGesture.tar.gz; only the zips the layout names "
        + "are read unextracted: extract the others into the root"), e.getMessage());
    assertEquals("has no trials_to_train.txt or trials_to_test.txt listing recordings", e.problem());
  }
}
