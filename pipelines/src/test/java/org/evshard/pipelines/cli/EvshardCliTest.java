package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's own behaviour: messages for file-system errors, the exit code without a command. */
class EvshardCliTest {

  @TempDir
  Path tmp;

  /** An Error out of a command (picocli passes them on) becomes exit 2 and a message, so the JVM exits. */
  @Test
  void anErrorOutOfTheCommandBecomesExitTwoWithAMessage() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream err = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(2, EvshardCli.exitCode(() -> {
      throw new OutOfMemoryError("Java heap space");
    }, err));
    assertEquals("evshard: java.lang.OutOfMemoryError: Java heap space; give the JVM more heap (-Xmx; scripts/evshard "
        + "reads EVSHARD_JAVA_OPTS)", bytes.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
    bytes.reset();
    assertEquals(2, EvshardCli.exitCode(() -> {
      throw new StackOverflowError();
    }, err));
    assertEquals("evshard: java.lang.StackOverflowError: an input nests or links its structure too deeply to read (a "
        + "crafted or damaged file)", bytes.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
    bytes.reset();
    assertEquals(2, EvshardCli.exitCode(() -> { // HotSpot's SIGBUS on a mapped file cut while it is read
      throw new InternalError("a fault occurred in a recent unsafe memory access operation in compiled Java code");
    }, err));
    assertEquals("evshard: java.lang.InternalError: a fault occurred in a recent unsafe memory access operation in "
        + "compiled Java code: a memory-mapped input (an HDF5 file) was cut or changed while it was read; read it "
        + "again once it is complete", bytes.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
    assertEquals(1, EvshardCli.exitCode(() -> 1, err));
  }

  @Test
  void aMissingInputIsNamedAsSuch() {
    Path missing = tmp.resolve("nonexistent/x.bin");
    CliOutput r = CliOutput.run("decode", missing.toString(), "-o", tmp.resolve("y.npy").toString());
    assertEquals(2, r.exitCode);
    assertEquals("evshard decode: no such file: " + missing, r.err.strip());
    CliOutput given = CliOutput.run("decode", missing.toString(), "--format", "atis-bin", "-o",
        tmp.resolve("y.npy").toString());
    assertEquals("evshard decode: no such file: " + missing, given.err.strip());
  }

  @Test
  void anUnreadableInputIsPermissionDenied() throws Exception {
    Path bin = Files.write(tmp.resolve("locked.bin"), new byte[10]);
    Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("---------"));
    Assumptions.assumeFalse(Files.isReadable(bin), "root reads any file");
    CliOutput r = CliOutput.run("decode", bin.toString(), "-o", tmp.resolve("y.npy").toString());
    assertEquals(2, r.exitCode);
    assertEquals("evshard decode: permission denied: " + bin, r.err.strip());
  }

  @Test
  void everyFileSystemErrorSaysWhatHappened() {
    assertEquals("no such file: /in/x.bin", CliErrors.describe(new NoSuchFileException("/in/x.bin")));
    assertEquals("permission denied: /out/y.npy", CliErrors.describe(new AccessDeniedException("/out/y.npy")));
    assertEquals("file already exists: /out/y.npy", CliErrors.describe(new FileAlreadyExistsException("/out/y.npy")));
    assertEquals("not a directory: /out", CliErrors.describe(new NotDirectoryException("/out")));
    assertEquals("permission denied: /a -> /b (Operation not permitted)",
        CliErrors.describe(new AccessDeniedException("/a", "/b", "Operation not permitted")));
    assertEquals("/data: Is a directory", CliErrors.describe(new FileSystemException("/data", null, "Is a directory")));
    assertEquals("file system error: /data", CliErrors.describe(new FileSystemException("/data")));
    assertEquals("no such file: /in/x.bin",
        CliErrors.describe(new UncheckedIOException(new NoSuchFileException("/in/x.bin"))));
    assertEquals("bad spec", CliErrors.describe(new IllegalArgumentException("bad spec")));
  }

  @Test
  void noCommandIsAUsageErrorOnStderr() {
    CliOutput r = CliOutput.run();
    assertEquals(2, r.exitCode);
    assertEquals("", r.out);
    assertTrue(r.err.contains("Usage: evshard"), r.err);
    assertTrue(r.err.contains("decode"), "lists the commands: " + r.err);
  }

  @Test
  void helpIsStillASuccessOnStdout() {
    CliOutput r = CliOutput.run("--help");
    assertEquals(0, r.exitCode);
    assertTrue(r.out.contains("Usage: evshard"), r.out);
  }
}
