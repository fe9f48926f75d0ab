package org.evshard.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NCaltech101Test {

  private final NCaltech101 caltech = new NCaltech101();

  /** Where the Caltech101 folder sits. */
  enum Form { PARENT_FOLDER, ROOT_IS_FOLDER, ZIP, ZIP_UNDER_TOP_FOLDER }

  /** Class name to number of recordings; listed out of order on purpose. */
  static final Map<String, Integer> CLASSES = new LinkedHashMap<>();

  static {
    CLASSES.put("accordion", 10);
    CLASSES.put("Leopards", 4);
    CLASSES.put("BACKGROUND_Google", 3);
    CLASSES.put("airplanes", 1);
    CLASSES.put("Faces_easy", 7);
  }

  /** Labels by String natural order (upper case first), written out by hand. */
  static final Map<String, Integer> LABELS = Map.of("Faces_easy", 0, "Leopards", 1, "accordion", 2, "airplanes", 3);
  /** The same labels, and the background class after them (not at its String place, 0). */
  static final Map<String, Integer> LABELS_WITH_BACKGROUND =
      Map.of("Faces_easy", 0, "Leopards", 1, "accordion", 2, "airplanes", 3, "BACKGROUND_Google", 4);

  static List<String> names(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      names.add(String.format("image_%04d.bin", i));
    }
    return names;
  }

  /** Paths below the Caltech101 folder. */
  static List<String> recordings() {
    List<String> paths = new ArrayList<>();
    CLASSES.forEach((c, n) -> names(n).forEach(name -> paths.add(c + "/" + name)));
    return paths;
  }

  /** Writes the layout and returns the root to discover. */
  static Path write(Path tmp, Form form, List<String> paths) throws IOException {
    switch (form) {
      case PARENT_FOLDER -> Fixtures.writeFolder(tmp, Fixtures.under("Caltech101/", paths));
      case ROOT_IS_FOLDER -> {
        Fixtures.writeFolder(tmp.resolve("Caltech101"), paths);
        return tmp.resolve("Caltech101");
      }
      case ZIP -> Fixtures.writeZip(tmp.resolve("Caltech101.zip"), Fixtures.under("Caltech101/", paths));
      case ZIP_UNDER_TOP_FOLDER -> Fixtures.writeZip(tmp.resolve("Caltech101.zip"),
          Fixtures.under("N-Caltech101/Caltech101/", paths));
    }
    return tmp;
  }

  static String prefix(Form form) {
    return switch (form) {
      case PARENT_FOLDER -> "Caltech101/";
      case ROOT_IS_FOLDER -> "";
      case ZIP -> "Caltech101.zip!/Caltech101/";
      case ZIP_UNDER_TOP_FOLDER -> "Caltech101.zip!/N-Caltech101/Caltech101/";
    };
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void discoversClassesLabelsAndStratifiedSplits(Form form, @TempDir Path tmp) throws IOException {
    Path root = write(tmp, form, recordings());

    Discovery found = caltech.discover(root, DiscoveryOptions.defaults().withTestFraction(0.25));

    List<String> expectedIds = new ArrayList<>();
    CLASSES.forEach((c, n) -> {
      if (!c.equals("BACKGROUND_Google")) {
        names(n).forEach(name -> expectedIds.add("ncaltech101/" + c + "/" + name.replace(".bin", "")));
      }
    });
    expectedIds.sort(null);
    assertEquals(expectedIds, found.samples().stream().map(SampleRef::sampleId).toList());
    assertEquals(List.of(prefix(form) + "BACKGROUND_Google/"), found.ignored());
    for (SampleRef s : found.samples()) {
      assertEquals(LABELS.get(s.labelName()), s.label(), s.sampleId());
      assertEquals(prefix(form) + s.labelName() + "/" + s.fileName(), s.source());
      assertNull(s.sensor());
      assertEquals("atis-bin", s.format());
    }
    for (String c : LABELS.keySet()) {
      Set<String> test = new TreeSet<>();
      found.samples().stream().filter(s -> s.labelName().equals(c) && s.split().equals("test"))
          .forEach(s -> test.add(s.fileName()));
      assertEquals(Fixtures.referenceTestNames(names(CLASSES.get(c)), 0.25), test, c);
      assertTrue(found.samples().stream().filter(s -> s.labelName().equals(c))
          .allMatch(s -> s.split().equals("test") || s.split().equals("train")));
    }
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void backgroundIsAClassWhenIncluded(Form form, @TempDir Path tmp) throws IOException {
    Path root = write(tmp, form, recordings());

    Discovery found = caltech.discover(root, DiscoveryOptions.defaults().withIncludeBackground(true));

    assertEquals(List.of(), found.ignored());
    assertEquals(25, found.samples().size());
    for (SampleRef s : found.samples()) {
      assertEquals(LABELS_WITH_BACKGROUND.get(s.labelName()), s.label(), s.sampleId());
    }
    assertEquals(true, found.parameters().get("include_background"));
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void includingBackgroundKeepsEveryObjectLabelAndGivesBackgroundTheNext(Form form, @TempDir Path tmp)
      throws IOException {
    Path root = write(tmp, form, recordings());

    Map<String, Integer> without = new TreeMap<>();
    caltech.discover(root, DiscoveryOptions.defaults()).samples().forEach(s -> without.put(s.sampleId(), s.label()));
    Map<String, Integer> with = new TreeMap<>();
    caltech.discover(root, DiscoveryOptions.defaults().withIncludeBackground(true)).samples()
        .forEach(s -> with.put(s.sampleId(), s.label()));

    Map<String, Integer> background = new TreeMap<>(with);
    background.keySet().removeAll(without.keySet());
    with.keySet().retainAll(without.keySet());
    assertEquals(without, with, "object class labels with and without the background class");
    int objectClasses = (int) without.values().stream().distinct().count();
    assertEquals(4, objectClasses);
    assertEquals(CLASSES.get("BACKGROUND_Google"), background.size());
    assertTrue(background.keySet().stream().allMatch(id -> id.startsWith("ncaltech101/BACKGROUND_Google/")));
    assertTrue(background.values().stream().allMatch(label -> label == objectClasses), background.toString());
  }

  @Test
  void withAHundredAndOneObjectClassesBackgroundIsLabel101(@TempDir Path tmp) throws IOException {
    List<String> paths = new ArrayList<>();
    paths.add("BACKGROUND_Google/image_0001.bin");
    for (int i = 0; i < 100; i++) {
      paths.add(String.format("class_%03d/image_0001.bin", i));
    }
    paths.add("accordion/image_0001.bin");
    Path root = write(tmp, Form.PARENT_FOLDER, paths);
    Map<String, Integer> labels = new TreeMap<>();
    caltech.discover(root, DiscoveryOptions.defaults().withIncludeBackground(true)).samples()
        .forEach(s -> labels.put(s.labelName(), s.label()));
    assertEquals(102, labels.size());
    assertEquals(0, labels.get("accordion"));
    assertEquals(1, labels.get("class_000"));
    assertEquals(101, labels.get("BACKGROUND_Google"));
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void isDeterministicAndIndependentOfCreationOrder(Form form, @TempDir Path tmp) throws IOException {
    Path a = write(Files.createDirectories(tmp.resolve("a")), form, recordings());
    Path b = write(Files.createDirectories(tmp.resolve("b")), form, Fixtures.shuffled(recordings(), 7));

    Discovery first = caltech.discover(a, DiscoveryOptions.defaults());
    assertEquals(first, caltech.discover(a, DiscoveryOptions.defaults()));
    assertEquals(first, caltech.discover(b, DiscoveryOptions.defaults()));
  }

  @Test
  void splitDependsOnFileNamesNotOnLayout(@TempDir Path tmp) throws IOException {
    Path folders = write(Files.createDirectories(tmp.resolve("f")), Form.PARENT_FOLDER, recordings());
    Path zipped = write(Files.createDirectories(tmp.resolve("z")), Form.ZIP_UNDER_TOP_FOLDER, recordings());

    Map<String, String> a = new LinkedHashMap<>();
    caltech.discover(folders, DiscoveryOptions.defaults()).samples().forEach(s -> a.put(s.sampleId(), s.split()));
    Map<String, String> b = new LinkedHashMap<>();
    caltech.discover(zipped, DiscoveryOptions.defaults()).samples().forEach(s -> b.put(s.sampleId(), s.split()));
    assertEquals(a, b);
  }

  @Test
  void fractionZeroPutsEverythingInTrain(@TempDir Path tmp) throws IOException {
    Path root = write(tmp, Form.PARENT_FOLDER, recordings());
    Discovery found = caltech.discover(root, DiscoveryOptions.defaults().withTestFraction(0.0));
    assertTrue(found.samples().stream().allMatch(s -> s.split().equals("train")));
    assertEquals(0.0, found.parameters().get("test_fraction"));
  }

  @Test
  void annotationsJunkEmptyClassesAndRecordingNamedDirectories(@TempDir Path root) throws IOException {
    Fixtures.writeFolder(root, List.of("Caltech101/accordion/image_0001.bin", "Caltech101/accordion/image_0002.bin/",
        "Caltech101/accordion/.DS_Store", "Caltech101/empty/", "Caltech101/README.txt",
        "Caltech101_annotations/accordion/annotation_0001.bin", "Caltech101_annotations.zip", ".DS_Store"));

    Discovery found = caltech.discover(root, DiscoveryOptions.defaults());

    assertEquals(List.of("ncaltech101/accordion/image_0001", "ncaltech101/accordion/image_0002"),
        found.samples().stream().map(SampleRef::sampleId).toList());
    // an empty folder is a class without recordings yet (it keeps its label), no longer ignored
    assertEquals(List.of(".DS_Store", "Caltech101/README.txt", "Caltech101/accordion/.DS_Store",
        "Caltech101_annotations.zip", "Caltech101_annotations/"), found.ignored());
    assertEquals(List.of("accordion", "empty"), found.parameters().get("classes"));
    assertEquals(List.of("empty"), found.parameters().get("empty_classes"));
  }

  /** Caltech101.zip extracted into a folder of its own name (an unzip tool's default): read, ids unchanged. */
  @Test
  void theZipExtractedIntoAFolderOfItsNameIsRead(@TempDir Path root) throws IOException {
    Fixtures.writeFolder(root, List.of("Caltech101/Caltech101/accordion/image_0001.bin",
        "Caltech101/Caltech101/airplanes/image_0001.bin", "Caltech101/Caltech101/airplanes/image_0002.bin",
        "Caltech101/__MACOSX/"));
    Discovery found = caltech.discover(root, DiscoveryOptions.defaults());
    assertEquals(List.of("ncaltech101/accordion/image_0001", "ncaltech101/airplanes/image_0001",
        "ncaltech101/airplanes/image_0002"), found.samples().stream().map(SampleRef::sampleId).toList());
    assertEquals(List.of(0, 1, 1), found.samples().stream().map(SampleRef::label).toList());
    assertEquals("Caltech101/Caltech101/airplanes/image_0002.bin", found.samples().get(2).source());
    assertEquals(List.of("accordion", "airplanes"), found.parameters().get("classes"));
    assertEquals(List.of("Caltech101/__MACOSX/"), found.ignored());
  }

  /** Class folders both beside and inside the nested copy: one set was left out silently, exit 0. */
  @Test
  void classesBothBesideAndInsideTheNestedFolderAreALayoutError(@TempDir Path root) throws IOException {
    Fixtures.writeFolder(root, List.of("Caltech101/Caltech101/chair/image_0001.bin",
        "Caltech101/zebra/image_0001.bin"));
    DatasetLayoutException e = assertThrows(DatasetLayoutException.class,
        () -> caltech.discover(root, DiscoveryOptions.defaults()));
    assertTrue(e.getMessage().contains("holds class folders both in Caltech101/ (e.g. zebra/) and in "
        + "Caltech101/Caltech101/; keep one of the two"), e.getMessage());
  }

  @Test
  void theAnnotationsFolderAsRootIsALayoutError(@TempDir Path tmp) throws IOException {
    Fixtures.writeFolder(tmp, List.of("Caltech101_annotations/accordion/annotation_0001.bin"));
    DatasetLayoutException e = assertThrows(DatasetLayoutException.class,
        () -> caltech.discover(tmp.resolve("Caltech101_annotations"), DiscoveryOptions.defaults()));
    assertTrue(e.getMessage().contains("annotations"), e.getMessage());
  }

  @Test
  void layoutErrorsNameTheExpectedLayout(@TempDir Path tmp) throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    DatasetLayoutException none = assertThrows(DatasetLayoutException.class,
        () -> caltech.discover(empty, DiscoveryOptions.defaults()));
    assertTrue(none.getMessage().contains("Caltech101/<class>/image_NNNN.bin"), none.getMessage());

    Path onlyTrain = Files.createDirectories(tmp.resolve("nmnist"));
    Fixtures.writeFolder(onlyTrain, List.of("Train/1/00001.bin"));
    assertThrows(DatasetLayoutException.class, () -> caltech.discover(onlyTrain, DiscoveryOptions.defaults()));

    Path badZip = Files.createDirectories(tmp.resolve("zip"));
    Fixtures.writeZip(badZip.resolve("Caltech101.zip"), List.of("Caltech101.zip", "Caltech101_annotations.zip"));
    DatasetLayoutException nested = assertThrows(DatasetLayoutException.class,
        () -> caltech.discover(badZip, DiscoveryOptions.defaults()));
    assertTrue(nested.getMessage().contains("without a Caltech101/ folder"), nested.getMessage());
  }

  /**
   * A class folder left empty (an interrupted extraction) was skipped, and every later class moved down one label
   * (ant 6 -> 5). It keeps its label now, and the manifest's parameters hold the label table and the empty classes.
   */
  @Test
  void anEmptyClassFolderKeepsItsLabelAndTheTableIsRecorded(@TempDir Path tmp) throws IOException {
    Path root = write(tmp, Form.PARENT_FOLDER, recordings());
    Files.createDirectories(root.resolve("Caltech101/Motorbikes")); // between Leopards and accordion
    Discovery found = caltech.discover(root, DiscoveryOptions.defaults());
    Map<String, Integer> labels = new TreeMap<>();
    found.samples().forEach(s -> labels.put(s.labelName(), s.label()));
    assertEquals(Map.of("Faces_easy", 0, "Leopards", 1, "accordion", 3, "airplanes", 4), labels);
    assertEquals(List.of("Faces_easy", "Leopards", "Motorbikes", "accordion", "airplanes"),
        found.parameters().get("classes"));
    assertEquals(List.of("Motorbikes"), found.parameters().get("empty_classes"));
    Discovery complete = caltech.discover(write(tmp.resolve("complete"), Form.PARENT_FOLDER, recordings()),
        DiscoveryOptions.defaults());
    assertEquals(List.of("Faces_easy", "Leopards", "accordion", "airplanes"), complete.parameters().get("classes"));
    assertTrue(!complete.parameters().containsKey("empty_classes"));
  }

  /** A partly extracted Caltech101/ beside the complete Caltech101.zip: accordion vanished (and labels moved). */
  @Test
  void samplesOnlyInTheZipBesideAPartlyExtractedFolderAreRejected(@TempDir Path root) throws IOException {
    Fixtures.writeFolder(root, List.of("Caltech101/airplanes/image_0001.bin"));
    Fixtures.writeZip(root.resolve("Caltech101.zip"), List.of("Caltech101/airplanes/image_0001.bin",
        "Caltech101/accordion/image_0001.bin"));
    Discovery found = caltech.discover(root, DiscoveryOptions.defaults());
    assertEquals(List.of("ncaltech101/airplanes/image_0001"),
        found.samples().stream().map(SampleRef::sampleId).toList());
    assertEquals(List.of("ncaltech101/accordion/image_0001"),
        found.rejected().stream().map(RejectedInput::sampleId).toList());
    assertTrue(found.rejected().get(0).reason().startsWith("in Caltech101.zip but not in the extracted Caltech101/"),
        found.rejected().get(0).reason());
    assertEquals(List.of("Caltech101.zip"), found.ignored());
  }
}
