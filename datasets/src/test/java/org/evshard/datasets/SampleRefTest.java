package org.evshard.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleRefTest {

  private static SampleRef make(String id, String source, int label, String archive, String entry) {
    return new SampleRef(id, "nmnist", source, "train", label, "3", archive, entry, "atis-bin", NMnist.SENSOR);
  }

  @Test
  void acceptsPlainFilesAndArchiveMembers() {
    SampleRef plain = make("nmnist/Train/3/00012", "Train/3/00012.bin", 3, null, null);
    SampleRef member = make("nmnist/Train/3/00012", "Train.zip!/Train/3/00012.bin", 3, "Train.zip", "Train/3/00012.bin");
    assertEquals("00012.bin", plain.fileName());
    assertEquals("00012.bin", member.fileName());
    assertEquals(false, plain.inArchive());
    assertEquals(true, member.inArchive());
  }

  /**
   * On Linux a backslash is a character of a file name (and of a zip member's name): such a recording is a sample like
   * any other (one of them made the whole conversion fail before). Where it is the separator it is refused.
   */
  @Test
  void aBackslashIsPartOfANameWhereSlashIsTheSeparator() {
    if (java.io.File.separatorChar == '/') {
      SampleRef odd = make("nmnist/Train/3/odd\\name", "Train/3/odd\\name.bin", 3, null, null);
      assertEquals("odd\\name.bin", odd.fileName());
      SampleRef member = make("nmnist/Train/3/odd\\name", "Train.zip!/Train/3/odd\\name.bin", 3, "Train.zip",
          "Train/3/odd\\name.bin");
      assertEquals("odd\\name.bin", member.fileName());
    } else {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> make("nmnist/x", "Train\\3\\00012.bin", 3, null, null));
      assertTrue(e.getMessage().contains("relative"), e.getMessage());
    }
  }

  @ParameterizedTest(name = "{5}")
  @CsvSource(nullValues = "NULL", value = {
      "nmnist/Train/3/00012, Train/3/00012.bin, -1, NULL, NULL, label",
      "other/Train/3/00012, Train/3/00012.bin, 3, NULL, NULL, sampleId",
      "nmnist/, Train/3/00012.bin, 3, NULL, NULL, sampleId",
      "nmnist/x, /abs/00012.bin, 3, NULL, NULL, relative",
      "nmnist/x, Train/../00012.bin, 3, NULL, NULL, segment",
      "nmnist/x, Train//00012.bin, 3, NULL, NULL, segment",
      "nmnist/x, Train.zip!/a.bin, 3, Train.zip, NULL, both",
      "nmnist/x, Train.zip!/a.bin, 3, NULL, a.bin, both",
      "nmnist/x, Test.zip!/a.bin, 3, Train.zip, a.bin, source of archive member",
      "nmnist/x, ' ', 3, NULL, NULL, source",
  })
  void rejectsInvalidReferences(String id, String source, int label, String archive, String entry, String problem) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> make(id, source, label, archive, entry));
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void timeWindowsMetadataAndFormatOptions() throws IOException, ClassNotFoundException {
    SampleRef whole = make("nmnist/Train/3/00012", "Train/3/00012.bin", 3, null, null);
    assertEquals(false, whole.hasTimeWindow());
    assertEquals(SampleRef.NO_TIME_WINDOW, whole.timeWindowStartUs());
    assertEquals(java.util.Map.of(), whole.metadata());
    assertTrue(whole.inTimeWindow(Long.MIN_VALUE));
    SampleRef part = whole.withTimeWindow(100, 200).withMetadata(java.util.Map.of("b", "2", "a", "1"))
        .withFormatOptions(java.util.Map.of("axes", "spikingjelly-cifar10dvs"));
    assertTrue(part.hasTimeWindow());
    assertTrue(part.inTimeWindow(100) && part.inTimeWindow(199));
    assertTrue(!part.inTimeWindow(99) && !part.inTimeWindow(200));
    assertEquals(java.util.List.of("a", "b"), java.util.List.copyOf(part.metadata().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> part.metadata().put("c", "3"));
    assertThrows(IllegalArgumentException.class, () -> whole.withTimeWindow(5, 5));
    assertThrows(IllegalArgumentException.class, () -> whole.withTimeWindow(-1, 5));
    assertThrows(IllegalArgumentException.class, () -> whole.withTimeWindow(-2, 5));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(part);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(part, in.readObject());
    }
  }

  @Test
  void survivesJavaSerialization() throws IOException, ClassNotFoundException {
    SampleRef ref = make("nmnist/Train/3/00012", "Train.zip!/Train/3/00012.bin", 3, "Train.zip", "Train/3/00012.bin");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(ref);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(ref, in.readObject());
    }
  }
}
