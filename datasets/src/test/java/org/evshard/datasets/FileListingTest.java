package org.evshard.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.evshard.datasets.image.ImageCorpora;
import org.evshard.datasets.image.ImageSourceRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Discovery from a file list ({@code --file-list}) matches what walking the folder finds, and only what is listed. */
class FileListingTest {

  @TempDir
  Path tmp;

  private static FileListing walk(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return FileListing.of(s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList());
    }
  }

  private Path layout(String dataset) throws Exception {
    Path root = tmp.resolve(dataset);
    List<String> files = new ArrayList<>(switch (dataset) {
      case "nmnist" -> NMnistTest.recordings();
      case "ncaltech101" -> NCaltech101Test.recordings();
      default -> throw new IllegalArgumentException(dataset);
    });
    files.add("README.txt"); // ignored by both
    Fixtures.writeFolder(root, files);
    return root;
  }

  @ParameterizedTest
  @ValueSource(strings = {"nmnist", "ncaltech101"})
  void aListingOfEveryFileDiscoversWhatTheWalkDiscovers(String dataset) throws Exception {
    Path root = layout(dataset);
    DatasetDescriptor d = Datasets.byName(dataset);
    Discovery walked = d.discover(root, DiscoveryOptions.defaultsFor(d));
    Discovery listed = d.discover(root, DiscoveryOptions.defaultsFor(d).withListing(walk(root)));
    assertTrue(walked.samples().size() > 20);
    assertEquals(walked.samples(), listed.samples());
    assertEquals(walked.ignored(), listed.ignored());
  }

  @Test
  void onlyListedFilesAreSeenAndAListedMissingFileIsStillASample() throws Exception {
    Path root = layout("nmnist");
    DatasetDescriptor d = Datasets.byName("nmnist");
    List<String> some = List.of("Train/3/00004.bin", "Test/7/00009.bin", "Train/9/99999.bin");
    Discovery listed = d.discover(root, DiscoveryOptions.defaultsFor(d).withListing(FileListing.of(some)));
    assertEquals(List.of("Test/7/00009.bin", "Train/3/00004.bin", "Train/9/99999.bin"),
        listed.samples().stream().map(SampleRef::source).sorted().toList());
    assertEquals(List.of("test", "train", "train"), listed.samples().stream()
        .sorted(java.util.Comparator.comparing(SampleRef::source)).map(SampleRef::split).toList());
    assertTrue(!Files.exists(root.resolve("Train/9/99999.bin")), "not on disk: rejected when read, like any "
        + "unreadable file");
  }

  @Test
  void aWebdatasetShardListNamesTheTarsWithoutAWalk() throws Exception {
    Path root = tmp.resolve("pool");
    Fixtures.writeFolder(root, List.of("train/00000.tar", "train/00001.tar", "test/00000.tar", "notes.txt"));
    var corpus = ImageCorpora.byName("webdataset");
    var walked = corpus.discover(root, DiscoveryOptions.defaults());
    var listed = corpus.discover(root, DiscoveryOptions.defaults().withListing(walk(root)));
    assertEquals(walked.sources(), listed.sources());
    assertEquals(walked.ignored(), listed.ignored());
    var two = corpus.discover(root, DiscoveryOptions.defaults().withListing(
        FileListing.of(List.of("train/00001.tar", "test/00000.tar"))));
    assertEquals(List.of("test/00000.tar", "train/00001.tar"), two.sources().stream().map(ImageSourceRef::path)
        .toList());
  }

  @Test
  void aListFileSkipsCommentsAndNamesTheLineOfABadPath() throws Exception {
    Path list = tmp.resolve("files.txt");
    Files.writeString(list, "# N-MNIST\n./Train/3/00004.bin\n\nTest/7/00009.bin\n");
    assertEquals(List.of("Test/7/00009.bin", "Train/3/00004.bin"), List.copyOf(FileListing.read(list).paths()));
    for (String bad : List.of("/etc/passwd", "Train/../../x.bin", "Train\\3\\a.bin", "Train//a.bin", "Train/")) {
      Files.writeString(list, "Train/3/00004.bin\n" + bad + "\n");
      FileListException e = assertThrows(FileListException.class, () -> FileListing.read(list));
      assertTrue(e.getMessage().contains(list + " line 2"), e.getMessage());
    }
  }
}
