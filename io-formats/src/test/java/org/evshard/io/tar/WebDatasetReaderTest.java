package org.evshard.io.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.evshard.io.Fixtures;
import org.evshard.io.error.CorruptInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebDatasetReaderTest {

  static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  static byte[] jpeg(String cls, int i) throws IOException {
    return Files.readAllBytes(Fixtures.file("fixtures/images/cifar10/train/" + cls + "/000" + i + ".jpg"));
  }

  /** The real shard from webdataset's testdata: 90 samples of a 28x28 PNG digit and its class. */
  @Test
  void readsTheRealShard() throws IOException {
    Path shard = Fixtures.file("fixtures/images/webdataset/sample.tgz");
    byte[] plain;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(shard))) {
      plain = in.readAllBytes(); // the JDK's own gunzip, to check header offsets independently
    }
    List<WebDatasetSample> samples;
    try (WebDatasetReader r = WebDatasetReader.open(shard)) {
      assertTrue(r.gzipped());
      samples = TestTars.readAll(r);
      assertEquals(TarSkipCounts.none(), r.skipCounts());
      assertEquals(180, r.entriesRead());
    }
    assertEquals(90, samples.size());
    for (WebDatasetSample s : samples) {
      assertEquals(List.of("cls", "png"), s.extensions().stream().sorted().toList(), s.toString());
      assertEquals(shard.toString(), s.shard());
      byte[] png = s.member("png").orElseThrow().bytes();
      assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 8), s.key());
      String cls = new String(s.member("cls").orElseThrow().bytes(), StandardCharsets.US_ASCII).trim();
      assertTrue(cls.matches("[0-9]"), "class " + cls);
      for (TarMember m : s.members()) {
        long at = m.headerOffset();
        String name = new String(plain, (int) at, 100, StandardCharsets.UTF_8).replace("\0", "");
        assertEquals(m.path(), name, "ustar name field at the member's header offset");
        assertEquals("ustar", new String(plain, (int) at + 257, 5, StandardCharsets.US_ASCII));
        assertEquals(s.key() + "." + m.extension(), m.path());
      }
    }
    assertEquals(90, samples.stream().map(WebDatasetSample::key).distinct().count());
  }

  @Test
  void skipsUnsafeAndNonRegularEntriesAndCountsThem() throws IOException {
    byte[] tar = new TestTars()
        .file("a.jpg", "A").file("a.txt", "cap a")
        .special("b.jpg", TarConstants.LF_SYMLINK, "/etc/passwd")
        .special("c.jpg", TarConstants.LF_LINK, "a.jpg")
        .special("d.jpg", TarConstants.LF_CHR, null)
        .special("e.jpg", TarConstants.LF_BLK, null)
        .special("f.jpg", TarConstants.LF_FIFO, null)
        .special("dir/", TarConstants.LF_DIR, null)
        .file("/etc/g.jpg", "abs")
        .file("../h.jpg", "up")
        .file("dir/../../i.jpg", "up2")
        .file("big.jpg", new byte[101])
        .file("__meta__/x.json", "{}")
        .file("README", "no extension")
        .file("k.jpg", "K").file("k.txt", "cap k")
        .finish();
    try (WebDatasetReader r = TestTars.reader(tar, TarLimits.defaults().withMaxEntryBytes(100))) {
      List<WebDatasetSample> samples = TestTars.readAll(r);
      assertEquals(List.of("a", "k"), samples.stream().map(WebDatasetSample::key).toList());
      assertEquals("cap k", new String(samples.get(1).member("txt").orElseThrow().bytes(), StandardCharsets.UTF_8));
      Map<String, Long> expected = new LinkedHashMap<>();
      for (String reason : List.of("symlink", "hardlink", "character_device", "block_device", "fifo", "directory",
          "absolute_path", "entry_too_large", "webdataset_meta", "no_extension")) {
        expected.put(reason, 1L);
      }
      expected.put("parent_path", 2L);
      assertEquals(new java.util.TreeMap<>(expected), r.skipCounts().byName());
      assertEquals(16, r.entriesRead());
      assertEquals(16 - 4, r.skipCounts().total());
    }
  }

  @Test
  void anOversizeEntryIsSkippedUnreadAndItsSampleKeepsTheRest() throws IOException {
    byte[] tar = new TestTars().file("s.jpg", new byte[1000]).file("s.txt", "t").finish();
    try (WebDatasetReader r = TestTars.reader(tar, TarLimits.defaults().withMaxEntryBytes(999))) {
      List<WebDatasetSample> samples = TestTars.readAll(r);
      assertEquals(1, samples.size());
      assertEquals(List.of("txt"), samples.get(0).extensions());
      assertEquals(1, r.skipCounts().count(TarSkipReason.ENTRY_TOO_LARGE));
      // named on the sample, so that "no image member" can say the image was there and too large
      assertEquals(List.of("s.jpg (1000 bytes)"), samples.get(0).oversized());
    }
  }

  @Test
  void oversizeMembersAreNamedOnTheirOwnSampleOnly() throws IOException {
    byte[] tar = new TestTars().file("a.jpg", new byte[1000]).file("a.txt", "t").file("b.jpg", new byte[10])
        .finish();
    try (WebDatasetReader r = TestTars.reader(tar, TarLimits.defaults().withMaxEntryBytes(999))) {
      List<WebDatasetSample> samples = TestTars.readAll(r);
      assertEquals(List.of("a", "b"), samples.stream().map(WebDatasetSample::key).toList());
      assertEquals(List.of("a.jpg (1000 bytes)"), samples.get(0).oversized());
      assertEquals(List.of(), samples.get(1).oversized());
    }
  }

  @Test
  void aSampleOverTheSampleLimitIsDroppedWhole() throws IOException {
    byte[] tar = new TestTars()
        .file("a.jpg", new byte[60]).file("a.json", new byte[30]).file("a.txt", new byte[60])
        .file("b.jpg", new byte[60]).file("b.txt", new byte[40])
        .finish();
    try (WebDatasetReader r = TestTars.reader(tar, TarLimits.defaults().withMaxSampleBytes(100))) {
      List<WebDatasetSample> samples = TestTars.readAll(r);
      assertEquals(List.of("b"), samples.stream().map(WebDatasetSample::key).toList());
      assertEquals(100, samples.get(0).totalBytes());
      assertEquals(Map.of("sample_too_large", 3L), r.skipCounts().byName());
    }
  }

  @Test
  void groupsConsecutiveEntriesByKeyWithLowerCasedExtensions() throws IOException {
    byte[] tar = new TestTars()
        .file("shard/x.JPG", "1").file("shard/x.seg.png", "2")
        .file("shard/y.jpg", "3")
        .file("shard/x.txt", "4") // x again, not adjacent: a new sample, as in group_by_keys
        .finish();
    try (WebDatasetReader r = TestTars.reader(tar, TarLimits.defaults())) {
      List<WebDatasetSample> s = TestTars.readAll(r);
      assertEquals(List.of("shard/x", "shard/y", "shard/x"), s.stream().map(WebDatasetSample::key).toList());
      assertEquals(List.of("jpg", "seg.png"), s.get(0).extensions());
      assertEquals("shard/x.JPG", s.get(0).members().get(0).path());
      assertEquals(List.of("txt"), s.get(2).extensions());
    }
  }

  @Test
  void aRepeatedExtensionInOneSampleIsCorrupt() throws IOException {
    TestTars t = new TestTars().file("a.jpg", "1").file("b.jpg", "2").file("b.JPG", "3");
    byte[] tar = t.finish();
    try (WebDatasetReader r = TestTars.reader(tar, TarLimits.defaults())) {
      assertEquals("a", r.next().orElseThrow().key());
      CorruptInputException e = assertThrows(CorruptInputException.class, r::next);
      assertEquals(t.headerOffsets.get(2), e.offset());
      assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
    }
  }

  /** Five samples of real JPEG bytes (each larger than a tar record) plus captions. */
  static TestTars fiveSamples() throws IOException {
    TestTars t = new TestTars();
    String[] classes = {"cat", "dog", "ship", "frog", "bird"};
    for (int i = 0; i < 5; i++) {
      t.file(String.format("%05d.jpg", i), jpeg(classes[i], i)).file(String.format("%05d.txt", i), classes[i]);
    }
    return t;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 100, 511, 512, 700})
  void aTruncatedTarFailsWithTheEntryOffsetAfterDeliveringEarlierSamples(int into) throws IOException {
    TestTars t = fiveSamples();
    byte[] full = t.finish();
    long jpgHeader = t.headerOffsets.get(6); // sample 3's jpg
    byte[] cut = Arrays.copyOf(full, (int) jpgHeader + into);
    List<String> keys = new ArrayList<>();
    try (WebDatasetReader r = TestTars.reader(cut, TarLimits.defaults())) {
      CorruptInputException e = assertThrows(CorruptInputException.class, () -> r.forEachRemaining(
          s -> keys.add(s.key())));
      assertEquals("mem.tar", e.source());
      assertEquals(jpgHeader, e.offset(), e.getMessage());
      assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("truncated"), e.getMessage());
    }
    // with the header of 00003.jpg readable, 00002 is known to be complete and is delivered; with the header cut,
    // 00002 was still being assembled (more members could have followed) and is lost
    assertEquals(into >= 512 ? List.of("00000", "00001", "00002") : List.of("00000", "00001"), keys);
  }

  @Test
  void aTarWithoutTheEndMarkerIsTruncated() throws IOException {
    TestTars t = fiveSamples();
    byte[] full = t.finish();
    long end = t.headerOffsets.get(9) + 512 + 512; // after the last caption (one record of data)
    try (WebDatasetReader r = TestTars.reader(Arrays.copyOf(full, (int) end), TarLimits.defaults())) {
      List<String> keys = new ArrayList<>();
      CorruptInputException e = assertThrows(CorruptInputException.class,
          () -> r.forEachRemaining(s -> keys.add(s.key())));
      assertEquals(end, e.offset());
      assertEquals(List.of("00000", "00001", "00002", "00003"), keys);
    }
  }

  @Test
  void aCorruptHeaderChecksumIsCorruptInputAtThatHeader() throws IOException {
    TestTars t = fiveSamples();
    byte[] tar = t.finish();
    int at = (int) (long) t.headerOffsets.get(4);
    tar[at + 148] ^= 0x07; // a checksum digit
    try (WebDatasetReader r = TestTars.reader(tar, TarLimits.defaults())) {
      List<String> keys = new ArrayList<>();
      CorruptInputException e = assertThrows(CorruptInputException.class,
          () -> r.forEachRemaining(s -> keys.add(s.key())));
      assertEquals(at, e.offset(), e.getMessage());
      assertEquals(List.of("00000"), keys); // sample 00001 was being assembled
      assertEquals(Optional.empty(), r.next(), "after an error the reader stays at its end");
    }
  }

  @Test
  void readsGzipShardsAndFailsCleanlyWhenTheGzipIsCut() throws IOException {
    byte[] tar = fiveSamples().finish();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar);
    }
    byte[] z = gz.toByteArray();
    try (WebDatasetReader r = TestTars.reader(z, TarLimits.defaults())) {
      assertTrue(r.gzipped());
      assertEquals(5, TestTars.readAll(r).size());
    }
    try (WebDatasetReader r = TestTars.reader(Arrays.copyOf(z, z.length / 2), TarLimits.defaults())) {
      List<String> keys = new ArrayList<>();
      CorruptInputException e = assertThrows(CorruptInputException.class,
          () -> r.forEachRemaining(s -> keys.add(s.key())));
      assertTrue(keys.size() < 5, keys.toString());
      assertEquals(0, e.offset() % 512, e.getMessage());
      assertTrue(e.getMessage().contains("decompressed"), e.getMessage());
      assertFalse(e.getMessage().endsWith(": null"), e.getMessage());
    }
    // the real shard cut in half: the JDK's EOFException of the cut gzip stream has no message ("...: null" before)
    byte[] real = java.nio.file.Files.readAllBytes(
        org.evshard.io.Fixtures.file("fixtures/images/webdataset/sample.tgz"));
    try (WebDatasetReader r = TestTars.reader(Arrays.copyOf(real, real.length / 2), TarLimits.defaults())) {
      CorruptInputException e = assertThrows(CorruptInputException.class, () -> r.forEachRemaining(s -> { }));
      assertTrue(e.getMessage().contains("the stream ends early (a truncated .tar.gz/.tgz?)"), e.getMessage());
    }
  }

  @Test
  void emptyAndNonTarInputsAreCorrupt() throws IOException {
    try (WebDatasetReader r = TestTars.reader(new byte[0], TarLimits.defaults())) {
      assertEquals(0, assertThrows(CorruptInputException.class, r::next).offset());
    }
    byte[] text = "this is not a tar archive, just some text that is long enough to fill a record"
        .repeat(10).getBytes(StandardCharsets.US_ASCII);
    try (WebDatasetReader r = TestTars.reader(text, TarLimits.defaults())) {
      assertEquals(0, assertThrows(CorruptInputException.class, r::next).offset());
    }
  }

  @Test
  void anArchiveOfOnlyTheEndMarkerHasNoSamples() throws IOException {
    try (WebDatasetReader r = TestTars.reader(new TestTars().finish(), TarLimits.defaults())) {
      assertEquals(Optional.empty(), r.next());
      assertEquals(Optional.empty(), r.next());
    }
  }

  @Test
  void aPlainFileWhoseHeaderClaimsMoreThanTheFileHoldsFailsBeforeAllocating(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    TestTars t = new TestTars().file("a.jpg", new byte[600]);
    byte[] tar = t.finish();
    Path f = dir.resolve("cut.tar");
    Files.write(f, Arrays.copyOf(tar, 512 + 100));
    try (WebDatasetReader r = WebDatasetReader.open(f)) {
      CorruptInputException e = assertThrows(CorruptInputException.class, r::next);
      assertEquals(0, e.offset());
      assertTrue(e.getMessage().contains("declares 600 bytes but 100 remain"), e.getMessage());
    }
  }

  @Test
  void aSampleOfOnlyOversizeMembersBeforeATruncatedEntryFailsWithTheTruncation(
      @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    // sample "a" keeps no member (its only one is over the entry limit); the next entry, of sample "b", declares more
    // bytes than the file holds: the truncation is the outcome, not a NullPointerException from delivering the
    // empty sample "a" first
    byte[] tar = new TestTars().file("a.jpg", new byte[1500]).file("b.jpg", new byte[600]).finish();
    long bHeader = 512 + 1536;
    Path f = dir.resolve("cut.tar");
    Files.write(f, Arrays.copyOf(tar, (int) bHeader + 512 + 100));
    try (WebDatasetReader r = WebDatasetReader.open(f, new TarLimits(1000, 4000))) {
      CorruptInputException e = assertThrows(CorruptInputException.class, r::next);
      assertEquals(bHeader, e.offset(), e.getMessage());
      assertTrue(e.getMessage().contains("declares 600 bytes but 100 remain"), e.getMessage());
      assertEquals(1, r.skipCounts().count(TarSkipReason.ENTRY_TOO_LARGE));
      assertEquals(Optional.empty(), r.next());
    }
  }

  @Test
  void membersHandOutCopies() throws IOException {
    byte[] tar = new TestTars().file("a.bin", new byte[] {1, 2, 3}).finish();
    try (WebDatasetReader r = TestTars.reader(tar, TarLimits.defaults())) {
      TarMember m = r.next().orElseThrow().members().get(0);
      m.bytes()[0] = 9;
      assertEquals(1, m.bytes()[0]);
      assertTrue(m.buffer().isReadOnly());
      assertEquals(3, m.size());
    }
  }

  static InputStream stream(byte[] b) {
    return new ByteArrayInputStream(b);
  }
}
