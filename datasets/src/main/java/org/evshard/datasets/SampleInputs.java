package org.evshard.datasets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.InputChangedException;
import org.evshard.io.file.FileStamp;

/**
 * Opens the bytes of a {@link SampleRef} under an input root: a plain file, or a zip member through an
 * {@link ArchiveCache}. One instance per reader thread pool (or per DoFn instance); closing it closes the archives.
 */
public final class SampleInputs implements AutoCloseable {

  private static final int BUFFER_BYTES = 64 * 1024;

  private final ArchiveCache archives;

  public SampleInputs() {
    this(new ArchiveCache());
  }

  public SampleInputs(ArchiveCache archives) {
    this.archives = Objects.requireNonNull(archives, "archives");
  }

  /**
   * A buffered stream over the recording's bytes; the caller closes it.
   *
   * @throws CorruptInputException when the reference names a directory
   * @throws NoSuchFileException when the file, archive or member does not exist
   * @throws InputChangedException when the file (the archive for a member) is not as {@link SampleRef#listedAs}
   */
  public InputStream open(Path root, SampleRef ref) throws IOException {
    if (ref.inArchive()) {
      if (ref.listedAs() != null) {
        requireAsListed(ref, FileStamp.of(root.resolve(ref.archive())));
      }
      return new BufferedInputStream(archives.openMember(root.resolve(ref.archive()), ref.entry(), ref.source()),
          BUFFER_BYTES);
    }
    Path file = checkedFile(root, ref);
    return new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
  }

  /** Size of the recording in bytes, or -1 when an archive does not record it. */
  public long size(Path root, SampleRef ref) throws IOException {
    if (ref.inArchive()) {
      return archives.memberSize(root.resolve(ref.archive()), ref.entry(), ref.source());
    }
    return Files.size(checkedFile(root, ref));
  }

  /**
   * The file of a plain (not archived) recording, for readers that open files in place (random access, e.g. HDF5).
   *
   * @throws IllegalArgumentException when the reference is an archive member
   * @throws CorruptInputException when the reference names a directory
   * @throws NoSuchFileException when the file does not exist
   * @throws InputChangedException when the file is not as {@link SampleRef#listedAs}
   */
  public Path plainFile(Path root, SampleRef ref) throws IOException {
    if (ref.inArchive()) {
      throw new IllegalArgumentException(ref.source() + " is an archive member, not a plain file");
    }
    return checkedFile(root, ref);
  }

  private static Path checkedFile(Path root, SampleRef ref) throws IOException {
    Path file = root.resolve(ref.source());
    BasicFileAttributes attributes; // one stat call for both checks (this runs once per sample)
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException missing) {
      throw new NoSuchFileException(file.toString(), null,
          "recording of sample " + ref.sampleId() + " not found when it was to be read: a --file-list entry that "
              + "does not exist, or a file moved or deleted after discovery");
    }
    if (attributes.isDirectory()) {
      throw new CorruptInputException(ref.source(), -1, "is a directory, expected a recording file");
    }
    if (attributes.isOther()) { // opening a named pipe blocks until something writes to it: the run would hang
      throw new CorruptInputException(ref.source(), -1, "is not a regular file (a named pipe, socket or device), "
          + "expected a recording file: not opened");
    }
    if (ref.listedAs() != null) {
      requireAsListed(ref, FileStamp.of(attributes));
    }
    return file;
  }

  /**
   * The stamp of the file holding {@code ref}'s recording (the zip for an archive member) now, for
   * {@link SampleRef#stamped}.
   */
  public static FileStamp stampOf(Path root, SampleRef ref) throws IOException {
    return FileStamp.of(root.resolve(ref.inArchive() ? ref.archive() : ref.source()));
  }

  private static void requireAsListed(SampleRef ref, FileStamp now) {
    String change = ref.listedAs().change(now);
    if (change != null) {
      throw new InputChangedException(ref.inArchive() ? ref.archive() : ref.source(), -1, "changed after the run "
          + "listed it (" + change + "): sample " + ref.sampleId() + " is not decoded as it happens to be (was it "
          + "still being copied or extracted?)");
    }
  }

  @Override
  public void close() throws IOException {
    archives.close();
  }
}
