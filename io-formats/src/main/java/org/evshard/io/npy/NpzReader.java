package org.evshard.io.npy;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.file.ZipMemberCheck;

/**
 * Reads the arrays of a numpy {@code .npz} file (a zip of {@code name.npy} members, stored by {@code np.savez},
 * deflated by {@code np.savez_compressed}), such as DataComp's per-shard CLIP embeddings ({@code b32_img},
 * {@code l14_img}, {@code b32_txt}, {@code l14_txt}: float16 arrays of shape (rows, 512 or 768)). Members are found
 * through the zip's central directory and read one at a time, on request. A member's uncompressed size from the
 * directory is checked against the configured limit before anything is allocated, and the NPY header's declared size
 * against both; members that are not {@code .npy} files are not listed.
 */
public final class NpzReader implements Closeable {

  /** 1 GiB: a DataComp l14 embedding member is about 0.8 GB. */
  public static final long DEFAULT_MAX_MEMBER_BYTES = 1L << 30;
  private static final String SUFFIX = ".npy";

  private final String source;
  private final long maxMemberBytes;
  private final ZipFile zip;
  private final Map<String, ZipArchiveEntry> members = new LinkedHashMap<>();

  private NpzReader(SeekableByteChannel channel, String source, long maxMemberBytes) throws IOException {
    if (maxMemberBytes < 0) {
      throw new IllegalArgumentException("maxMemberBytes must be >= 0");
    }
    this.source = source;
    this.maxMemberBytes = Math.min(maxMemberBytes, NpyArray.MAX_DATA_BYTES);
    try {
      this.zip = ZipFile.builder().setSeekableByteChannel(channel).setIgnoreLocalFileHeader(false).get();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw new CorruptInputException(source, -1, "not a readable zip (npz) file: " + e.getMessage(), e);
    }
    for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
      String name = e.getName();
      if (!e.isDirectory() && name.endsWith(SUFFIX) && name.length() > SUFFIX.length()) {
        members.putIfAbsent(name.substring(0, name.length() - SUFFIX.length()), e);
      }
    }
  }

  /** Opens an npz file; members larger than {@code maxMemberBytes} (uncompressed) are refused. */
  public static NpzReader open(Path file, long maxMemberBytes) throws IOException {
    return new NpzReader(java.nio.file.Files.newByteChannel(org.evshard.io.file.RegularFile.require(file)),
        file.toString(), maxMemberBytes);
  }

  public static NpzReader open(Path file) throws IOException {
    return open(file, DEFAULT_MAX_MEMBER_BYTES);
  }

  /** Reads an npz held in memory (the array is not copied and must not change while the reader is open). */
  public static NpzReader of(byte[] npz, String source, long maxMemberBytes) throws IOException {
    return new NpzReader(new SeekableInMemoryByteChannel(npz), source, maxMemberBytes);
  }

  /** The array names ({@code .npy} member names without the suffix), in directory order, as numpy's {@code files}. */
  public List<String> names() {
    return new ArrayList<>(members.keySet());
  }

  /** Reads one array. */
  public NpyArray read(String name) throws IOException {
    ZipArchiveEntry e = members.get(name);
    String where = source + "!" + name + SUFFIX;
    if (e == null) {
      throw new CorruptInputException(source, -1, "npz has no array '" + name + "'; it holds " + names());
    }
    long size = e.getSize();
    if (size > maxMemberBytes) {
      throw new LimitExceededException(where, 0, "npz member size", size, maxMemberBytes);
    }
    // only the two methods numpy writes: commons-compress would also hand XZ, Zstandard, ... members to codecs whose
    // optional libraries may be missing (a NoClassDefFoundError, not a content error)
    int method = e.getMethod();
    if (method != ZipEntry.STORED && method != ZipEntry.DEFLATED || !zip.canReadEntryData(e)) {
      ZipMethod known = ZipMethod.getMethodByCode(method);
      throw new UnsupportedFormatException(where, 0, "zip compression method " + method
          + (known == null ? "" : " (" + known + ")") + " is not supported (npz files are stored or deflated)");
    }
    long maxData = size >= 0 ? Math.min(size, maxMemberBytes) : maxMemberBytes;
    try (InputStream in = new BufferedInputStream(new ZipMemberCheck(zip.getInputStream(e), where, size, e.getCrc()),
        1 << 16)) {
      NpyArray array = NpyArray.read(in, where, maxData);
      in.transferTo(OutputStream.nullOutputStream()); // to the member's end, where its CRC-32 is checked
      return array;
    } catch (EvshardIoException ex) {
      throw ex;
    } catch (IOException | RuntimeException ex) {
      throw new CorruptInputException(where, -1, "cannot read the zip member: " + ex.getMessage(), ex);
    }
  }

  /**
   * Reads one array as floats (float16 and float32 exactly), e.g. an embedding matrix of shape (rows, dim) in C
   * order: row {@code r} is {@code [r * dim, (r + 1) * dim)}.
   */
  public float[] readFloats(String name) throws IOException {
    NpyArray a = read(name);
    if (a.type() != NpyScalarType.FLOAT16 && a.type() != NpyScalarType.FLOAT32) {
      throw new UnsupportedFormatException(source + "!" + name + SUFFIX, 0, "expected a float16 or float32 array, "
          + "found " + a.elementType());
    }
    return a.toFloatArray();
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
