package org.evshard.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.evshard.io.events.SensorGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NMnistTest {

  private final NMnist nmnist = new NMnist();

  /** How the two splits are stored under the root. */
  enum Form { FOLDERS, ZIPS, ZIPS_UNDER_TOP_FOLDER, MIXED }

  /** Train: 3 recordings per digit, Test: 2, with gaps in the numbering like the real corpus. */
  static List<String> recordings() {
    List<String> paths = new ArrayList<>();
    for (int d = 0; d <= 9; d++) {
      for (int i = 0; i < 3; i++) {
        paths.add("Train/" + d + "/" + String.format("%05d", 7 * i + d + 1) + ".bin");
      }
      for (int i = 0; i < 2; i++) {
        paths.add("Test/" + d + "/" + String.format("%05d", 11 * i + d + 2) + ".bin");
      }
    }
    return paths;
  }

  static void write(Path root, Form form, List<String> paths) throws IOException {
    List<String> train = paths.stream().filter(p -> p.startsWith("Train/")).toList();
    List<String> test = paths.stream().filter(p -> p.startsWith("Test/")).toList();
    switch (form) {
      case FOLDERS -> Fixtures.writeFolder(root, paths);
      case ZIPS -> {
        Fixtures.writeZip(root.resolve("Train.zip"), withDirectoryEntries(train));
        Fixtures.writeZip(root.resolve("Test.zip"), withDirectoryEntries(test));
      }
      case ZIPS_UNDER_TOP_FOLDER -> {
        Fixtures.writeZip(root.resolve("Train.zip"), Fixtures.under("N-MNIST/", train));
        Fixtures.writeZip(root.resolve("Test.zip"), Fixtures.under("N-MNIST/", test));
      }
      case MIXED -> {
        Fixtures.writeFolder(root, train);
        Fixtures.writeZip(root.resolve("Test.zip"), test);
      }
    }
  }

  private static List<String> withDirectoryEntries(List<String> files) {
    List<String> all = new ArrayList<>();
    for (String f : files) {
      String dir = f.substring(0, f.lastIndexOf('/') + 1);
      String top = f.substring(0, f.indexOf('/') + 1);
      if (!all.contains(top)) {
        all.add(top);
      }
      if (!all.contains(dir)) {
        all.add(dir);
      }
      all.add(f);
    }
    return all;
  }

  /** The source the test expects for a recording stored in {@code form}. */
  static String expectedSource(Form form, String path) {
    String zip = path.substring(0, path.indexOf('/')) + ".zip!/";
    return switch (form) {
      case FOLDERS -> path;
      case ZIPS -> zip + path;
      case ZIPS_UNDER_TOP_FOLDER -> zip + "N-MNIST/" + path;
      case MIXED -> path.startsWith("Train/") ? path : zip + path;
    };
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void discoversEveryRecordingWithLabelSplitAndId(Form form, @TempDir Path root) throws IOException {
    List<String> paths = recordings();
    write(root, form, paths);

    Discovery found = nmnist.discover(root, DiscoveryOptions.defaults());

    Map<String, String> expectedIdToPath = new TreeMap<>();
    for (String p : paths) {
      expectedIdToPath.put("nmnist/" + p.substring(0, p.length() - ".bin".length()), p);
    }
    assertEquals(List.copyOf(expectedIdToPath.keySet()), found.samples().stream().map(SampleRef::sampleId).toList());
    assertEquals(List.of(), found.ignored());
    for (SampleRef s : found.samples()) {
      String path = expectedIdToPath.get(s.sampleId());
      String[] parts = path.split("/");
      assertEquals(Integer.parseInt(parts[1]), s.label(), path);
      assertEquals(parts[1], s.labelName());
      assertEquals(parts[0].equals("Train") ? "train" : "test", s.split());
      assertEquals(expectedSource(form, path), s.source());
      assertEquals("nmnist", s.dataset());
      assertEquals("atis-bin", s.format());
      assertEquals(new SensorGeometry(34, 34), s.sensor());
      if (s.inArchive()) {
        assertEquals(s.source(), s.archive() + "!/" + s.entry());
        assertTrue(s.entry().endsWith(path), s.entry());
      } else {
        assertNull(s.entry());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void isDeterministicAndIndependentOfCreationOrder(Form form, @TempDir Path tmp) throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Files.createDirectories(a);
    Files.createDirectories(b);
    write(a, form, recordings());
    write(b, form, Fixtures.shuffled(recordings(), 42));

    Discovery first = nmnist.discover(a, DiscoveryOptions.defaults());
    assertEquals(first, nmnist.discover(a, DiscoveryOptions.defaults()));
    assertEquals(first, nmnist.discover(b, DiscoveryOptions.defaults()));
  }

  @Test
  void returnsDirectoriesNamedLikeRecordingsAndListsJunk(@TempDir Path root) throws IOException {
    Fixtures.writeFolder(root, List.of("Train/3/00012.bin", "Train/3/00099.bin/", "Train/4/00100.bin/inner.txt",
        "Train/3/notes.txt", "Train/3/._00012.bin", "Train/3/.DS_Store", "Train/extra/00001.bin", "Train/README.txt",
        ".DS_Store", "README.txt", "Test/0/00001.bin"));

    Discovery found = nmnist.discover(root, DiscoveryOptions.defaults());

    assertEquals(List.of("nmnist/Test/0/00001", "nmnist/Train/3/00012", "nmnist/Train/3/00099",
        "nmnist/Train/4/00100"), found.samples().stream().map(SampleRef::sampleId).toList());
    assertEquals(List.of(".DS_Store", "README.txt", "Train/3/.DS_Store", "Train/3/._00012.bin", "Train/3/notes.txt",
        "Train/README.txt", "Train/extra/"), found.ignored());
  }

  @Test
  void returnsDirectoryEntriesOfZipsNamedLikeRecordingsAndListsZipJunk(@TempDir Path root) throws IOException {
    Fixtures.writeZip(root.resolve("Train.zip"), List.of("Train/3/00012.bin", "Train/3/00099.bin/",
        "Train/4/00100.bin/inner.txt", "__MACOSX/Train/3/._00012.bin", "Train/3/Thumbs.db", "readme.md"));

    Discovery found = nmnist.discover(root, DiscoveryOptions.defaults());

    assertEquals(List.of("nmnist/Train/3/00012", "nmnist/Train/3/00099", "nmnist/Train/4/00100"),
        found.samples().stream().map(SampleRef::sampleId).toList());
    assertEquals(List.of("Train.zip!/Train/3/Thumbs.db", "Train.zip!/__MACOSX/", "Train.zip!/readme.md"),
        found.ignored());
  }

  @Test
  void aFolderWinsOverTheSameSplitsZipWhichIsListedAsIgnored(@TempDir Path root) throws IOException {
    List<String> train = List.of("Train/1/00001.bin", "Train/2/00002.bin");
    Fixtures.writeFolder(root, train);
    Fixtures.writeZip(root.resolve("Train.zip"), train);

    Discovery found = nmnist.discover(root, DiscoveryOptions.defaults());

    assertEquals(List.of("Train/1/00001.bin", "Train/2/00002.bin"),
        found.samples().stream().map(SampleRef::source).toList());
    assertEquals(List.of("Train.zip"), found.ignored());
    assertEquals("Train/", found.parameters().get("train_source"));
  }

  /**
   * A partly extracted Train/ beside the complete Train.zip: the samples only in the zip vanished with exit 0 (an
   * empty Train/ gave 0 samples). The folder is still read; each sample only in the zip is rejected, naming it.
   */
  @Test
  void samplesOnlyInTheZipBesideAPartlyExtractedFolderAreRejected(@TempDir Path root) throws IOException {
    Fixtures.writeFolder(root, List.of("Train/1/00001.bin"));
    Fixtures.writeZip(root.resolve("Train.zip"), List.of("Train/1/00001.bin", "Train/5/00004.bin",
        "Train/5/00007.bin"));

    Discovery found = nmnist.discover(root, DiscoveryOptions.defaults());

    assertEquals(List.of("Train/1/00001.bin"), found.samples().stream().map(SampleRef::source).toList());
    assertEquals(List.of("nmnist/Train/5/00004", "nmnist/Train/5/00007"),
        found.rejected().stream().map(RejectedInput::sampleId).toList());
    assertEquals("Train.zip!/Train/5/00004.bin", found.rejected().get(0).source());
    assertEquals("in Train.zip but not in the extracted Train/ beside it, which is read (an interrupted "
        + "extraction?): finish the extraction, or remove Train/ to read the zip", found.rejected().get(0).reason());
    assertEquals(List.of("Train.zip"), found.ignored());
  }

  /** Tonic saves the archives as train.zip / test.zip: refused as "no Train.zip or Test.zip". */
  @Test
  void tonicsLowerCaseArchiveAndFolderNamesAreRead(@TempDir Path root) throws IOException {
    Fixtures.writeZip(root.resolve("train.zip"), List.of("Train/1/00001.bin", "Train/2/00002.bin"));
    Fixtures.writeFolder(root, List.of("test/3/00003.bin"));

    Discovery found = nmnist.discover(root, DiscoveryOptions.defaults());

    assertEquals(List.of("nmnist/Test/3/00003", "nmnist/Train/1/00001", "nmnist/Train/2/00002"),
        found.samples().stream().map(SampleRef::sampleId).toList());
    assertEquals(List.of("test/3/00003.bin", "train.zip!/Train/1/00001.bin", "train.zip!/Train/2/00002.bin"),
        found.samples().stream().map(SampleRef::source).toList());
    assertEquals(List.of("test", "train", "train"), found.samples().stream().map(SampleRef::split).toList());
    assertEquals(List.of(), found.ignored());
  }

  @Test
  void maxSamplesKeepsTheFirstIdsInOrder(@TempDir Path root) throws IOException {
    write(root, Form.FOLDERS, recordings());
    List<String> allIds = nmnist.discover(root, DiscoveryOptions.defaults()).samples().stream()
        .map(SampleRef::sampleId).toList();

    Discovery limited = nmnist.discover(root, DiscoveryOptions.defaults().withMaxSamples(7));

    assertEquals(allIds.subList(0, 7), limited.samples().stream().map(SampleRef::sampleId).toList());
    assertEquals(7, limited.parameters().get("max_samples"));
  }

  @Test
  void twoRecordingsWithOneIdAreBothRejectedAndTheRestRemains(@TempDir Path root) throws IOException {
    Fixtures.writeFolder(root, List.of("Train/1/00001.bin", "Train/1/00001.BIN", "Train/1/00002.bin"));
    Discovery d = nmnist.discover(root, DiscoveryOptions.defaults());
    assertEquals(List.of("nmnist/Train/1/00002"), d.samples().stream().map(SampleRef::sampleId).toList());
    assertEquals(List.of("Train/1/00001.BIN", "Train/1/00001.bin"), d.rejected().stream()
        .map(RejectedInput::source).toList());
    for (RejectedInput r : d.rejected()) {
      assertEquals("nmnist/Train/1/00001", r.sampleId());
      assertTrue(r.reason().contains("2 recordings would share sample id nmnist/Train/1/00001"), r.reason());
    }
  }

  /**
   * A zip may hold two members of one name (ZipOutputStream refuses to write them; other tools do not): one was
   * converted and the other vanished, counted nowhere. Now both are rejected, one line each.
   */
  @Test
  void twoZipMembersOfOneNameAreBothRejectedOneLineEach(@TempDir Path root) throws IOException {
    Path zip = root.resolve("Train.zip");
    Fixtures.writeZip(zip, List.of("Train/0/00000.bin", "Train/1/00001.bin", "Train/1/00009.bin"));
    byte[] bytes = Files.readAllBytes(zip);
    String latin = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    // the third member's name becomes the second's, in its local header and in the central directory
    Files.write(zip, latin.replace("Train/1/00009.bin", "Train/1/00001.bin")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Discovery d = nmnist.discover(root, DiscoveryOptions.defaults());
    assertEquals(List.of("nmnist/Train/0/00000"), d.samples().stream().map(SampleRef::sampleId).toList());
    assertEquals(List.of("Train.zip!/Train/1/00001.bin", "Train.zip!/Train/1/00001.bin"), d.rejected().stream()
        .map(RejectedInput::source).toList());
    for (RejectedInput r : d.rejected()) {
      assertEquals("nmnist/Train/1/00001", r.sampleId());
      assertEquals("2 members of one archive are named Train.zip!/Train/1/00001.bin (which one is the recording "
          + "cannot be told): keep one of them", r.reason());
    }
  }

  @Test
  void rootWithoutSplitsIsALayoutErrorNamingTheExpectedLayout(@TempDir Path root) throws IOException {
    Fixtures.writeFolder(root, List.of("Caltech101/accordion/image_0001.bin", "README.txt"));
    DatasetLayoutException e = assertThrows(DatasetLayoutException.class,
        () -> nmnist.discover(root, DiscoveryOptions.defaults()));
    assertTrue(e.getMessage().contains("Train/<digit>/*.bin"), e.getMessage());
    assertTrue(e.getMessage().contains(root.toString()), e.getMessage());
    assertEquals("nmnist", e.dataset());
  }

  @Test
  void missingRootAndZipWithoutItsFolderAreLayoutErrors(@TempDir Path root) throws IOException {
    DatasetLayoutException missing = assertThrows(DatasetLayoutException.class,
        () -> nmnist.discover(root.resolve("nope"), DiscoveryOptions.defaults()));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());

    Fixtures.writeZip(root.resolve("Train.zip"), List.of("Test/1/00001.bin"));
    DatasetLayoutException noFolder = assertThrows(DatasetLayoutException.class,
        () -> nmnist.discover(root, DiscoveryOptions.defaults()));
    assertTrue(noFolder.getMessage().contains("Train.zip without a Train/ folder"), noFolder.getMessage());
  }

  /**
   * A zip whose names are CP437 without the UTF-8 flag (Windows Explorer, older tools: the zip format's default), with
   * a name that is not valid UTF-8 ({@code café} as {@code caf\x82}): the whole run stopped on "invalid CEN header (bad
   * entry name)". Now the names are read as CP437, and the members found by discovery are read.
   */
  @Test
  void aZipWithCp437NamesIsReadByThoseNames(@TempDir Path root) throws IOException {
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(
        Files.newOutputStream(root.resolve("Train.zip")), java.nio.charset.Charset.forName("IBM437"))) {
      for (String name : List.of("Train/1/caf\u00e9.bin", "Train/2/00002.bin")) {
        z.putNextEntry(new java.util.zip.ZipEntry(name));
        z.write(new byte[] {1, 2, 3, 4, 5});
        z.closeEntry();
      }
    }
    Discovery d = nmnist.discover(root, DiscoveryOptions.defaults());
    assertEquals(List.of("nmnist/Train/1/caf\u00e9", "nmnist/Train/2/00002"), d.samples().stream()
        .map(SampleRef::sampleId).toList());
    try (SampleInputs inputs = new SampleInputs(); java.io.InputStream in = inputs.open(root, d.samples().get(0))) {
      assertEquals(5, in.readAllBytes().length);
    }
  }

  /** Members named /Train/1/a.bin or Train//2/b.bin were discovered, then read as "archive has no member". */
  @Test
  void zipMembersWithALeadingOrDoubledSlashAreReadByTheNamesDiscoveryGives(@TempDir Path root) throws IOException {
    Fixtures.writeZip(root.resolve("Train.zip"), List.of("/Train/1/00001.bin", "Train//2/00002.bin"));
    Discovery d = nmnist.discover(root, DiscoveryOptions.defaults());
    assertEquals(List.of("nmnist/Train/1/00001", "nmnist/Train/2/00002"), d.samples().stream()
        .map(SampleRef::sampleId).toList());
    try (SampleInputs inputs = new SampleInputs()) {
      for (SampleRef ref : d.samples()) {
        try (java.io.InputStream in = inputs.open(root, ref)) {
          assertTrue(in.readAllBytes().length > 0, ref.source());
        }
      }
    }
  }

  @Test
  void aBrokenZipNamesTheFile(@TempDir Path root) throws IOException {
    Files.write(root.resolve("Test.zip"), new byte[] {1, 2, 3});
    IOException e = assertThrows(IOException.class, () -> nmnist.discover(root, DiscoveryOptions.defaults()));
    assertTrue(e.getMessage().contains("Test.zip"), e.getMessage());
  }
}
