package org.evshard.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.evshard.io.error.CorruptInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SampleInputsTest {

  private final NMnist nmnist = new NMnist();

  /** The path under the dataset a sample came from, e.g. {@code Train/3/00012.bin}, as the fixtures wrote it. */
  private static String writtenPath(SampleRef s) {
    return s.sampleId().substring("nmnist/".length()) + ".bin";
  }

  @ParameterizedTest
  @EnumSource(NMnistTest.Form.class)
  void opensTheBytesThatWereWritten(NMnistTest.Form form, @TempDir Path root) throws IOException {
    NMnistTest.write(root, form, NMnistTest.recordings());
    Discovery found = nmnist.discover(root, DiscoveryOptions.defaults());

    try (SampleInputs inputs = new SampleInputs()) {
      for (SampleRef s : found.samples()) {
        byte[] expected = Fixtures.bytesFor(
            form == NMnistTest.Form.ZIPS_UNDER_TOP_FOLDER ? "N-MNIST/" + writtenPath(s) : writtenPath(s));
        try (InputStream in = inputs.open(root, s)) {
          assertArrayEquals(expected, in.readAllBytes(), s.source());
        }
        assertEquals(expected.length, inputs.size(root, s), s.source());
      }
    }
  }

  @Test
  void aDirectoryNamedLikeARecordingIsACorruptInputWithItsSource(@TempDir Path root) throws IOException {
    Fixtures.writeFolder(root, List.of("Train/3/00099.bin/", "Test/1/00001.bin/inner.txt"));
    Fixtures.writeZip(root.resolve("Test.zip"), List.of());
    Fixtures.writeZip(root.resolve("Train.zip"), List.of("Train/3/00098.bin/", "Train/3/00097.bin/x.bin"));
    SampleRef folderRef = ref("Train/3/00099.bin", null, null);
    SampleRef explicitDirEntry = ref("Train.zip!/Train/3/00098.bin", "Train.zip", "Train/3/00098.bin");
    SampleRef implicitDirEntry = ref("Train.zip!/Train/3/00097.bin", "Train.zip", "Train/3/00097.bin");

    try (SampleInputs inputs = new SampleInputs()) {
      for (SampleRef s : List.of(folderRef, explicitDirEntry, implicitDirEntry)) {
        CorruptInputException e = assertThrows(CorruptInputException.class, () -> inputs.open(root, s));
        assertEquals(s.source(), e.source());
        assertEquals(-1, e.offset());
        assertEquals("is a directory, expected a recording file", e.reason());
        assertThrows(CorruptInputException.class, () -> inputs.size(root, s));
      }
    }
  }

  @Test
  void discoveredDirectoriesAreRejectedWhenOpened(@TempDir Path root) throws IOException {
    Fixtures.writeFolder(root, List.of("Train/3/00001.bin", "Train/3/00099.bin/"));
    Discovery found = nmnist.discover(root, DiscoveryOptions.defaults());
    int rejected = 0;
    int read = 0;
    try (SampleInputs inputs = new SampleInputs()) {
      for (SampleRef s : found.samples()) {
        try (InputStream in = inputs.open(root, s)) {
          in.readAllBytes();
          read++;
        } catch (CorruptInputException e) {
          rejected++;
        }
      }
    }
    assertEquals(found.samples().size(), read + rejected);
    assertEquals(1, rejected);
  }

  @Test
  void missingFilesMembersAndArchivesAreClearErrors(@TempDir Path root) throws IOException {
    Fixtures.writeZip(root.resolve("Train.zip"), List.of("Train/3/00001.bin"));
    try (SampleInputs inputs = new SampleInputs()) {
      NoSuchFileException file = assertThrows(NoSuchFileException.class,
          () -> inputs.open(root, ref("Train/3/00002.bin", null, null)));
      assertTrue(file.getMessage().contains("nmnist/Train/3/00002"), file.getMessage());

      NoSuchFileException member = assertThrows(NoSuchFileException.class,
          () -> inputs.open(root, ref("Train.zip!/Train/3/00002.bin", "Train.zip", "Train/3/00002.bin")));
      assertTrue(member.getMessage().contains("has no member Train/3/00002.bin"), member.getMessage());

      NoSuchFileException archive = assertThrows(NoSuchFileException.class,
          () -> inputs.open(root, ref("Test.zip!/Test/3/00002.bin", "Test.zip", "Test/3/00002.bin")));
      assertTrue(archive.getMessage().contains("Test.zip"), archive.getMessage());
    }
  }

  @Test
  void evictedArchivesStayReadableUntilTheirStreamsClose(@TempDir Path root) throws IOException {
    Fixtures.writeZip(root.resolve("Train.zip"), List.of("Train/1/00001.bin"));
    Fixtures.writeZip(root.resolve("Test.zip"), List.of("Test/1/00001.bin"));
    SampleRef train = ref("Train.zip!/Train/1/00001.bin", "Train.zip", "Train/1/00001.bin");
    SampleRef test = ref("Test.zip!/Test/1/00001.bin", "Test.zip", "Test/1/00001.bin");
    try (ArchiveCache cache = new ArchiveCache(1); SampleInputs inputs = new SampleInputs(cache)) {
      try (InputStream first = inputs.open(root, train)) {
        try (InputStream second = inputs.open(root, test)) {
          assertEquals(1, cache.openArchives());
          assertArrayEquals(Fixtures.bytesFor("Test/1/00001.bin"), second.readAllBytes());
        }
        assertArrayEquals(Fixtures.bytesFor("Train/1/00001.bin"), first.readAllBytes());
      }
    }
  }

  @Test
  void readsConcurrentlyThroughASmallCache(@TempDir Path root) throws Exception {
    NMnistTest.write(root, NMnistTest.Form.ZIPS, NMnistTest.recordings());
    List<SampleRef> samples = nmnist.discover(root, DiscoveryOptions.defaults()).samples();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (SampleInputs inputs = new SampleInputs(new ArchiveCache(1))) {
      List<Future<Boolean>> checks = new ArrayList<>();
      for (int round = 0; round < 20; round++) {
        for (SampleRef s : samples) {
          checks.add(pool.submit(() -> {
            try (InputStream in = inputs.open(root, s)) {
              return java.util.Arrays.equals(Fixtures.bytesFor(writtenPath(s)), in.readAllBytes());
            }
          }));
        }
      }
      for (Future<Boolean> check : checks) {
        assertTrue(check.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aClosedCacheRefusesToOpen(@TempDir Path root) throws IOException {
    Fixtures.writeZip(root.resolve("Train.zip"), List.of("Train/1/00001.bin"));
    SampleInputs inputs = new SampleInputs();
    inputs.close();
    assertThrows(IllegalStateException.class,
        () -> inputs.open(root, ref("Train.zip!/Train/1/00001.bin", "Train.zip", "Train/1/00001.bin")));
  }

  private static SampleRef ref(String source, String archive, String entry) {
    String path = entry == null ? source : entry;
    return new SampleRef("nmnist/" + path.substring(0, path.length() - 4), "nmnist", source, "train", 3, "3",
        archive, entry, "atis-bin", NMnist.SENSOR);
  }
}
