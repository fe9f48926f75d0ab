package org.evshard.transforms.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.evshard.io.Fixtures;
import org.junit.jupiter.api.Test;

/** sha256 against FIPS 180-2's test vector and img2dataset's stored digest; grouping with the representative rule. */
class ExactDuplicatesTest {

  @Test
  void sha256MatchesTheStandardVector() {
    // FIPS 180-2, appendix B.1: SHA-256("abc")
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        ExactDuplicates.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void sha256MatchesImg2datasetsStoredDigestOfARealImage() throws IOException {
    // img2dataset's sample_image.parquet stores sha256hash = sha256 of blur_test_files/original.png (SOURCES.md);
    // the plain-encoded string is in the file's bytes
    byte[] png = Files.readAllBytes(Fixtures.file("fixtures/images/img2dataset/blur_test_files/original.png"));
    String parquet = new String(Files.readAllBytes(Fixtures.file(
        "fixtures/images/img2dataset/test_files/sample_image.parquet")), StandardCharsets.ISO_8859_1);
    String digest = ExactDuplicates.sha256Hex(png);
    assertTrue(parquet.contains(digest), digest + " is not the digest stored in sample_image.parquet");
  }

  @Test
  void everyRemovedSampleNamesTheOneItDuplicates() {
    String[] ids = {"u3", "u1", "u2", "u4", "u5", "u0"};
    String a = ExactDuplicates.sha256Hex(new byte[] {1});
    String b = ExactDuplicates.sha256Hex(new byte[] {2});
    String c = ExactDuplicates.sha256Hex(new byte[] {3});
    String[] sha = {a, b, a, c, b, a};
    long[] px = {640 * 480, 100, 640 * 480, 5, 100, 640 * 480};
    assertEquals(List.of(new DuplicateOf("u3", "u0"), new DuplicateOf("u2", "u0"), new DuplicateOf("u5", "u1")),
        ExactDuplicates.findAll(ids, sha, px));
    // one group as a Beam GroupByKey would hand it over
    assertEquals(List.of(new DuplicateOf("u3", "u0"), new DuplicateOf("u2", "u0")),
        ExactDuplicates.resolveGroup(new String[] {"u3", "u2", "u0"}, new long[] {7, 7, 7}));
    assertEquals(List.of(), ExactDuplicates.resolveGroup(new String[] {"u9"}, new long[] {1}));
  }
}
