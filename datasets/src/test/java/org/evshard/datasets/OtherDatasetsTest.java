package org.evshard.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR10-DVS, N-CARS and the generic folder on generated folders in their published layouts (empty files). */
class OtherDatasetsTest {

  private static List<String> cifarFiles(String ext, int perClass) {
    List<String> paths = new ArrayList<>();
    for (String c : Cifar10Dvs.CLASSES) {
      for (int i = 0; i < perClass; i++) {
        paths.add(c + "/cifar10_" + c + "_" + i + ext);
      }
    }
    return paths;
  }

  @Test
  void cifar10DvsAedat2ReleaseCarriesTheSpikingJellyAxesAndATenPercentSplit(@TempDir Path root) throws IOException {
    List<String> paths = new ArrayList<>(cifarFiles(".aedat", 20));
    paths.add("README.txt");
    paths.add("cat/notes.txt");
    Fixtures.writeFolder(root, paths);
    Cifar10Dvs cifar = new Cifar10Dvs();

    Discovery found = cifar.discover(root, DiscoveryOptions.defaultsFor(cifar));

    assertEquals(200, found.samples().size());
    assertEquals(List.of("README.txt", "cat/notes.txt"), found.ignored());
    SampleRef s = found.samples().stream().filter(r -> r.sampleId().equals("cifar10dvs/cat/cifar10_cat_7"))
        .findFirst().orElseThrow();
    assertEquals(3, s.label());
    assertEquals("cat/cifar10_cat_7.aedat", s.source());
    assertEquals("aedat2", s.format());
    assertEquals(Map.of("axes", "spikingjelly-cifar10dvs"), s.formatOptions());
    assertEquals(Cifar10Dvs.SENSOR, s.sensor());
    for (String c : Cifar10Dvs.CLASSES) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        names.add("cifar10_" + c + "_" + i + ".aedat");
      }
      Set<String> test = new TreeSet<>();
      found.samples().stream().filter(r -> r.labelName().equals(c) && r.split().equals("test"))
          .forEach(r -> test.add(r.fileName()));
      assertEquals(Fixtures.referenceTestNames(names, 0.1), test, c);
      assertEquals(2, test.size());
    }
    assertEquals(0.1, found.parameters().get("test_fraction"));
  }

  @Test
  void cifar10DvsAedat4ReleaseHasNoAxesOption(@TempDir Path root) throws IOException {
    Fixtures.writeFolder(root, cifarFiles(".aedat4", 2));
    Discovery found = new Cifar10Dvs().discover(root, DiscoveryOptions.defaults());
    assertEquals(20, found.samples().size());
    assertTrue(found.samples().stream().allMatch(r -> r.format().equals("aedat4") && r.formatOptions().isEmpty()));
    assertEquals(9, found.samples().stream().filter(r -> r.labelName().equals("truck")).findFirst().orElseThrow()
        .label());
    assertThrows(DatasetLayoutException.class,
        () -> new Cifar10Dvs().discover(Files.createDirectories(root.resolve("cat")), DiscoveryOptions.defaults()));
  }

  /**
   * airplane.zip extracted into a folder of its own name gives airplane/airplane/*.aedat: the class was dropped
   * without a word (one "ignored" entry). It is read as the class now, as Tonic's walk does; ids are unchanged.
   */
  @Test
  void cifar10DvsClassExtractedOneLevelDeepIsRead(@TempDir Path root) throws IOException {
    List<String> paths = new ArrayList<>();
    for (String f : cifarFiles(".aedat", 3)) {
      paths.add(f.startsWith("airplane/") ? "airplane/" + f : f);
    }
    paths.add("bird/bird/stray.aedat"); // bird/ holds recordings itself: its subfolder stays ignored
    Fixtures.writeFolder(root, paths);
    Discovery found = new Cifar10Dvs().discover(root, DiscoveryOptions.defaultsFor(new Cifar10Dvs()));
    assertEquals(30, found.samples().size());
    SampleRef a = found.samples().stream().filter(r -> r.sampleId().equals("cifar10dvs/airplane/cifar10_airplane_1"))
        .findFirst().orElseThrow();
    assertEquals("airplane/airplane/cifar10_airplane_1.aedat", a.source());
    assertEquals(0, a.label());
    assertEquals(List.of("bird/bird/"), found.ignored());
  }

  @Test
  void nCarsOfficialSplitFolders(@TempDir Path root) throws IOException {
    Fixtures.writeFolder(root, List.of("n-cars_train/cars/obj_004396_td.dat", "n-cars_train/background/obj_000001_td.dat",
        "n-cars_test/cars/obj_000002_td.dat", "n-cars_test/cars/readme.md", "n-cars_test/pedestrians/",
        "Prophesee_Dataset_n_cars.zip"));
    Discovery found = new NCars().discover(root, DiscoveryOptions.defaults());
    assertEquals(List.of("ncars/test/cars/obj_000002_td", "ncars/train/background/obj_000001_td",
        "ncars/train/cars/obj_004396_td"), found.samples().stream().map(SampleRef::sampleId).toList());
    SampleRef car = found.samples().get(2);
    assertEquals("n-cars_train/cars/obj_004396_td.dat", car.source());
    assertEquals("train", car.split());
    assertEquals(1, car.label());
    assertEquals("dat", car.format());
    assertEquals(NCars.SENSOR, car.sensor());
    assertEquals(0, found.samples().get(1).label());
    assertEquals(List.of("Prophesee_Dataset_n_cars.zip", "n-cars_test/cars/readme.md", "n-cars_test/pedestrians/"),
        found.ignored());
    assertThrows(DatasetLayoutException.class, () -> new NCars().discover(root.resolve("n-cars_train"),
        DiscoveryOptions.defaults()));
  }

  /** Extracted one level too deep: no sample, and the nested folder is named (it was a layout error, exit 2). */
  @Test
  void nCarsSplitFoldersWithoutSamplesListWhatWasIgnored(@TempDir Path root) throws IOException {
    Fixtures.writeFolder(root, List.of("n-cars_train/n-cars_train/cars/obj_004396_td.dat"));
    Discovery found = new NCars().discover(root, DiscoveryOptions.defaults());
    assertEquals(List.of(), found.samples());
    assertEquals(List.of("n-cars_train/n-cars_train/"), found.ignored());
    DatasetLayoutException e = assertThrows(DatasetLayoutException.class,
        () -> new NCars().discover(root.resolve("n-cars_train/n-cars_train"), DiscoveryOptions.defaults()));
    assertTrue(e.getMessage().contains("has no n-cars_train/ or n-cars_test/ folder"), e.getMessage());
  }

  @Test
  void genericFolderTakesFormatsFromTheRegistryByExtension(@TempDir Path root) throws IOException {
    Fixtures.writeFolder(root, List.of("walk/a.bin", "walk/b.npy", "walk/c.txt", "walk/d.h5", "walk/e.unknown",
        "run/x.csv", "run/.hidden.bin", "empty/", "notes.txt", "jump/only.unknown"));
    Discovery found = new EventFolder().discover(root, DiscoveryOptions.defaults().withTestFraction(0.0));
    Map<String, String> formats = new java.util.TreeMap<>();
    found.samples().forEach(s -> formats.put(s.sampleId(), s.format() + ":" + s.label() + ":" + s.labelName()));
    assertEquals(Map.of("folder/run/x", "text:0:run", "folder/walk/a", "atis-bin:1:walk",
        "folder/walk/b", "npy:1:walk", "folder/walk/c", "text:1:walk", "folder/walk/d", "hdf5:1:walk"), formats);
    assertTrue(found.samples().stream().allMatch(s -> s.split().equals("train") && s.sensor() == null));
    assertEquals(List.of("empty/", "jump/", "notes.txt", "run/.hidden.bin", "walk/e.unknown"), found.ignored());
    assertEquals(List.of("run", "walk"), found.parameters().get("classes"));
  }
}
