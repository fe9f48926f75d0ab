package org.evshard.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A corpus's list and label files: lines as Files.readAllLines gives them, or the first bad byte's offset and line. */
class TextFilesTest {

  @TempDir
  Path tmp;

  private static IllegalStateException fail(String problem) {
    return new IllegalStateException(problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "a\n", "a\r\nb", "a\rb\n\nc\n", "ünï\ncödé\n", "\n\n"})
  void splitsLinesAsFilesReadAllLines(String text) throws IOException {
    Path file = Files.writeString(tmp.resolve("list.txt"), text);
    assertEquals(Files.readAllLines(file), TextFiles.readLines(file, TextFilesTest::fail));
  }

  /** A file saved by Notepad or Excel starts with a byte order mark: it is not part of the first line. */
  @Test
  void aLeadingByteOrderMarkIsDropped() throws IOException {
    Path file = Files.write(tmp.resolve("trials_to_train.txt"),
        "\uFEFFuser01_natural.aedat\r\nuser02_led.aedat\r\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("user01_natural.aedat", "user02_led.aedat"),
        TextFiles.readLines(file, TextFilesTest::fail));
    Path inside = Files.writeString(tmp.resolve("inside.txt"), "a\n\uFEFFb\n");
    assertEquals(List.of("a", "\uFEFFb"), TextFiles.readLines(inside, TextFilesTest::fail), "only a leading one");
  }

  @Test
  void aBadByteIsReportedWithItsOffsetAndLine() throws IOException {
    byte[] head = "class,startTime_usec,endTime_usec\n1,100,".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[head.length + 5];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xFF;
    bytes[head.length + 1] = '2';
    bytes[head.length + 2] = '0';
    bytes[head.length + 3] = '0';
    bytes[head.length + 4] = '\n';
    Path file = Files.write(tmp.resolve("user01_led_labels.csv"), bytes);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TextFiles.readLines(file, TextFilesTest::fail));
    assertEquals("is not UTF-8 text: byte 0xFF at offset " + head.length + " (line 2)", e.getMessage());
  }

  @Test
  void aTruncatedMultiByteCharacterAtTheEndIsReported() throws IOException {
    Path file = Files.write(tmp.resolve("train.txt"), new byte[] {'a', '\n', (byte) 0xC3});
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TextFiles.readLines(file, TextFilesTest::fail));
    assertEquals("is not UTF-8 text: byte 0xC3 at offset 2 (line 2)", e.getMessage());
  }

  @Test
  void aFileLargerThanTheLimitFailsBeforeItIsRead() throws IOException {
    Path file = tmp.resolve("train.txt");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(TextFiles.MAX_BYTES + 1); // sparse: no 64 MB written
    }
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TextFiles.readLines(file, TextFilesTest::fail));
    assertTrue(e.getMessage().startsWith("is " + (TextFiles.MAX_BYTES + 1) + " bytes, more than"), e.getMessage());
  }

  @Test
  void dvsGestureRejectsTheRecordingOfABadLabelFileNamingTheByte() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("DvsGesture"));
    Files.write(dir.resolve("user01_led_labels.csv"), new byte[] {'1', ',', '1', ',', (byte) 0xFF, '\n'});
    Files.writeString(dir.resolve("user02_led_labels.csv"), "class,startTime_usec,endTime_usec\n3,100,200\n");
    Files.createFile(dir.resolve("user01_led.aedat"));
    Files.createFile(dir.resolve("user02_led.aedat"));
    Files.writeString(dir.resolve("trials_to_train.txt"), "user01_led.aedat\nuser02_led.aedat\n");
    Discovery found = new DvsGesture().discover(tmp, DiscoveryOptions.defaults());
    assertEquals(1, found.samples().size(), "user02's interval still converts");
    assertEquals(1, found.rejected().size());
    assertEquals("DvsGesture/user01_led_labels.csv is not UTF-8 text: byte 0xFF at offset 4 (line 1)",
        found.rejected().get(0).reason());
  }

  @Test
  void aFileListNamesTheLineOfItsBadByte() throws IOException {
    StringBuilder good = new StringBuilder();
    for (int i = 0; i < 2000; i++) { // more than one 8 KB buffer of the reader before the bad line
      good.append("Train/0/").append(i).append(".bin\n");
    }
    byte[] head = good.toString().getBytes(StandardCharsets.UTF_8);
    byte[] bytes = java.util.Arrays.copyOf(head, head.length + 3);
    bytes[head.length] = 'x';
    bytes[head.length + 1] = (byte) 0xFF;
    bytes[head.length + 2] = '\n';
    Path list = Files.write(tmp.resolve("list.txt"), bytes);
    FileListException e = assertThrows(FileListException.class, () -> FileListing.read(list));
    assertEquals(list + " line 2001: not UTF-8 text: byte 0xFF at offset " + (head.length + 1), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "a\n", "a\r\nb", "a\rb\n\nc\n", "a\r\r\nb\r", "\n\n./x/ü.bin\n# note\n  y  \n",
      "a\n\r\nb"})
  void aFileListEndsLinesAsReadLineDoes(String text) throws IOException {
    Path list = Files.writeString(tmp.resolve("list.txt"), text);
    java.util.TreeSet<String> expected = new java.util.TreeSet<>();
    for (String line : Files.readAllLines(list)) {
      String p = line.strip();
      if (!p.isEmpty() && !p.startsWith("#")) {
        expected.add(p.startsWith("./") ? p.substring(2) : p);
      }
    }
    assertEquals(expected, FileListing.read(list).paths());
  }

  @Test
  void listsSurviveUnchanged() throws IOException {
    Path file = Files.writeString(tmp.resolve("test.txt"), "a b 1\n\nc d 2\n");
    assertEquals(List.of("a b 1", "", "c d 2"), TextFiles.readLines(file, TextFilesTest::fail));
  }
}
