package org.evshard.io.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir
  Path tmp;

  /** A disk that fills up after {@code room} bytes. */
  static OutputStream fillsUpAfter(OutputStream out, long room) {
    return new FilterOutputStream(out) {
      long written;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (written + len > room) {
          out.write(b, off, (int) (room - written));
          written = room;
          throw new IOException("No space left on device");
        }
        out.write(b, off, len);
        written += len;
      }
    };
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aMissingFolderIsNamedAsTheOutputsFolder() {
    Path target = tmp.resolve("missing/out.npy");
    java.nio.file.NoSuchFileException e = assertThrows(
        java.nio.file.NoSuchFileException.class, () -> AtomicFiles.write(target, out -> out.write(1)));
    assertEquals(tmp.resolve("missing").toAbsolutePath().toString(), e.getFile());
    org.junit.jupiter.api.Assertions.assertTrue(e.getReason().contains("out.npy does not exist"), e.getReason());
  }

  @Test
  void writesTheFileAndLeavesNothingElse() throws IOException {
    Path out = tmp.resolve("x.npy");
    AtomicFiles.write(out, s -> s.write("hello".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("hello", Files.readString(out));
    AtomicFiles.write(out, s -> s.write("again".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("again", Files.readString(out), "replaces an existing file");
    assertEquals(List.of("x.npy"), names());
  }

  @Test
  void aChannelWriterMaySeekBackAndAFailingOneLeavesNothing() throws IOException {
    Path out = tmp.resolve("x.npy");
    AtomicFiles.writeChannel(out, ch -> {
      ch.write(java.nio.ByteBuffer.wrap("world".getBytes(StandardCharsets.US_ASCII)), 6);
      ch.write(java.nio.ByteBuffer.wrap("hello ".getBytes(StandardCharsets.US_ASCII)), 0);
    });
    assertEquals("hello world", Files.readString(out));
    IllegalStateException boom = new IllegalStateException("boom");
    assertSame(boom, assertThrows(IllegalStateException.class, () -> AtomicFiles.writeChannel(out, ch -> {
      ch.write(java.nio.ByteBuffer.wrap(new byte[1 << 20]));
      throw boom;
    })));
    assertEquals("hello world", Files.readString(out), "the old file is untouched");
    assertEquals(List.of("x.npy"), names(), "no temporary sibling left");
  }

  @Test
  void aWriteThatFailsHalfwayLeavesNoPartialFile() throws IOException {
    Path out = tmp.resolve("x.npy");
    byte[] big = new byte[3 << 20]; // several buffer loads, so bytes reach the disk before the failure
    IOException full = assertThrows(IOException.class,
        () -> AtomicFiles.write(out, s -> fillsUpAfter(s, 2 << 20).write(big)));
    assertEquals(out + ": No space left on device", full.getMessage(), "the file being written is named");
    assertFalse(Files.exists(out), "no partial output");
    assertEquals(List.of(), names(), "no temporary sibling left");
  }

  @Test
  void aFailingWriteKeepsTheExistingFileAndRethrowsTheBodysError() throws IOException {
    Path out = tmp.resolve("x.png");
    Files.write(out, new byte[] {1, 2, 3});
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> AtomicFiles.write(out, s -> {
      s.write(new byte[1 << 21]);
      throw boom;
    }));
    assertSame(boom, e);
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out), "the old file is untouched");
    assertEquals(List.of("x.png"), names());
  }

  @Test
  void theFileHasThePermissionsOfAPlainNewFile() throws IOException {
    java.util.Set<java.nio.file.attribute.PosixFilePermission> plain = PlainPermissions.in(tmp);
    Path out = tmp.resolve("out.bin");
    AtomicFiles.write(out, s -> s.write(1));
    assertEquals(plain, Files.getPosixFilePermissions(out));
  }

  /**
   * SIGTERM (or SIGINT) while a file is written: the JVM runs no catch or finally, and the hidden sibling stayed behind
   * (an interrupted decode of 10 GB left 9 GB no later run would find). Now the shutdown hook deletes it.
   */
  @Test
  @org.junit.jupiter.api.Timeout(120)
  void aJvmStoppedWhileWritingLeavesNoHiddenSibling() throws Exception {
    Path out = tmp.resolve("slow.npy");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), SlowWriter.class.getName(), out.toString()).inheritIO().start();
    try {
      while (siblings(tmp).isEmpty()) {
        assertTrue(child.isAlive(), "the writer ended before it started its file");
        Thread.sleep(50);
      }
      child.destroy(); // SIGTERM
      assertEquals(143, child.waitFor());
    } finally {
      child.destroyForcibly();
    }
    assertEquals(List.of(), siblings(tmp));
    assertFalse(Files.exists(out));
  }

  /** A full disk said only "No space left on device" for decode and convert-file: the file being written is named. */
  @Test
  void aWriteErrorNamesTheFileBeingWritten() {
    Path out = tmp.resolve("full.npy");
    java.nio.file.FileSystemException e = assertThrows(java.nio.file.FileSystemException.class,
        () -> AtomicFiles.write(out, s -> {
          throw new IOException("No space left on device");
        }));
    assertEquals(out + ": No space left on device", e.getMessage());
    assertFalse(Files.exists(out));
  }

  /** A folder nothing can be created in (/proc here, as root) was reported by the hidden sibling's name. */
  @Test
  void aFolderThatRefusesNewFilesIsReportedByTheOutputsName() {
    Path out = Path.of("/proc/x.npy");
    java.nio.file.FileSystemException e = assertThrows(java.nio.file.FileSystemException.class,
        () -> AtomicFiles.write(out, s -> s.write(1)));
    assertEquals(out.toString(), e.getFile());
    assertTrue(e.getReason().startsWith("cannot write x.npy in /proc"), e.getReason());
    assertFalse(e.getMessage().contains(".part"), e.getMessage());
  }

  @Test
  void aSiblingIsLiveOnlyWhileItIsWritten() throws Exception {
    Path out = tmp.resolve("live.bin");
    AtomicFiles.write(out, s -> {
      assertEquals(1, AtomicFiles.live().stream().filter(p -> p.getParent().equals(tmp)).count());
      s.write(1);
    });
    assertEquals(0, AtomicFiles.live().stream().filter(p -> p.getParent().equals(tmp)).count());
    assertThrows(IOException.class, () -> AtomicFiles.write(tmp.resolve("fails.bin"), s -> {
      throw new IOException("stop");
    }));
    assertEquals(0, AtomicFiles.live().stream().filter(p -> p.getParent().equals(tmp)).count());
  }

  private static List<Path> siblings(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
    }
  }

  /** Writes one byte of {@code args[0]} and waits to be stopped. */
  static final class SlowWriter {
    public static void main(String[] args) throws Exception {
      AtomicFiles.write(Path.of(args[0]), s -> {
        s.write(1);
        s.flush();
        try {
          Thread.sleep(600_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
  }
}
