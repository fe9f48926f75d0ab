package org.evshard.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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

  /** A named pipe called 00002.bin (tar extracts them from an archive) made the run wait forever on its open. */
  @Test
  @org.junit.jupiter.api.Timeout(60)
  void aNamedPipeNamedLikeARecordingIsRefusedWithoutBeingOpened(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("Train/0"));
    Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("Train/0/00002.bin").toString()).start();
    assertEquals(0, mkfifo.waitFor());
    SampleRef fifo = ref("Train/0/00002.bin", null, null);
    try (SampleInputs inputs = new SampleInputs()) {
      CorruptInputException e = assertThrows(CorruptInputException.class, () -> inputs.plainFile(root, fifo));
      assertEquals("is not a regular file (a named pipe, socket or device), expected a recording file: not opened",
          e.reason());
      assertThrows(CorruptInputException.class, () -> inputs.open(root, fifo));
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

  /** A damaged download: one bit of a stored member's bytes, or a deflated member whose recorded CRC-32 is wrong. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void aZipMemberFailingItsCrcIsACorruptInputWithItsSource(boolean deflated, @TempDir Path root) throws IOException {
    String member = "Train/1/00001.bin";
    byte[] data = Fixtures.bytesFor(member);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(data);
    Path zip = root.resolve("Train.zip");
    if (deflated) {
      Fixtures.writeZip(zip, List.of(member));
      byte[] z = java.nio.file.Files.readAllBytes(zip);
      int recorded = (int) crc.getValue();
      int replaced = 0;
      for (int i = 0; i + 4 <= z.length; i++) { // local header, data descriptor, central directory
        if ((z[i] & 0xff | (z[i + 1] & 0xff) << 8 | (z[i + 2] & 0xff) << 16 | (z[i + 3] & 0xff) << 24) == recorded) {
          z[i] ^= 0x01;
          replaced++;
        }
      }
      assertTrue(replaced >= 2, "CRC fields found: " + replaced);
      java.nio.file.Files.write(zip, z);
    } else {
      try (java.util.zip.ZipOutputStream z =
          new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(zip))) {
        java.util.zip.ZipEntry e = new java.util.zip.ZipEntry(member);
        e.setMethod(java.util.zip.ZipEntry.STORED);
        e.setSize(data.length);
        e.setCrc(crc.getValue());
        z.putNextEntry(e);
        z.write(data);
        z.closeEntry();
      }
      byte[] z = java.nio.file.Files.readAllBytes(zip);
      int at = java.util.Collections.indexOfSubList(
          java.util.Arrays.asList(box(z)), java.util.Arrays.asList(box(data)));
      assertTrue(at > 0, "member bytes stored verbatim");
      z[at + data.length - 1] ^= 0x01; // the low bit of the last event's timestamp: a valid event, but a wrong one
      java.nio.file.Files.write(zip, z);
    }
    SampleRef s = ref("Train.zip!/" + member, "Train.zip", member);
    try (SampleInputs inputs = new SampleInputs(); InputStream in = inputs.open(root, s)) {
      CorruptInputException e = assertThrows(CorruptInputException.class, in::readAllBytes);
      assertEquals(s.source(), e.source());
      assertTrue(e.getMessage().contains("CRC-32"), e.getMessage());
    }
  }

  private static Byte[] box(byte[] b) {
    Byte[] boxed = new Byte[b.length];
    for (int i = 0; i < b.length; i++) {
      boxed[i] = b[i];
    }
    return boxed;
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

  /**
   * A conversion started while {@code unzip} or {@code cp} still wrote the input: files cut after the run listed them
   * were read as valid shorter recordings. A stamped reference refuses a file (or zip) that is not as listed.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"cut", "grown", "rewritten", "unchanged"})
  void aFileNotAsItWasListedIsRefused(String change, @TempDir Path root) throws IOException {
    Fixtures.writeFolder(root, List.of("Train/3/00001.bin"));
    Fixtures.writeZip(root.resolve("Train.zip"), List.of("Train/3/00002.bin"));
    SampleRef plain = ref("Train/3/00001.bin", null, null);
    SampleRef member = ref("Train.zip!/Train/3/00002.bin", "Train.zip", "Train/3/00002.bin");
    plain = plain.stamped(SampleInputs.stampOf(root, plain));
    member = member.stamped(SampleInputs.stampOf(root, member));
    assertEquals(Files.size(root.resolve("Train.zip")), member.listedAs().bytes());
    for (Path file : List.of(root.resolve("Train/3/00001.bin"), root.resolve("Train.zip"))) {
      byte[] bytes = Files.readAllBytes(file);
      switch (change) {
        case "cut" -> Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        case "grown" -> Files.write(file, new byte[5], java.nio.file.StandardOpenOption.APPEND);
        case "rewritten" -> Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
            Files.getLastModifiedTime(file).toMillis() - 60_000));
        default -> { }
      }
    }
    try (SampleInputs inputs = new SampleInputs()) {
      for (SampleRef s : List.of(plain, member)) {
        if (change.equals("unchanged")) {
          try (InputStream in = inputs.open(root, s)) {
            assertTrue(in.readAllBytes().length > 0);
          }
          continue;
        }
        SampleRef r = s;
        org.evshard.io.error.InputChangedException e = assertThrows(
            org.evshard.io.error.InputChangedException.class, () -> inputs.open(root, r), change);
        assertEquals(s.inArchive() ? "Train.zip" : "Train/3/00001.bin", e.source());
        assertTrue(e.reason().startsWith("changed after the run listed it (" + s.listedAs().describe() + " then, "),
            e.reason());
        assertTrue(e.reason().contains("sample " + s.sampleId() + " is not decoded"), e.reason());
        if (!s.inArchive()) {
          assertThrows(org.evshard.io.error.InputChangedException.class, () -> inputs.plainFile(root, r));
        }
      }
    }
  }

  private static SampleRef ref(String source, String archive, String entry) {
    String path = entry == null ? source : entry;
    return new SampleRef("nmnist/" + path.substring(0, path.length() - 4), "nmnist", source, "train", 3, "3",
        archive, entry, "atis-bin", NMnist.SENSOR);
  }
}
