package org.evshard.io.hdf5;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.format.Detection;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;

/**
 * Event recordings in HDF5 (read with jhdf): DSEC's {@code events/{x,y,t,p}} datasets and Prophesee's
 * {@code /CD/events} compound dataset. See {@link Hdf5EventReader}.
 *
 * <p>HDF5 needs random access, so {@link #openPath} reads the file in place. {@link #open(InputStream, String,
 * ReadOptions)} (an archive member, a remote stream) first copies the stream to a temporary file, at most
 * {@link #maxSpoolBytes()} bytes, and deletes it when the reader is closed.
 */
public final class Hdf5EventFormat implements EventFormat {

  public static final String NAME = "hdf5";
  /** Default most bytes a stream is copied to a temporary file before reading: 4 GiB. */
  public static final long DEFAULT_MAX_SPOOL_BYTES = 4L << 30;

  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private final long maxSpoolBytes;

  public Hdf5EventFormat() {
    this(DEFAULT_MAX_SPOOL_BYTES);
  }

  public Hdf5EventFormat(long maxSpoolBytes) {
    if (maxSpoolBytes <= 0) {
      throw new IllegalArgumentException("maxSpoolBytes must be positive, got " + maxSpoolBytes);
    }
    this.maxSpoolBytes = maxSpoolBytes;
  }

  public long maxSpoolBytes() {
    return maxSpoolBytes;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of("h5", "hdf");
  }

  @Override
  public List<String> extensions() {
    return List.of(".h5", ".hdf5", ".hdf");
  }

  /** The HDF5 signature at byte 0 (or after a user block of 512, 1024 or 2048 bytes), else the extension. */
  @Override
  public Detection detect(byte[] head, int length, String fileName) {
    for (int at : new int[] {0, 512, 1024, 2048}) {
      if (hasSignatureAt(head, length, at)) {
        return Detection.MAGIC;
      }
    }
    if (fileName == null || length <= 0) {
      return Detection.NO;
    }
    String n = fileName.toLowerCase(Locale.ROOT);
    return extensions().stream().anyMatch(n::endsWith) ? Detection.EXTENSION : Detection.NO;
  }

  private static boolean hasSignatureAt(byte[] head, int length, int at) {
    if (length < at + SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (head[at + i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public EventReader openPath(Path file, String sourceName, ReadOptions options) throws IOException {
    return Hdf5EventReader.open(file, sourceName, options, null);
  }

  /** Copies {@code in} to a temporary file (at most {@link #maxSpoolBytes()}), then reads that file. */
  @Override
  public EventReader open(InputStream in, String sourceName, ReadOptions options) throws IOException {
    Path temp = Files.createTempFile("evshard-hdf5-", ".h5");
    try (in; OutputStream out = Files.newOutputStream(temp)) {
      byte[] buf = new byte[1 << 16];
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxSpoolBytes) {
          throw new LimitExceededException(sourceName, maxSpoolBytes, "HDF5 stream size (copied to a temporary "
              + "file because HDF5 needs random access; read the file by path to avoid the copy)", total, maxSpoolBytes);
        }
        out.write(buf, 0, n);
      }
      if (total == 0) {
        throw new CorruptInputException(sourceName, 0, "empty recording: 0 bytes");
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    try {
      return Hdf5EventReader.open(temp, sourceName, options, temp);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }
}
