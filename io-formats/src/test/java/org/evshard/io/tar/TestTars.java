package org.evshard.io.tar;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds tar archives in memory with commons-compress's writer, entry by entry, for the reader tests. */
final class TestTars {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());
  /** Header offset of each entry added, computed from the ustar layout: 512-byte header + data padded to 512. */
  final List<Long> headerOffsets = new ArrayList<>();
  private long position;

  TestTars() {
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
  }

  TestTars file(String name, byte[] data) {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setSize(data.length);
    return add(e, data);
  }

  TestTars file(String name, String text) {
    return file(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** An entry of the given type flag without data (links, devices, FIFOs, directories). */
  TestTars special(String name, byte flag, String linkTarget) {
    TarArchiveEntry e = new TarArchiveEntry(name, flag, true);
    if (linkTarget != null) {
      e.setLinkName(linkTarget);
    }
    if (flag == TarConstants.LF_CHR || flag == TarConstants.LF_BLK) {
      e.setDevMajor(1);
      e.setDevMinor(3);
    }
    return add(e, new byte[0]);
  }

  private TestTars add(TarArchiveEntry e, byte[] data) {
    try {
      headerOffsets.add(position);
      tar.putArchiveEntry(e);
      tar.write(data);
      tar.closeArchiveEntry();
      position += 512 + (data.length + 511) / 512 * 512;
      return this;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  byte[] finish() {
    try {
      tar.close();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return bytes.toByteArray();
  }

  static List<WebDatasetSample> readAll(WebDatasetReader r) throws IOException {
    List<WebDatasetSample> out = new ArrayList<>();
    r.forEachRemaining(out::add);
    return out;
  }

  static WebDatasetReader reader(byte[] tar, TarLimits limits) throws IOException {
    return new WebDatasetReader(new ByteArrayInputStream(tar), "mem.tar", limits);
  }
}
