package org.evshard.io.tar;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a webdataset shard (plain tar; wrap the stream to compress) deterministically, for resharding: the same
 * samples in the same order always give the same bytes. Each sample's members are written sorted by extension, as
 * {@code key.ext}, with fixed metadata (mtime 0, uid and gid 0, no user or group name, mode 0644). Long or non-ASCII
 * names get POSIX (PAX) headers. Names that {@link WebDatasetReader} would not read back as the same sample are
 * rejected: upper-case or empty extensions, dots in the key's basename, absolute or {@code ..} paths, webdataset
 * metadata names, and a key equal to the previous one (consecutive equal keys would merge into one sample).
 */
public final class WebDatasetWriter implements Closeable {

  private static final int MODE = 0100644;

  private final TarArchiveOutputStream tar;
  private String previousKey;
  private long samples;

  /** Writes to {@code out}, which {@link #close()} closes after the end-of-archive marker. */
  public WebDatasetWriter(OutputStream out) {
    this.tar = new TarArchiveOutputStream(Objects.requireNonNull(out), StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
  }

  /**
   * Writes one sample.
   *
   * @param members extension to bytes, e.g. {@code jpg}, {@code txt}, {@code json}; at least one
   */
  public void write(String key, Map<String, byte[]> members) throws IOException {
    Objects.requireNonNull(key);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("sample '" + key + "' has no members");
    }
    if (key.equals(previousKey)) {
      throw new IllegalArgumentException("sample key '" + key + "' repeats the previous key: a reader would merge "
          + "the two samples");
    }
    TreeMap<String, byte[]> sorted = new TreeMap<>(members);
    for (String ext : sorted.keySet()) {
      String name = key + "." + ext;
      WebDatasetName parsed = WebDatasetName.parse(name).orElse(null);
      TarSkipReason skip = WebDatasetName.skipReason(name);
      if (skip != null || parsed == null || !parsed.key().equals(key) || !parsed.extension().equals(ext)
          || !parsed.lowerCaseExtension().equals(ext) || ext.isEmpty()) {
        throw new IllegalArgumentException("member name '" + name + "' would not read back as key '" + key
            + "' and extension '" + ext + "'" + (skip == null ? "" : " (a reader skips it: " + skip.label() + ")"));
      }
    }
    for (Map.Entry<String, byte[]> m : sorted.entrySet()) {
      TarArchiveEntry e = new TarArchiveEntry(key + "." + m.getKey(), true);
      e.setSize(m.getValue().length);
      e.setModTime(new Date(0));
      e.setMode(MODE);
      e.setIds(0, 0);
      e.setNames("", "");
      tar.putArchiveEntry(e);
      tar.write(m.getValue());
      tar.closeArchiveEntry();
    }
    previousKey = key;
    samples++;
  }

  public long samplesWritten() {
    return samples;
  }

  /** Writes the end-of-archive marker and closes the stream. */
  @Override
  public void close() throws IOException {
    tar.close();
  }
}
